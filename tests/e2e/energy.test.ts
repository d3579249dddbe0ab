/**
 * Quick energy rental from the popup, in real Chromium with the sandbox extension, the sandbox chain,
 * TronNRG and the TronLink emulator: the headline flow (energy delegated, then a USDT transfer that
 * burns no TRX), sizing and bad input, every TronLink outcome, and every TronNRG error code and
 * sandbox fault with the outcome and message a person sees.
 */
import type { Page } from 'playwright-core';
import { TronWeb } from 'tronweb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionHarness } from './extension';
import { PopupPage } from './pages/popup';

interface Wallet {
  address: string;
  privateKey: string;
}
interface Accounts {
  chain: { wallets: Record<'tronlink' | 'tronlink2' | 'stranger' | 'fresh', Wallet> };
  tronnrg: { payTo: string };
}
interface LedgerEntry {
  service: string;
  kind: string;
  account?: string;
  amount?: string;
  txid?: string;
}

const TERMINAL = ['delegated', 'refund_queued', 'failed', 'cancelled'];
const SUN = 1_000_000n;

// Runs inside extension pages (`evaluate`), where `chrome` exists.
declare const chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } };

let harness: ExtensionHarness;
let accounts: Accounts;
let popup: Page;

// ── sandbox and TronLink ──

async function tronLink(config: { mode?: string; delayMs?: number; account?: string }) {
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

const node = (key?: string) => new TronWeb({ fullHost: `${harness.sandboxOrigin}/tron`, privateKey: key });

/** TRX transfers from `from` to TronNRG's pay_to on the chain: a second one would be a double payment. */
async function paymentsOnChain(from: string): Promise<number> {
  // A refused claim can end before the payment's block is produced; count what the chain will hold.
  await harness.control('POST', 'mine', { blocks: 1 });
  const response = await fetch(
    `${harness.sandboxOrigin}/tron/v1/accounts/${from}/transactions?only_from=true&limit=200`,
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

async function fault(rule: Record<string, unknown>) {
  await harness.control('POST', 'faults', rule);
}

// ── the popup ──

async function openEnergy(): Promise<Page> {
  const opened = await PopupPage.open(harness, { width: 380, height: 900 });
  await opened.waitForView();
  await opened.page.getByRole('heading', { name: 'Your TronLink account' }).waitFor();
  return opened.page;
}

/** Clicks Connect (or Reconnect) and waits until TronLink has answered, whatever it answered. */
async function connect(page: Page) {
  await page.getByRole('button', { name: /^(Connect TronLink|Reconnect)$/ }).click();
  const waiting = page.getByRole('button', { name: 'Waiting for TronLink…' });
  await waiting.waitFor({ timeout: 2_000 }).catch(() => undefined);
  await waiting.waitFor({ state: 'detached', timeout: 30_000 });
}

/** What the account card says about the last connection attempt ('' when nothing). */
async function connectMessage(page: Page): Promise<string> {
  return (
    (await page
      .getByTestId('energy-connect-message')
      .textContent()
      .catch(() => '')) ?? ''
  );
}

async function forget(page: Page) {
  const button = page.getByRole('button', { name: 'Forget account' });
  if (await button.isVisible()) await button.click();
  await page.getByRole('button', { name: 'Connect TronLink' }).waitFor();
}

async function fillForm(
  page: Page,
  form: { receiver?: string; sizing?: string; custom?: string; transferTo?: string },
) {
  await page.getByLabel('Energy goes to').fill(form.receiver ?? '');
  if (form.sizing) await page.getByLabel(form.sizing).check();
  if (form.custom !== undefined) await page.getByLabel('Energy units').fill(form.custom);
  if (form.transferTo !== undefined) await page.getByLabel('Who you will send USDT to').fill(form.transferTo);
}

async function quoteText(page: Page): Promise<string> {
  const quote = page.getByTestId('energy-quote');
  await quote.waitFor({ timeout: 20_000 });
  return (await quote.textContent()) ?? '';
}

async function shownRentalId(page: Page): Promise<string | null> {
  return page
    .getByTestId('energy-progress')
    .getAttribute('data-job-id', { timeout: 500 })
    .catch(() => null);
}

/** Fills the form, confirms the quote and sends the rental to TronLink; waits until it is the one shown. */
async function rent(page: Page, form: Parameters<typeof fillForm>[1] = {}) {
  await fillForm(page, form);
  await quoteText(page);
  // An earlier rental's outcome may still be on show: the new one replaces it.
  const earlier = await shownRentalId(page);
  await page.getByRole('button', { name: /^Rent for / }).click();
  await page.getByTestId('energy-confirm').waitFor();
  await page.getByRole('button', { name: /^Pay .* TRX in TronLink$/ }).click();
  await expect
    .poll(
      async () => {
        const shown = await shownRentalId(page);
        return shown !== null && shown !== earlier;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
}

async function rentalState(page: Page): Promise<string | null> {
  return page
    .getByTestId('energy-progress')
    .getAttribute('data-job-state', { timeout: 2_000 })
    .catch(() => null);
}

async function waitForRental(page: Page, states: string[], timeout = 45_000): Promise<string> {
  const until = Date.now() + timeout;
  for (;;) {
    const state = await rentalState(page);
    if (state !== null && states.includes(state)) return state;
    if (Date.now() > until) {
      const shown = await page
        .getByTestId('energy-progress')
        .textContent()
        .catch(() => 'no rental shown');
      throw new Error(`the rental is ${state}, not ${states.join(' | ')}: ${shown}`);
    }
    await page.waitForTimeout(200);
  }
}

/** Whether the end notification of the rental `jobId` is on screen. */
async function notified(page: Page, jobId: string): Promise<boolean> {
  const shown = await page.evaluate(() => chrome.notifications.getAll());
  return `job:${jobId}` in shown;
}

async function progressMessage(page: Page): Promise<string> {
  return (await page.getByTestId('energy-progress-error').textContent()) ?? '';
}

beforeAll(async () => {
  // AMPERE_E2E_EXTENSION_DIR: a build of one's own while others rebuild the shared one.
  harness = await launchExtension({ extensionDir: process.env.AMPERE_E2E_EXTENSION_DIR });
  // Short blocks: payments confirm in a fraction of a second (the sandbox default is TRON's 3 s).
  await harness.control('POST', 'config', { blockIntervalMs: 300 });
  accounts = await harness.control<Accounts>('GET', 'accounts');
});

afterAll(async () => {
  await harness?.control('POST', 'config', { blockIntervalMs: 3_000 }).catch(() => undefined);
  await harness?.close();
});

beforeEach(async () => {
  await harness.control('POST', 'reset');
  popup = await openEnergy();
});

afterEach(async () => {
  for (const page of harness.context.pages().slice(1)) await page.close();
});

describe('renting energy from the popup', () => {
  it('delegates the energy to the receiver, and its next USDT transfer burns no TRX', async () => {
    const { tronlink, stranger } = accounts.chain.wallets;
    await connect(popup);
    await expect.poll(() => popup.getByTestId('energy-account').textContent()).toBe(tronlink.address);

    await fillForm(popup, { receiver: stranger.address });
    const quote = await quoteText(popup);
    expect(quote).toContain('You need 65,000 energy');
    expect(quote).toContain('4 TRX for 65,000 energy');
    expect(quote).toContain('6.5 TRX'); // burning 65,000 energy at 100 sun
    expect(quote).toContain('2.5 TRX'); // saved
    await popup.getByRole('button', { name: 'Rent for 4 TRX' }).click();
    expect(await popup.getByTestId('energy-confirm-amount').textContent()).toBe('4 TRX');
    expect(await popup.getByTestId('energy-confirm-pay-to').textContent()).toBe(accounts.tronnrg.payTo);
    const balanceBefore = BigInt(await node().trx.getBalance(tronlink.address));
    const earlier = await shownRentalId(popup);
    await popup.getByRole('button', { name: 'Pay 4 TRX in TronLink' }).click();
    await expect.poll(async () => ((await shownRentalId(popup)) ?? earlier) !== earlier).toBe(true);

    expect(await waitForRental(popup, TERMINAL)).toBe('delegated');
    expect(await popup.getByTestId('energy-progress').textContent()).toContain('65,000 energy delegated');
    const rentalId = (await shownRentalId(popup))!;
    await expect.poll(() => notified(popup, rentalId)).toBe(true);
    const ledger = await nrgLedger();
    expect(count(ledger, 'payment')).toBe(1);
    expect(count(ledger, 'delegation')).toBe(1);
    expect(ledger.find((e) => e.kind === 'delegation')).toMatchObject({
      account: stranger.address,
      amount: '65000',
    });
    expect(await paymentsOnChain(tronlink.address)).toBe(1);
    expect(balanceBefore - BigInt(await node().trx.getBalance(tronlink.address))).toBe(4n * SUN);

    // The receiver sends USDT to a holder: the rented energy pays for it, no TRX is burned.
    await harness.control('POST', 'mine', { blocks: 1 });
    const resources = await node().trx.getAccountResources(stranger.address);
    expect(resources.EnergyLimit).toBeGreaterThanOrEqual(65_000);
    const sender = node(stranger.privateKey);
    const trxBefore = BigInt(await sender.trx.getBalance(stranger.address));
    const { transaction } = await sender.transactionBuilder.triggerSmartContract(
      'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
      'transfer(address,uint256)',
      { feeLimit: 100_000_000 },
      [
        { type: 'address', value: tronlink.address },
        { type: 'uint256', value: '10000000' },
      ],
      stranger.address,
    );
    const signed = await sender.trx.sign(transaction, stranger.privateKey);
    expect((await sender.trx.sendRawTransaction(signed)).result).toBe(true);
    await harness.control('POST', 'mine', { blocks: 1 });
    const info = await sender.trx.getTransactionInfo(signed.txID);
    expect(info.receipt?.result).toBe('SUCCESS');
    expect(info.fee ?? 0).toBe(0);
    expect(BigInt(await sender.trx.getBalance(stranger.address))).toBe(trxBefore);

    // The history keeps the rental with its delegation on TronScan, also after the popup reopens.
    await popup.close();
    popup = await openEnergy();
    const entry = popup.getByTestId('energy-history').locator('[data-rental-state="delegated"]').first();
    await entry.waitFor();
    expect(await entry.textContent()).toContain('65,000 energy');
    const links = await entry
      .getByRole('link')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.some((href) => href.startsWith(`${harness.sandboxOrigin}/tronscan/#/transaction/`))).toBe(
      true,
    );
  });

  it('sizes for a transfer to a new USDT holder, and subtracts the energy the receiver has', async () => {
    const { fresh, stranger } = accounts.chain.wallets;
    await connect(popup);
    await fillForm(popup, { sizing: 'Size it for a transfer to…', transferTo: fresh.address });
    expect(await quoteText(popup)).toContain('9 TRX for 146,250 energy');
    await expect.poll(() => popup.getByText('That address holds no USDT yet').isVisible()).toBe(true);
    await fillForm(popup, { sizing: 'Size it for a transfer to…', transferTo: stranger.address });
    await expect.poll(async () => (await quoteText(popup)).includes('4 TRX for 65,000 energy')).toBe(true);

    // The account gets 65,000 now; a new-holder transfer then needs only 66,000 more.
    await rent(popup, { sizing: '1 USDT transfer (65,000)' });
    expect(await waitForRental(popup, TERMINAL)).toBe('delegated');
    await fillForm(popup, { sizing: 'To a new USDT holder (131,000)' });
    await expect
      .poll(async () => await quoteText(popup), { timeout: 20_000 })
      .toContain('You need 66,000 energy');
    await fillForm(popup, { sizing: '1 USDT transfer (65,000)' });
    await expect
      .poll(
        async () =>
          (await popup
            .getByTestId('energy-problem')
            .textContent()
            .catch(() => '')) ?? '',
      )
      .toContain('already has enough energy');
  });

  it('says what is wrong with bad input and sends nothing', async () => {
    const { fresh } = accounts.chain.wallets;
    await connect(popup);
    const rentButton = popup.locator('form.energy-form button[type="submit"]');

    await fillForm(popup, { receiver: 'TNotAnAddress' });
    await expect.poll(() => popup.getByText('That is not a valid TRON address').isVisible()).toBe(true);
    expect(await rentButton.isDisabled()).toBe(true);

    await fillForm(popup, { receiver: fresh.address });
    await expect.poll(() => popup.getByText('is not activated on chain').isVisible()).toBe(true);
    expect(await rentButton.isDisabled()).toBe(true);

    await fillForm(popup, { sizing: 'Custom amount', custom: '1000' });
    await expect.poll(() => popup.getByText('The smallest order is 65,000 energy.').isVisible()).toBe(true);
    await fillForm(popup, { sizing: 'Custom amount', custom: '99999999' });
    await expect
      .poll(() => popup.getByText('The largest order is 16,250,000 energy.').isVisible())
      .toBe(true);
    await fillForm(popup, { sizing: 'Custom amount', custom: 'lots' });
    await expect.poll(() => popup.getByText('Enter the energy as a whole number.').isVisible()).toBe(true);

    // tronlink2 holds 500 TRX: 16,250,000 energy costs 1,000.
    await tronLink({ account: 'tronlink2' });
    await connect(popup);
    await expect
      .poll(() => popup.getByTestId('energy-account').textContent())
      .toBe(accounts.chain.wallets.tronlink2.address);
    await fillForm(popup, { sizing: 'Custom amount', custom: '16250000' });
    await expect
      .poll(() => popup.getByText('does not cover the price').isVisible(), { timeout: 20_000 })
      .toBe(true);
    expect(await rentButton.isDisabled()).toBe(true);

    expect(await nrgLedger()).toEqual([]);
    expect(await paymentsOnChain(accounts.chain.wallets.tronlink2.address)).toBe(0);
  });
});

describe('TronLink outcomes', () => {
  it('ends cancelled with no money moved when the payment is rejected', async () => {
    const { tronlink } = accounts.chain.wallets;
    await connect(popup);
    await tronLink({ mode: 'reject' });
    const before = BigInt(await node().trx.getBalance(tronlink.address));
    await rent(popup);
    expect(await waitForRental(popup, TERMINAL)).toBe('cancelled');
    expect(await progressMessage(popup)).toBe('You declined the payment in TronLink. No TRX was sent.');
    expect(BigInt(await node().trx.getBalance(tronlink.address))).toBe(before);
    expect(await nrgLedger()).toEqual([]);
    const entry = popup.getByTestId('energy-history').locator('[data-rental-state="cancelled"]').first();
    await entry.waitFor();
    // The person declined it themselves: no notification tells them so again.
    await popup.waitForTimeout(300);
    expect(await notified(popup, (await shownRentalId(popup))!)).toBe(false);
  });

  it('tells the person TronLink is locked, and refuses to connect', async () => {
    await connect(popup);
    await tronLink({ mode: 'locked' });
    await connect(popup);
    await expect.poll(() => connectMessage(popup)).toBe('TronLink is locked. Unlock it and try again.');
    // A rental started while locked fails before anything is sent.
    await rent(popup);
    expect(await waitForRental(popup, TERMINAL)).toBe('failed');
    expect(await progressMessage(popup)).toBe(
      'TronLink is locked. Unlock it and start again; nothing was sent.',
    );
    expect(await nrgLedger()).toEqual([]);
  });

  it('tells the person when the connection is declined', async () => {
    await forget(popup);
    await tronLink({ mode: 'reject' });
    await connect(popup);
    await expect.poll(() => connectMessage(popup)).toBe('You declined the connection in TronLink.');
    expect(await popup.getByTestId('energy-account').count()).toBe(0);
  });

  it('tells the person when TronLink already has a prompt open, and connects nothing', async () => {
    await forget(popup);
    await tronLink({ mode: 'delay', delayMs: 8_000 });
    // A site's own connection prompt is open in TronLink when Ampere asks (in that same tab).
    const site = await harness.context.newPage();
    await site.goto(`${harness.sandboxOrigin}/tronscan/`);
    await site.waitForFunction(() => 'tron' in window);
    await site.evaluate(() => {
      const tron = (window as unknown as { tron: { request(a: { method: string }): Promise<unknown> } }).tron;
      void tron.request({ method: 'eth_requestAccounts' }).catch(() => undefined);
    });
    await popup.bringToFront();
    await connect(popup);
    await expect
      .poll(() => connectMessage(popup))
      .toBe('TronLink already has a request open. Finish or close it, then try again.');
    expect(await popup.getByTestId('energy-account').count()).toBe(0);
  });

  it('tells the person when TronLink is not installed', async () => {
    await forget(popup);
    await tronLink({ mode: 'absent' });
    await connect(popup);
    await expect.poll(() => connectMessage(popup), { timeout: 20_000 }).toContain('TronLink was not found');
  });

  it('keeps a paid rental waiting after a declined signature, and claims once after "Sign again"', async () => {
    const { tronlink } = accounts.chain.wallets;
    await connect(popup);
    await tronLink({ mode: 'delay', delayMs: 2_500 });
    const before = BigInt(await node().trx.getBalance(tronlink.address));
    await rent(popup);
    await waitForRental(popup, ['signing']);
    // The person declines while TronLink's signing prompt is open.
    await tronLink({ mode: 'reject' });
    await expect
      .poll(() => popup.getByRole('button', { name: 'Sign again' }).isVisible(), { timeout: 20_000 })
      .toBe(true);
    expect(await progressMessage(popup)).toContain(
      'You declined the signature. Your payment is safe on chain',
    );
    expect(await rentalState(popup)).toBe('signing');

    await tronLink({ mode: 'approve' });
    await popup.getByRole('button', { name: 'Sign again' }).click();
    expect(await waitForRental(popup, TERMINAL)).toBe('delegated');
    const ledger = await nrgLedger();
    expect([count(ledger, 'payment'), count(ledger, 'delegation')]).toEqual([1, 1]);
    expect(await paymentsOnChain(tronlink.address)).toBe(1);
    expect(before - BigInt(await node().trx.getBalance(tronlink.address))).toBe(4n * SUN);
  });
});

describe('TronNRG errors and sandbox faults', () => {
  const delegate = '/tronnrg/delegate';
  const envelope = (error: string, message = `${error} (sandbox fault)`) => ({ error, message });

  it.each([
    ['server_error (500)', () => harness.control('POST', 'tronnrg/fail-next', { error: 'server_error' })],
    ['503', () => fault({ path: delegate, status: 503, times: 2 })],
    [
      '429 with Retry-After',
      () =>
        fault({
          path: delegate,
          status: 429,
          headers: { 'retry-after': '1' },
          body: envelope('rate_limited'),
          times: 2,
        }),
    ],
    ['a malformed body', () => fault({ path: delegate, status: 200, body: '{"ref": "nrg_d_', times: 1 })],
    [
      'payment_verification_failed 404 (not indexed yet)',
      () => fault({ path: delegate, status: 404, body: envelope('payment_verification_failed'), times: 3 }),
    ],
  ])('retries through %s and delegates once', async (_name, inject) => {
    await connect(popup);
    await inject();
    await rent(popup);
    expect(await waitForRental(popup, TERMINAL)).toBe('delegated');
    const ledger = await nrgLedger();
    expect([count(ledger, 'payment'), count(ledger, 'delegation')]).toEqual([1, 1]);
    expect(await paymentsOnChain(accounts.chain.wallets.tronlink.address)).toBe(1);
  });

  it('retries after a timeout and delegates once although the slow request arrives later', async () => {
    await connect(popup);
    // The first claim is held for 20 s (the client gives up after 15 s); the sandbox still runs it.
    await fault({ path: delegate, delayMs: 20_000, times: 1 });
    await rent(popup);
    expect(await waitForRental(popup, TERMINAL, 80_000)).toBe('delegated');
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const ledger = await nrgLedger();
    expect([count(ledger, 'payment'), count(ledger, 'delegation')]).toEqual([1, 1]);
  }, 120_000);

  it('shows the refund when TronNRG cannot delegate', async () => {
    await connect(popup);
    await harness.control('POST', 'tronnrg/fail-next', { error: 'delegation_failed' });
    await rent(popup);
    expect(await waitForRental(popup, TERMINAL)).toBe('refund_queued');
    expect(await popup.getByTestId('energy-progress').textContent()).toContain('4 TRX is being refunded to');
    expect(await progressMessage(popup)).toContain('could not deliver the energy for payment');
    await expect.poll(async () => count(await nrgLedger(), 'refund'), { timeout: 20_000 }).toBe(1);
    expect(count(await nrgLedger(), 'delegation')).toBe(0);
  });

  it.each([
    ['hash_already_used', 409, 'was already claimed and no delegation to the receiver was found'],
    ['payment_verification_failed', 400, 'TronNRG did not accept payment'],
    ['invalid_signature', 401, '(invalid_signature)'],
    ['signature_mismatch', 403, '(signature_mismatch)'],
    ['invalid_tx_hash', 400, '(invalid_tx_hash)'],
    ['invalid_address', 400, '(invalid_address)'],
    ['missing_signature', 400, '(missing_signature)'],
  ])(
    'ends a claim refused with %s (%i) with a readable message and no second payment',
    async (code, status, text) => {
      await connect(popup);
      await fault({ path: delegate, status, body: envelope(code), times: 1 });
      await rent(popup);
      expect(await waitForRental(popup, TERMINAL)).toBe('failed');
      const message = await progressMessage(popup);
      expect(message).toContain(text);
      expect(message).toMatch(/[0-9a-f]{64}/); // the payment id to quote to support
      expect(await paymentsOnChain(accounts.chain.wallets.tronlink.address)).toBe(1);
      expect(count(await nrgLedger(), 'delegation')).toBe(0);
    },
  );
});
