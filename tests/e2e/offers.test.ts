/**
 * The Energy tab's offers side by side, in real Chromium with the sandbox extension: every source
 * priced for the same energy (TronNRG, a 2aml order, a TronZap order, burning), cheapest first, the
 * decision in view in a 600 px tall popup; 65,000 energy ordered through the 2aml offer with the
 * worker stopped mid-order (one charge, one delegation, and the receiver's next USDT transfer burns
 * no TRX); an unactivated receiver blocked before anything is paid.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { test as it, useRentalSandbox } from './fixtures';
import { count } from './helpers/sandbox';
import { EnergyTab } from './pages/energy';
import { setUpProviders } from './pages/options';

const SCREENSHOTS = process.env.AMPERE_SCREENSHOT_DIR ?? '/tmp/ampere-offers-screenshots';

useRentalSandbox();

describe('offers side by side', () => {
  it('shows four offers, cheapest first, with the decision in view at 380 and 300 px, light and dark', async ({
    harness,
    sandbox,
    energy,
  }) => {
    const { tronlink, stranger } = sandbox.accounts.chain.wallets;
    await energy.connect();
    await expect.poll(() => energy.account.textContent()).toBe(tronlink.address);
    await setUpProviders(sandbox, harness);
    await energy.close();
    mkdirSync(SCREENSHOTS, { recursive: true });

    for (const width of [380, 300]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const tab = await EnergyTab.open(harness, { width, height: 600 });
        await tab.page.emulateMedia({ colorScheme });
        await tab.fill({ receiver: stranger.address });
        await tab.quoteText();
        await tab.page.screenshot({ path: `${SCREENSHOTS}/offers-${width}-${colorScheme}.png` });
        // 65,000 energy: TronNRG 4 TRX, TronZap 1 h 5.4665 TRX, burning 6.5 TRX, 2aml 1H 6.85 TRX.
        expect(await tab.offerOrder()).toEqual(['tronnrg', 'tronzap', 'burn', 'twoaml']);
        for (const source of ['tronnrg', 'twoaml', 'tronzap', 'burn'] as const)
          expect(await tab.offer(source).getAttribute('data-state')).toBe('priced');
        expect(await tab.offer('tronnrg').textContent()).toContain('4 TRX for 65,000 energy');
        expect(await tab.offer('tronnrg').textContent()).toContain('saves 2.5 TRX');
        expect(await tab.offer('tronnrg').textContent()).toContain('61.5 sun/energy');
        expect(await tab.offer('tronzap').textContent()).toContain('5.4665 TRX for 65,000 energy');
        expect(await tab.offer('twoaml').textContent()).toContain('6.85 TRX for 65,000 energy');
        expect(await tab.offer('burn').textContent()).toContain('6.5 TRX for 65,000 energy');
        await expect.poll(() => tab.rentButton.textContent()).toBe('Rent from TronNRG · 4 TRX');

        // Decision first: receiver, amount, the best offer and its button without scrolling or sideways scroll.
        expect(await tab.popup.horizontalOverflow()).toEqual([]);
        for (const locator of [
          tab.page.getByLabel('Energy goes to'),
          tab.page.getByLabel('1 USDT transfer (65,000)'),
          tab.offer('tronnrg'),
          tab.rentButton,
        ]) {
          const box = (await locator.boundingBox())!;
          expect(box.y + box.height, `${width}px ${colorScheme}`).toBeLessThanOrEqual(600);
        }
        // The sticky button keeps to one line, so it covers no more of the offers than it must.
        const lines = () =>
          tab.rentButton.evaluate((button) => {
            const style = getComputedStyle(button);
            const text = button.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
            return Math.round(text / parseFloat(style.lineHeight));
          });
        expect(await lines(), `${width}px TronNRG`).toBe(1);
        await tab.chooseOffer('tronzap');
        await expect.poll(() => tab.rentButton.textContent()).toBe('Rent from TronZap · 5.4665 TRX');
        expect(await lines(), `${width}px TronZap`).toBe(1);
        await tab.chooseOffer('twoaml');
        await tab.page.screenshot({
          path: `${SCREENSHOTS}/offers-${width}-${colorScheme}-open.png`,
          fullPage: true,
        });
        await expect.poll(() => tab.rentButton.textContent()).toBe('Rent from 2aml · 6.85 TRX');
        await tab.close();
      }
    }
  });

  it('rents 65,000 energy through the 2aml offer once, with the worker stopped mid-order', async ({
    harness,
    sandbox,
    energy,
  }) => {
    const { tronlink, stranger } = sandbox.accounts.chain.wallets;
    await energy.connect();
    await setUpProviders(sandbox, harness);
    await energy.fill({ receiver: stranger.address });
    await energy.quoteText();
    await energy.chooseOffer('twoaml');
    const button = energy.page.getByRole('button', { name: 'Rent from 2aml · 6.85 TRX' });
    await button.click();
    await energy.waitForOrder(['creating', 'placed', 'confirming', 'ready']);
    // The order is written; the worker stops as Chrome stops an idle one, and the job resumes.
    await harness.stopWorker();
    expect(await energy.waitForOrder(['ready', 'failed', 'refunded'])).toBe('ready');

    const ledger = await sandbox.ledger('2aml-energy');
    expect(count(ledger, 'charge')).toBe(1);
    expect(count(ledger, 'delegation')).toBe(1);
    expect(ledger.find((e) => e.kind === 'charge')).toMatchObject({
      amount: expect.stringMatching(/^6\.850*$/),
    });
    expect(ledger.find((e) => e.kind === 'delegation')).toMatchObject({
      account: stranger.address,
      amount: '65000',
    });

    // The receiver's next USDT transfer runs on the ordered energy: no TRX burned.
    await sandbox.mine(1);
    const sent = await sandbox.sendUsdt(stranger, tronlink.address);
    expect({ fee: sent.fee, spent: sent.spentSun }).toEqual({ fee: 0, spent: 0n });
  });

  it('blocks every rental to an unactivated receiver before anything is paid', async ({
    harness,
    sandbox,
    energy,
  }) => {
    await energy.connect();
    await setUpProviders(sandbox, harness);
    const fresh = sandbox.tronWeb().utils.accounts.generateAccount().address.base58;
    await energy.fill({ receiver: fresh });
    // The offers of the connected account may still be shown, complete, until the new receiver's
    // arrive: wait for these to say blocked rather than for any complete quote.
    for (const source of ['tronnrg', 'twoaml'] as const) {
      await expect
        .poll(() => energy.offer(source).getAttribute('data-state'), { timeout: 20_000 })
        .toBe('blocked');
      const blocker = energy.offer(source).getByTestId('energy-offer-blocker');
      expect(await blocker.getAttribute('data-blocker')).toBe('activate_receiver');
      expect(await blocker.textContent()).toContain('not activated on chain');
    }
    const first = energy.offer('tronnrg').getByTestId('energy-offer-blocker');
    expect(await first.getByRole('button').textContent()).toBe('Activate with TronZap');
    await energy.quoteText();
    expect(await energy.rentButton.isDisabled()).toBe(true);
    expect(await sandbox.ledger('2aml-energy')).toEqual([]);
    expect(count(await sandbox.ledger('tronnrg'), 'payment')).toBe(0);
  });
});
