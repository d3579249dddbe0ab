/**
 * The flows done with the keyboard alone (Tab, Shift+Tab, Enter, Space, Escape), the focus visible
 * on every element passed on the way.
 */
import { describe, expect } from 'vitest';
import { test as it, test } from './fixtures';
import { closePages } from './helpers/browser';
import { tabTo } from './helpers/keyboard';
import { CheckPage } from './pages/check';

test.beforeEach(async ({ sandbox, options, harness }) => {
  await sandbox.reset();
  await options.signOut();
  await closePages(harness, options.page);
});

describe('keyboard only', () => {
  it('signs in and runs a paid check from the confirmation page', async ({ harness, sandbox }) => {
    const alice = sandbox.accounts['2aml'].users.alice;
    const address = sandbox.accounts.tronscan.knownBad[0]!;
    const checksBefore = (await sandbox.ledger('2aml-aml')).length;
    const check = await CheckPage.open(harness, address);
    const { page, forms } = check;
    await forms.signInForm.waitFor();

    const unmarked: string[] = [];
    unmarked.push(...(await tabTo(page, forms.emailInput)));
    await page.keyboard.type(alice.email);
    unmarked.push(...(await tabTo(page, forms.passwordInput)));
    await page.keyboard.type(alice.password);
    await page.keyboard.press('Enter');

    const run = page.getByRole('button', { name: 'Check for 1 credit' });
    await run.waitFor();
    // Backwards from the end of the page, then forwards again: both directions reach it.
    unmarked.push(...(await tabTo(page, run, { backwards: true })));
    await page.keyboard.press('Shift+Tab');
    unmarked.push(...(await tabTo(page, run)));
    await page.keyboard.press('Enter');
    await check.waitForResult();

    expect(unmarked).toEqual([]);
    expect((await sandbox.ledger('2aml-aml')).length).toBe(checksBefore + 1);
    await check.close();
  });
});
