/**
 * Exactly once, whatever happens to the popup or the service worker: a rental whose popup is closed
 * mid-flow, or whose worker is stopped while TronLink's payment prompt is open, while its signing
 * prompt is open, or while the claim is in flight, still ends with one payment on the chain and one
 * delegation in TronNRG's ledger — never two, never none.
 */
import type { Page } from 'playwright-core';
import { TronWeb } from 'tronweb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionHarness } from './extension';
import { PopupPage } from './pages/popup';

interface Accounts {
  chain: { wallets: Record<'tronlink', { address: string }> };
  tronnrg: { payTo: string };
}
interface LedgerEntry {
  service: string;
  kind: string;
  account?: string;
}

const TERMINAL = ['delegated', 'refund_queued', 'failed', 'cancelled'];
const SUN = 1_000_000n;

let harness: ExtensionHarness;
let accounts: Accounts;
let payer: string;

async function tronLink(config: { mode?: string; delayMs?: number }) {
  const response = await fetch(`${harness.sandboxOrigin}/tronlink/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  expect(response.status).toBe(200);
}

async function nrgLedger(): Promise<LedgerEntry[]> {
  const { entries } = await harness.control<{ entries: LedgerEntry[] }>('GET', 'ledger');
  return entries.filter((entry) => entry.service === 'tronnrg');
}

const count = (entries: LedgerEntry[], kind: string) => entries.filter((e) => e.kind === kind).length;
const node = () => new TronWeb({ fullHost: `${harness.sandboxOrigin}/tron` });
const balance = async () => BigInt(await node().trx.getBalance(payer));

/** TRX transfers from the payer to TronNRG's pay_to on the chain. */
async function paymentsOnChain(): Promise<number> {
  const response = await fetch(
    `${harness.sandboxOrigin}/tron/v1/accounts/${payer}/transactions?only_from=true&limit=200`,
  );
  const { data } = (await response.json()) as {
    data: { raw_data: { contract: { type: string; parameter: { value: { to_address?: string } } }[] } }[];
  };
  const payTo = node().address.toHex(accounts.tronnrg.payTo).toLowerCase();
  return data.filter((tx) => {
    const [contract] = tx.raw_data.contract;
    return (
      contract?.type === 'TransferContract' && contract.parameter.value.to_address?.toLowerCase() === payTo
    );
  }).length;
}

/** The sandbox's view of the end: TronNRG delegated (or something else settled) and nothing moves any more. */
async function waitForDelegation(timeout = 60_000) {
  await expect
    .poll(async () => count(await nrgLedger(), 'delegation'), { timeout, interval: 250 })
    .toBeGreaterThan(0);
}

async function expectExactlyOnce(balanceBefore: bigint) {
  // Long enough for a duplicate payment or claim to show up, were there one.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const ledger = await nrgLedger();
  expect(count(ledger, 'payment')).toBe(1);
  expect(count(ledger, 'delegation')).toBe(1);
  expect(await paymentsOnChain()).toBe(1);
  expect(balanceBefore - (await balance())).toBe(4n * SUN);
}

async function openEnergy(): Promise<Page> {
  const opened = await PopupPage.open(harness, { width: 380, height: 900 });
  await opened.waitForView();
  await opened.page.getByRole('heading', { name: 'Your TronLink account' }).waitFor();
  return opened.page;
}

async function connect(page: Page) {
  await page.getByRole('button', { name: /^(Connect TronLink|Reconnect)$/ }).click();
  const waiting = page.getByRole('button', { name: 'Waiting for TronLink…' });
  await waiting.waitFor({ timeout: 2_000 }).catch(() => undefined);
  await waiting.waitFor({ state: 'detached', timeout: 30_000 });
  await expect.poll(() => page.getByTestId('energy-account').textContent()).toBe(payer);
}

async function shownRentalId(page: Page): Promise<string | null> {
  return page
    .getByTestId('energy-progress')
    .getAttribute('data-job-id', { timeout: 500 })
    .catch(() => null);
}

async function rent(page: Page) {
  await page.getByTestId('energy-quote').waitFor({ timeout: 20_000 });
  const earlier = await shownRentalId(page);
  await page.getByRole('button', { name: /^Rent for / }).click();
  await page.getByRole('button', { name: /^Pay .* TRX in TronLink$/ }).click();
  await expect
    .poll(async () => ((await shownRentalId(page)) ?? earlier) !== earlier, { timeout: 10_000 })
    .toBe(true);
}

async function rentalState(page: Page): Promise<string | null> {
  return page
    .getByTestId('energy-progress')
    .getAttribute('data-job-state', { timeout: 2_000 })
    .catch(() => null);
}

async function waitForRental(page: Page, states: string[], timeout = 60_000): Promise<string> {
  const until = Date.now() + timeout;
  for (;;) {
    const state = await rentalState(page);
    if (state !== null && states.includes(state)) return state;
    if (Date.now() > until) throw new Error(`the rental is ${state}, not ${states.join(' | ')}`);
    await page.waitForTimeout(100);
  }
}

beforeAll(async () => {
  harness = await launchExtension({ extensionDir: process.env.AMPERE_E2E_EXTENSION_DIR });
  await harness.control('POST', 'config', { blockIntervalMs: 300 });
  accounts = await harness.control<Accounts>('GET', 'accounts');
  payer = accounts.chain.wallets.tronlink.address;
});

afterAll(async () => {
  await harness?.control('POST', 'config', { blockIntervalMs: 3_000 }).catch(() => undefined);
  await harness?.close();
});

beforeEach(async () => {
  await harness.control('POST', 'reset');
});

afterEach(async () => {
  for (const page of harness.context.pages().slice(1)) await page.close();
});

describe('a rental that outlives its popup and its worker', () => {
  it('finishes when the popup is closed right after the payment was sent to TronLink', async () => {
    const popup = await openEnergy();
    await connect(popup);
    await tronLink({ mode: 'delay', delayMs: 1_500 });
    const before = await balance();
    await rent(popup);
    await popup.close();
    await waitForDelegation();
    await expectExactlyOnce(before);

    const reopened = await openEnergy();
    expect(await waitForRental(reopened, TERMINAL)).toBe('delegated');
    await reopened.getByTestId('energy-history').locator('[data-rental-state="delegated"]').first().waitFor();
  });

  it('takes the payment through the relay when the worker was stopped while TronLink asked to pay', async () => {
    const popup = await openEnergy();
    await connect(popup);
    await tronLink({ mode: 'delay', delayMs: 3_000 });
    const before = await balance();
    await rent(popup);
    expect(await rentalState(popup)).toBe('awaiting_payment');
    // Nothing of the extension is open: only TronLink's answer, through the relay, can wake the worker.
    await popup.close();
    await harness.stopWorker();
    await waitForDelegation();
    await expectExactlyOnce(before);
    expect(await waitForRental(await openEnergy(), TERMINAL)).toBe('delegated');
  });

  it('takes the signature through the relay when the worker was stopped while TronLink asked to sign', async () => {
    const popup = await openEnergy();
    await connect(popup);
    await tronLink({ mode: 'delay', delayMs: 3_000 });
    const before = await balance();
    await rent(popup);
    await waitForRental(popup, ['signing']);
    await popup.close();
    await harness.stopWorker();
    await waitForDelegation();
    await expectExactlyOnce(before);
    expect(await waitForRental(await openEnergy(), TERMINAL)).toBe('delegated');
  });

  it('reports the delegation of a claim whose answer died with the worker, without claiming twice', async () => {
    const popup = await openEnergy();
    await connect(popup);
    // TronNRG holds the claim for 4 s, then delegates; the worker is gone by then. The claim the next
    // worker sends is held longer, so it arrives after the first one went through.
    await harness.control('POST', 'faults', { path: '/tronnrg/delegate', delayMs: 4_000, times: 1 });
    await harness.control('POST', 'faults', { path: '/tronnrg/delegate', delayMs: 6_000, times: 1 });
    const before = await balance();
    await rent(popup);
    await waitForRental(popup, ['claiming']);
    await popup.close();
    await harness.stopWorker();
    await waitForDelegation();

    // The next worker claims again, hears hash_already_used, and finds the delegation on the chain.
    const reopened = await openEnergy();
    expect(await waitForRental(reopened, TERMINAL)).toBe('delegated');
    expect(await reopened.getByTestId('energy-progress').textContent()).toContain('Found on chain');
    await expectExactlyOnce(before);
  });

  it('survives the worker being stopped at every step with the popup open', async () => {
    const popup = await openEnergy();
    await connect(popup);
    await tronLink({ mode: 'delay', delayMs: 2_500 });
    await harness.control('POST', 'faults', { path: '/tronnrg/delegate', delayMs: 2_500, times: 1 });
    const before = await balance();
    await rent(popup);
    for (const state of ['awaiting_payment', 'signing', 'claiming']) {
      await waitForRental(popup, [state, ...TERMINAL]);
      await harness.stopWorker();
    }
    expect(await waitForRental(popup, TERMINAL)).toBe('delegated');
    await expectExactlyOnce(before);
  });
});
