/**
 * The TronZap set-up in the options: a token and secret are kept only once TronZap accepted them,
 * sealed, never shown again, and used only for the TronZap address they were saved for.
 */
import { describe, expect } from 'vitest';
import { test as it } from './fixtures';
import { storageGet } from './helpers/browser';
import { PopupPage } from './pages/popup';

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

describe('TronZap orders', () => {
  it('activates a fresh address, then buys it 65,000 energy, each charged once and ready on chain', async ({
    harness,
    sandbox,
    options,
  }) => {
    await sandbox.reset();
    await sandbox.fastBlocks();
    const account = sandbox.accounts.tronzap.accounts.find((a) => a.balanceTrx === '200')!;
    const saved = await options.send<{ ok: boolean }>('tronzap.save', {
      token: account.token,
      secret: account.secret,
    });
    expect(saved.ok).toBe(true);
    const receiver = sandbox.tronWeb().utils.accounts.generateAccount().address.base58;

    const popup = await PopupPage.open(harness, { width: 380, height: 600 });
    const form = popup.page.locator('form.zap-order');
    await form.getByLabel('For the address').fill(receiver);
    await form.getByLabel('Activate the address').check();
    await expect
      .poll(() => form.getByTestId('zap-quote').textContent(), { timeout: 20_000 })
      .toContain('Price:');
    await form.getByRole('button', { name: /^Buy for/ }).click();
    await expect.poll(() => form.getByTestId('zap-result').textContent()).toContain('Order placed');
    await expect
      .poll(async () => (await sandbox.tronWeb().trx.getAccount(receiver)).address !== undefined, {
        timeout: 30_000,
      })
      .toBe(true);

    await form.getByLabel('Energy for 1 hour').check();
    await form.getByLabel('Energy units').fill('65000');
    await expect
      .poll(() => form.getByTestId('zap-quote').textContent(), { timeout: 20_000 })
      .toContain('Price:');
    await form.getByRole('button', { name: /^Buy for/ }).click();
    await expect.poll(() => form.getByTestId('zap-result').textContent()).toContain('Order placed');

    await popup.select('Activity');
    const orders = popup.page.locator('[data-job-id]', { hasText: 'TronZap order' });
    await expect
      .poll(
        async () => (await orders.allTextContents()).filter((t) => t.includes('Ready on the chain')).length,
        {
          timeout: 45_000,
        },
      )
      .toBe(2);
    const resources = await sandbox.tronWeb().trx.getAccountResources(receiver);
    expect(resources.EnergyLimit ?? 0).toBeGreaterThanOrEqual(65_000);
    expect((await sandbox.ledger('tronzap')).filter((e) => e.kind === 'charge')).toHaveLength(2);
    await popup.close();
    await sandbox.normalBlocks();
  });
});
