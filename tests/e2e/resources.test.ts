/**
 * Bandwidth and savings in the Energy tab, end to end on the sandbox chain: a TronLink account that
 * spent its free bandwidth is told its next USDT transfer would burn TRX, is sent to the options
 * without a TronZap key, rents TronZap bandwidth with one, and is covered once the chain shows it.
 * Then 65,000 energy from TronZap and from TronNRG each make the receiver's USDT transfer burn no TRX,
 * and the history shows what the rental saved. Screenshots go to AMPERE_E2E_SHOTS (when set).
 */
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { test as it, useRentalSandbox } from './fixtures';
import { EnergyTab } from './pages/energy';
import { sendFromPage } from './extension';
import { count, type Sandbox, type Wallet } from './helpers/sandbox';

useRentalSandbox();

const SHOTS = process.env.AMPERE_E2E_SHOTS;

/** Screenshots of `page` at 380 and 300 px, light and dark, when a folder is given. */
async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  for (const width of [380, 300]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(150);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: `${SHOTS}/${name}-${width}-${scheme}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 380, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Spends the account's free bandwidth with two small TRX transfers (267 bytes each of 600). */
async function spendFreeBandwidth(sandbox: Sandbox, wallet: Wallet, to: string): Promise<void> {
  const tronWeb = sandbox.tronWeb(wallet.privateKey);
  for (let i = 0; i < 2; i++) {
    const sent = await tronWeb.trx.sendTransaction(to, 1, { privateKey: wallet.privateKey });
    expect(sent.result).toBe(true);
    await sandbox.mine(1);
  }
}

describe('bandwidth and savings in the Energy tab', () => {
  it('shows bandwidth short, points to TronZap set-up, then rents 1 h of bandwidth once', async ({
    energy,
    harness,
    sandbox,
    options,
  }) => {
    const { tronlink, stranger } = sandbox.accounts.chain.wallets;
    await spendFreeBandwidth(sandbox, tronlink, stranger.address);
    await energy.connect();
    await expect.poll(() => energy.account.textContent()).toBe(tronlink.address);

    const card = energy.page.getByTestId('bandwidth-card');
    await expect.poll(() => card.getByTestId('bandwidth-status').getAttribute('data-covered')).toBe('false');
    await expect.poll(() => card.getByTestId('bandwidth-settings').isVisible()).toBe(true);
    expect(await card.getByTestId('bandwidth-settings').getAttribute('href')).toMatch(
      /\/options\.html#tronzap$/,
    );
    await shoot(energy.page, 'bandwidth-no-key');

    const account = sandbox.accounts.tronzap.accounts.find((a) => a.balanceTrx === '200')!;
    expect(
      (await options.send<{ ok: boolean }>('tronzap.save', { token: account.token, secret: account.secret }))
        .ok,
    ).toBe(true);
    await energy.close();
    const popup = await EnergyTab.open(harness);
    const offerCard = popup.page.getByTestId('bandwidth-card');
    await expect
      .poll(() => offerCard.getByTestId('bandwidth-offer').textContent(), { timeout: 20_000 })
      .toContain('bandwidth for 1 hour from TronZap');
    await shoot(popup.page, 'bandwidth-offer');
    await offerCard.getByTestId('bandwidth-buy').click();
    await expect.poll(() => offerCard.getByTestId('bandwidth-result').textContent()).toContain('ordered');

    await expect
      .poll(() => offerCard.getByTestId('bandwidth-status').getAttribute('data-covered'), { timeout: 45_000 })
      .toBe('true');
    const ledger = await sandbox.ledger('tronzap');
    expect(count(ledger, 'charge')).toBe(1);
    expect(ledger.filter((e) => e.kind === 'delegation')).toEqual([
      expect.objectContaining({ unit: 'bandwidth', account: tronlink.address, amount: '345' }),
    ]);
    await shoot(popup.page, 'bandwidth-covered');
    await popup.close();
  });

  it('rents 65,000 energy from TronZap and from TronNRG; each receiver transfers USDT burning no TRX', async ({
    energy,
    sandbox,
  }) => {
    const { tronlink, stranger } = sandbox.accounts.chain.wallets;
    const account = sandbox.accounts.tronzap.accounts.find((a) => a.balanceTrx === '200')!;
    await sendFromPage(energy.page, 'tronzap.save', { token: account.token, secret: account.secret });

    // TronZap: 65,000 energy to the stranger (who holds USDT), charged to the TronZap balance.
    const started = await sendFromPage<{ ok: boolean; value: { jobId: string } }>(
      energy.page,
      'tronzap.order',
      {
        service: 'energy',
        receiver: stranger.address,
        amount: 65_000,
        durationHours: 1,
      },
    );
    expect(started.ok).toBe(true);
    await expect
      .poll(
        async () => {
          const view = await sendFromPage<{ jobs: { id: string; state: string }[] }>(energy.page, 'view.get');
          return view.jobs.find((job) => job.id === started.value.jobId)?.state;
        },
        { timeout: 45_000 },
      )
      .toBe('ready');
    const zap = await sandbox.ledger('tronzap');
    expect([count(zap, 'charge'), count(zap, 'delegation')]).toEqual([1, 1]);
    expect(await sandbox.sendUsdt(stranger, tronlink.address)).toMatchObject({ fee: 0, energyFee: 0 });

    // TronNRG: 65,000 energy more to the stranger (the first is spent), paid from TronLink.
    await energy.connect();
    await energy.rent({ receiver: stranger.address });
    expect(await energy.waitForRental(['delegated', 'refund_queued', 'failed', 'cancelled'])).toBe(
      'delegated',
    );
    const nrg = await sandbox.ledger('tronnrg');
    expect([count(nrg, 'payment'), count(nrg, 'delegation')]).toEqual([1, 1]);
    await sandbox.mine(1);
    // No TRX for energy. The first transfer used 345 of the stranger's 600 free bandwidth today, so
    // this one burns 345 bytes x 1,000 sun: exactly what the bandwidth card warns about.
    expect(await sandbox.sendUsdt(stranger, tronlink.address)).toMatchObject({
      fee: 345_000,
      energyFee: 0,
    });

    // The history shows what the TronNRG rental saved, and the total counts both rentals.
    const entry = energy.historyEntry('delegated');
    await entry.waitFor();
    await expect
      .poll(() => entry.getByTestId('energy-history-saved').textContent())
      .toContain('Saved 2.5 TRX');
    await expect
      .poll(() => energy.page.getByTestId('energy-savings-total').textContent())
      .toMatch(/Saved so far: [\d.]+ TRX against burning \(2 finished rentals\)/);
    await energy.page.getByTestId('energy-history').scrollIntoViewIfNeeded();
    await shoot(energy.page, 'history-savings');
  });
});
