/**
 * The flows done with the keyboard alone (Tab, Shift+Tab, Enter, Space, Escape), the focus visible
 * on every element passed on the way.
 */
import { describe, expect } from 'vitest';
import { test as it, test } from './fixtures';
import { closePages } from './helpers/browser';
import { tabTo } from './helpers/keyboard';
import { CheckPage } from './pages/check';
import { EnergyTab } from './pages/energy';
import { GatewaySetupForm, PaymentsTab, type SeededGateway } from './pages/payments';

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

  it('connects TronLink and rents energy from the best offer', async ({ harness, sandbox }) => {
    await sandbox.fastBlocks();
    const energy = await EnergyTab.open(harness);
    const { page } = energy;
    const unmarked: string[] = [];
    const connect = page.getByRole('button', { name: 'Connect TronLink' });
    unmarked.push(...(await tabTo(page, connect)));
    await page.keyboard.press('Enter');
    await energy.account.waitFor({ timeout: 30_000 });

    // The best offer is chosen already; its Rent button names the source and price.
    await energy.quoteText();
    const rent = page.getByRole('button', { name: /^Rent from TronNRG · / });
    unmarked.push(...(await tabTo(page, rent)));
    await page.keyboard.press('Enter');
    await page.getByTestId('energy-confirm').waitFor();
    const pay = page.getByRole('button', { name: /^Pay .* TRX in TronLink$/ });
    unmarked.push(...(await tabTo(page, pay)));
    await page.keyboard.press('Space');
    await energy.waitForRental(['delegated'], 45_000);

    expect(unmarked).toEqual([]);
    const ledger = await sandbox.ledger('tronnrg');
    expect(ledger.filter((entry) => entry.kind === 'delegation')).toHaveLength(1);
    await energy.close();
    await sandbox.normalBlocks();
  });

  it('never leaves a focused control under the sticky rent button in a 600 px popup', async ({ harness }) => {
    const energy = await EnergyTab.open(harness, { width: 380, height: 600 });
    const { page } = energy;
    await energy.connect();
    await energy.quoteText();
    await page.evaluate(() => window.scrollTo(0, 0));
    // Every control from the top of the Energy tab to its end, each checked as Tab reaches it.
    const covered: string[] = [];
    for (let press = 0; press < 60; press += 1) {
      await page.keyboard.press('Tab');
      const found = await page.evaluate(() => {
        const focused = document.activeElement as HTMLElement | null;
        const rent = document.querySelector<HTMLElement>('.energy-form > button[type="submit"]');
        if (!focused || !rent || focused === rent || focused === document.body) return null;
        const a = focused.getBoundingClientRect();
        const b = rent.getBoundingClientRect();
        const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        return overlap > 0 ? `${focused.tagName} "${(focused.textContent ?? '').trim().slice(0, 30)}"` : null;
      });
      if (found) covered.push(found);
    }
    expect(covered).toEqual([]);
    await energy.close();
  });

  it('sets up the payment gateway and creates a payment', async ({ harness, sandbox, options }) => {
    const { gateway } = await harness.control<{ gateway: SeededGateway }>('GET', 'accounts');
    const page = await harness.openExtensionPage('options.html');
    const setup = new GatewaySetupForm(page);
    const unmarked: string[] = [];
    unmarked.push(...(await tabTo(page, setup.form.getByLabel('Gateway address'))));
    await page.keyboard.type(`${sandbox.origin}/gateway`);
    unmarked.push(...(await tabTo(page, setup.form.getByLabel('API key'))));
    await page.keyboard.type(gateway.apiKey);
    unmarked.push(...(await tabTo(page, setup.form.getByRole('button', { name: 'Save gateway' }))));
    await page.keyboard.press('Enter');
    await setup.form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.close();

    const payments = await PaymentsTab.open(harness);
    const form = payments.form;
    const transactionId = await form.locator('input[name="transactionId"]').inputValue();
    unmarked.push(...(await tabTo(payments.page, form.locator('select[name="asset"]'))));
    // A focused select takes its option by typing (USDT is the default).
    await payments.page.keyboard.type('TRX');
    unmarked.push(...(await tabTo(payments.page, form.locator('input[name="amountUsd"]'))));
    await payments.page.keyboard.type('12.50');
    unmarked.push(...(await tabTo(payments.page, form.getByRole('button', { name: 'Create payment' }))));
    await payments.page.keyboard.press('Enter');
    await payments.card(transactionId).waitFor();

    expect(unmarked).toEqual([]);
    expect((await payments.request(transactionId)).asset).toBe('TRX');
    await payments.close();
    await options.send('payments.forgetSetup').catch(() => undefined);
  });
});
