/**
 * The TronZap set-up in the options: a token and secret are kept only once TronZap accepted them,
 * sealed, never shown again, and used only for the TronZap address they were saved for.
 */
import { describe, expect } from 'vitest';
import { test as it } from './fixtures';
import { storageGet } from './helpers/browser';

describe('TronZap set-up', () => {
  it('keeps a token and secret TronZap accepts, shows the balance, and keeps nothing in clear', async ({
    harness,
    sandbox,
    options,
  }) => {
    await sandbox.reset();
    const account = sandbox.accounts.tronzap.accounts.find((a) => a.balanceTrx === '200')!;
    const page = options.page;
    await page.reload();
    await expect.poll(() => page.getByTestId('tronzap-kept').textContent()).toContain('No TronZap token');

    // A wrong secret: TronZap refuses the signature, and nothing is kept.
    await page.getByLabel('API token').fill(account.token);
    await page.getByLabel('API secret').fill('not-the-secret');
    await page.getByRole('button', { name: 'Save and test' }).click();
    await expect.poll(() => page.getByTestId('tronzap-status').textContent()).toContain('did not accept');
    await expect.poll(() => page.getByTestId('tronzap-kept').textContent()).toContain('No TronZap token');

    await page.getByLabel('API secret').fill(account.secret);
    await page.getByRole('button', { name: 'Save and test' }).click();
    await expect.poll(() => page.getByTestId('tronzap-status').textContent()).toContain('Balance: 200 TRX');
    expect(await page.getByLabel('API secret').inputValue()).toBe('');
    await expect
      .poll(() => page.getByTestId('tronzap-kept').textContent())
      .toContain(`kept for ${harness.sandboxOrigin}`);

    // Stored: only ciphertext and the origin, never in clear in either area the extension uses, nor on the page.
    const worker = await harness.worker();
    for (const area of ['local', 'session'] as const) {
      const stored = JSON.stringify(await storageGet(worker, area, null));
      expect(stored).not.toContain(account.token);
      expect(stored).not.toContain(account.secret);
    }
    expect(await page.content()).not.toContain(account.secret);

    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await expect.poll(() => page.getByTestId('tronzap-status').textContent()).toContain('Balance: 200 TRX');

    await page.getByRole('button', { name: 'Forget the token and secret' }).click();
    await expect.poll(() => page.getByTestId('tronzap-kept').textContent()).toContain('No TronZap token');
  });
});
