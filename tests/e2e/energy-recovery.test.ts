/**
 * Exactly once, whatever happens to the popup or the service worker: a rental whose popup is closed
 * mid-flow, or whose worker is stopped while TronLink's payment prompt is open, while its signing
 * prompt is open, or while the claim is in flight, still ends with one payment on the chain and one
 * delegation in TronNRG's ledger — never two, never none.
 */
import { describe, expect } from 'vitest';
import type { ExtensionHarness } from './extension';
import { test as it, useRentalSandbox } from './fixtures';
import { count, type Sandbox } from './helpers/sandbox';
import { EnergyTab, RENTAL_TERMINAL as TERMINAL } from './pages/energy';

const SUN = 1_000_000n;
/** A rental that outlived its worker may take a new worker's start to settle. */
const SETTLE_TIMEOUT = 60_000;

/** Waits until the rental shown has ended; returns its state. */
const settled = (energy: EnergyTab) => energy.waitForRental(TERMINAL, SETTLE_TIMEOUT);

/** The sandbox's view of the end: TronNRG delegated (or something else settled) and nothing moves any more. */
async function waitForDelegation(sandbox: Sandbox, timeout = 60_000) {
  await expect
    .poll(async () => count(await sandbox.ledger('tronnrg'), 'delegation'), { timeout, interval: 250 })
    .toBeGreaterThan(0);
}

/**
 * Opens the Energy tab, connects TronLink's account (the payer), lets `arrange` set TronLink and
 * TronNRG up, and starts a rental. `expectExactlyOnce` then checks that it was paid and delegated
 * once: one payment and one delegation in TronNRG's ledger, one payment on the chain, 4 TRX spent.
 */
async function startRental(
  { harness, sandbox }: { harness: ExtensionHarness; sandbox: Sandbox },
  arrange: () => Promise<void>,
): Promise<{ popup: EnergyTab; expectExactlyOnce(): Promise<void> }> {
  const payer = sandbox.accounts.chain.wallets.tronlink.address;
  const popup = await EnergyTab.open(harness);
  await popup.connect();
  await expect.poll(() => popup.account.textContent()).toBe(payer);
  await arrange();
  const before = await sandbox.balance(payer);
  await popup.rent();
  return {
    popup,
    async expectExactlyOnce() {
      // Long enough for a duplicate payment or claim to show up, were there one.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const ledger = await sandbox.ledger('tronnrg');
      expect(count(ledger, 'payment')).toBe(1);
      expect(count(ledger, 'delegation')).toBe(1);
      expect(await sandbox.tronNrgPayments(payer)).toBe(1);
      expect(before - (await sandbox.balance(payer))).toBe(4n * SUN);
    },
  };
}

useRentalSandbox();

describe('a rental that outlives its popup and its worker', () => {
  it('finishes when the popup is closed right after the payment was sent to TronLink', async ({
    harness,
    sandbox,
  }) => {
    const { popup, expectExactlyOnce } = await startRental({ harness, sandbox }, () =>
      sandbox.tronLink({ mode: 'delay', delayMs: 1_500 }),
    );
    await popup.close();
    await waitForDelegation(sandbox);
    await expectExactlyOnce();

    const reopened = await EnergyTab.open(harness);
    expect(await settled(reopened)).toBe('delegated');
    await reopened.historyEntry('delegated').waitFor();
  });

  it.for<[string, (popup: EnergyTab) => Promise<void>]>([
    [
      'takes the payment through the relay when the worker was stopped while TronLink asked to pay',
      async (popup) => {
        expect(await popup.rentalState()).toBe('awaiting_payment');
      },
    ],
    [
      'takes the signature through the relay when the worker was stopped while TronLink asked to sign',
      async (popup) => {
        await popup.waitForRental(['signing'], SETTLE_TIMEOUT);
      },
    ],
  ])('%s', async ([, reachPrompt], { harness, sandbox }) => {
    const { popup, expectExactlyOnce } = await startRental({ harness, sandbox }, () =>
      sandbox.tronLink({ mode: 'delay', delayMs: 3_000 }),
    );
    await reachPrompt(popup);
    // Nothing of the extension is open: only TronLink's answer, through the relay, can wake the worker.
    await popup.close();
    await harness.stopWorker();
    await waitForDelegation(sandbox);
    await expectExactlyOnce();
    expect(await settled(await EnergyTab.open(harness))).toBe('delegated');
  });

  it('reports the delegation of a claim whose answer died with the worker, without claiming twice', async ({
    harness,
    sandbox,
  }) => {
    const { popup, expectExactlyOnce } = await startRental({ harness, sandbox }, async () => {
      // TronNRG holds the claim for 4 s, then delegates; the worker is gone by then. The claim the next
      // worker sends is held longer, so it arrives after the first one went through.
      await sandbox.fault({ path: '/tronnrg/delegate', delayMs: 4_000, times: 1 });
      await sandbox.fault({ path: '/tronnrg/delegate', delayMs: 6_000, times: 1 });
    });
    await popup.waitForRental(['claiming'], SETTLE_TIMEOUT);
    await popup.close();
    await harness.stopWorker();
    await waitForDelegation(sandbox);

    // The next worker claims again, hears hash_already_used, and finds the delegation on the chain.
    const reopened = await EnergyTab.open(harness);
    expect(await settled(reopened)).toBe('delegated');
    expect(await reopened.progressText()).toContain('Found on chain');
    await expectExactlyOnce();
  });

  it('survives the worker being stopped at every step with the popup open', async ({ harness, sandbox }) => {
    const { popup, expectExactlyOnce } = await startRental({ harness, sandbox }, async () => {
      await sandbox.tronLink({ mode: 'delay', delayMs: 2_500 });
      await sandbox.fault({ path: '/tronnrg/delegate', delayMs: 2_500, times: 1 });
    });
    for (const state of ['awaiting_payment', 'signing', 'claiming']) {
      await popup.waitForRental([state, ...TERMINAL], SETTLE_TIMEOUT);
      await harness.stopWorker();
    }
    expect(await settled(popup)).toBe('delegated');
    await expectExactlyOnce();
  });
});
