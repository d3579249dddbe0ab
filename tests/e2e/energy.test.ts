/**
 * Quick energy rental from the popup, in real Chromium with the sandbox extension, the sandbox chain,
 * TronNRG and the TronLink emulator: the headline flow (energy delegated, then a USDT transfer that
 * burns no TRX), sizing and bad input, every TronLink outcome, and every TronNRG error code and
 * sandbox fault with the outcome and message a person sees.
 */
import { describe, expect } from 'vitest';
import { test as it, useRentalSandbox } from './fixtures';
import { count, type Sandbox } from './helpers/sandbox';
import { EnergyTab, RENTAL_TERMINAL as TERMINAL } from './pages/energy';
import { TronScanPage } from './pages/tronscan';

const SUN = 1_000_000n;

useRentalSandbox();

describe('renting energy from the popup', () => {
  it('delegates the energy to the receiver, and its next USDT transfer burns no TRX', async ({
    energy,
    harness,
    sandbox,
  }) => {
    const { tronlink, stranger } = sandbox.accounts.chain.wallets;
    await energy.connect();
    await expect.poll(() => energy.account.textContent()).toBe(tronlink.address);

    await energy.fill({ receiver: stranger.address });
    const quote = await energy.quoteText();
    expect(quote).toContain('You need 65,000 energy');
    expect(quote).toContain('4 TRX for 65,000 energy');
    expect(quote).toContain('6.5 TRX'); // burning 65,000 energy at 100 sun
    expect(quote).toContain('2.5 TRX'); // saved
    await energy.review('4 TRX');
    expect(await energy.confirmAmount.textContent()).toBe('4 TRX');
    expect(await energy.confirmPayTo.textContent()).toBe(sandbox.accounts.tronnrg.payTo);
    const balanceBefore = await sandbox.balance(tronlink.address);
    await energy.pay({ price: '4 TRX', timeout: 1_000 });

    expect(await energy.waitForRental(TERMINAL)).toBe('delegated');
    expect(await energy.progressText()).toContain('65,000 energy delegated');
    const rentalId = (await energy.shownRentalId())!;
    await expect.poll(() => energy.notified(rentalId)).toBe(true);
    const ledger = await sandbox.ledger('tronnrg');
    expect(count(ledger, 'payment')).toBe(1);
    expect(count(ledger, 'delegation')).toBe(1);
    expect(ledger.find((e) => e.kind === 'delegation')).toMatchObject({
      account: stranger.address,
      amount: '65000',
    });
    expect(await sandbox.tronNrgPayments(tronlink.address)).toBe(1);
    expect(balanceBefore - (await sandbox.balance(tronlink.address))).toBe(4n * SUN);

    // The receiver sends USDT to a holder: the rented energy pays for it, no TRX is burned.
    await sandbox.mine(1);
    const resources = await sandbox.tronWeb().trx.getAccountResources(stranger.address);
    expect(resources.EnergyLimit).toBeGreaterThanOrEqual(65_000);
    const sent = await sandbox.sendUsdt(stranger, tronlink.address);
    expect(sent.fee).toBe(0);
    expect(sent.spentSun).toBe(0n);

    // The history keeps the rental with its delegation on TronScan, also after the popup reopens.
    await energy.close();
    const reopened = await EnergyTab.open(harness);
    const entry = reopened.historyEntry('delegated');
    await entry.waitFor();
    expect(await entry.textContent()).toContain('65,000 energy');
    const links = await entry
      .getByRole('link')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.some((href) => href.startsWith(`${harness.sandboxOrigin}/tronscan/#/transaction/`))).toBe(
      true,
    );
  });

  it('sizes for a transfer to a new USDT holder, and subtracts the energy the receiver has', async ({
    energy,
    sandbox,
  }) => {
    const { fresh, stranger } = sandbox.accounts.chain.wallets;
    await energy.connect();
    // The node works out the exact transfer: a first USDT to an address costs 130,285 energy.
    await energy.fill({
      sizing: 'Size it for a transfer to…',
      transferTo: fresh.address,
      transferAmount: '25',
    });
    await expect.poll(async () => (await energy.quoteText()).includes('You need 130,285 energy')).toBe(true);
    expect(await energy.quoteText()).toContain('9 TRX for 146,250 energy');
    await expect
      .poll(() => energy.page.getByText('worked out the energy of this exact transfer').isVisible())
      .toBe(true);
    await energy.fill({
      sizing: 'Size it for a transfer to…',
      transferTo: stranger.address,
      transferAmount: '',
    });
    await expect.poll(async () => (await energy.quoteText()).includes('You need 64,285 energy')).toBe(true);
    expect(await energy.quoteText()).toContain('4 TRX for 65,000 energy');
    // More USDT than the account holds: the node cannot run the transfer, so the table decides.
    await energy.fill({
      sizing: 'Size it for a transfer to…',
      transferTo: fresh.address,
      transferAmount: '2000',
    });
    await expect.poll(() => energy.page.getByText('That address holds no USDT yet').isVisible()).toBe(true);
    await expect.poll(async () => (await energy.quoteText()).includes('You need 131,000 energy')).toBe(true);

    // The account gets 65,000 now; a new-holder transfer then needs only 66,000 more.
    await energy.rent({ sizing: '1 USDT transfer (65,000)' });
    expect(await energy.waitForRental(TERMINAL)).toBe('delegated');
    await energy.fill({ sizing: 'To a new USDT holder (131,000)' });
    await expect
      .poll(async () => await energy.quoteText(), { timeout: 20_000 })
      .toContain('You need 66,000 energy');
    await energy.fill({ sizing: '1 USDT transfer (65,000)' });
    await expect.poll(() => energy.problemText()).toContain('already has enough energy');
  });

  it('says what is wrong with bad input and sends nothing', async ({ energy, sandbox }) => {
    const { fresh, tronlink2 } = sandbox.accounts.chain.wallets;
    const shows = (text: string) => energy.page.getByText(text).first().isVisible();
    await energy.connect();

    await energy.fill({ receiver: 'TNotAnAddress' });
    await expect.poll(() => shows('That is not a valid TRON address')).toBe(true);
    expect(await energy.rentButton.isDisabled()).toBe(true);

    await energy.fill({ receiver: fresh.address });
    await expect.poll(() => shows('is not activated on chain')).toBe(true);
    expect(await energy.rentButton.isDisabled()).toBe(true);

    await energy.fill({ sizing: 'Custom amount', custom: '1000' });
    await expect.poll(() => shows('The smallest order is 65,000 energy.')).toBe(true);
    await energy.fill({ sizing: 'Custom amount', custom: '99999999' });
    await expect.poll(() => shows('The largest order is 16,250,000 energy.')).toBe(true);
    await energy.fill({ sizing: 'Custom amount', custom: 'lots' });
    await expect.poll(() => shows('Enter the energy as a whole number.')).toBe(true);

    // tronlink2 holds 500 TRX: 16,250,000 energy costs 1,000.
    await sandbox.tronLink({ account: 'tronlink2' });
    await energy.connect();
    await expect.poll(() => energy.account.textContent()).toBe(tronlink2.address);
    await energy.fill({ sizing: 'Custom amount', custom: '16250000' });
    await expect.poll(() => shows('does not cover the price'), { timeout: 20_000 }).toBe(true);
    expect(await energy.rentButton.isDisabled()).toBe(true);

    expect(await sandbox.ledger('tronnrg')).toEqual([]);
    expect(await sandbox.tronNrgPayments(tronlink2.address)).toBe(0);
  });
});

describe('TronLink outcomes', () => {
  it('ends cancelled with no money moved when the payment is rejected', async ({ energy, sandbox }) => {
    const { tronlink } = sandbox.accounts.chain.wallets;
    await energy.connect();
    await sandbox.tronLink({ mode: 'reject' });
    const before = await sandbox.balance(tronlink.address);
    await energy.rent();
    expect(await energy.waitForRental(TERMINAL)).toBe('cancelled');
    expect(await energy.progressMessage()).toBe('You declined the payment in TronLink. No TRX was sent.');
    expect(await sandbox.balance(tronlink.address)).toBe(before);
    expect(await sandbox.ledger('tronnrg')).toEqual([]);
    await energy.historyEntry('cancelled').waitFor();
    // The person declined it themselves: no notification tells them so again.
    await energy.page.waitForTimeout(300);
    expect(await energy.notified((await energy.shownRentalId())!)).toBe(false);
  });

  it('tells the person TronLink is locked, and refuses to connect', async ({ energy, sandbox }) => {
    await energy.connect();
    await sandbox.tronLink({ mode: 'locked' });
    await energy.connect();
    await expect.poll(() => energy.connectMessage()).toBe('TronLink is locked. Unlock it and try again.');
    // A rental started while locked fails before anything is sent.
    await energy.rent();
    expect(await energy.waitForRental(TERMINAL)).toBe('failed');
    expect(await energy.progressMessage()).toBe(
      'TronLink is locked. Unlock it and start again; nothing was sent.',
    );
    expect(await sandbox.ledger('tronnrg')).toEqual([]);
  });

  it('tells the person when the connection is declined', async ({ energy, sandbox }) => {
    await energy.forget();
    await sandbox.tronLink({ mode: 'reject' });
    await energy.connect();
    await expect.poll(() => energy.connectMessage()).toBe('You declined the connection in TronLink.');
    expect(await energy.account.count()).toBe(0);
  });

  it('tells the person when TronLink already has a prompt open, and connects nothing', async ({
    energy,
    harness,
    sandbox,
  }) => {
    await energy.forget();
    await sandbox.tronLink({ mode: 'delay', delayMs: 8_000 });
    // A site's own connection prompt is open in TronLink when Ampere asks (in that same tab).
    const site = await TronScanPage.open(harness, `${harness.sandboxOrigin}/tronscan/`);
    await site.requestTronLinkAccounts();
    await energy.page.bringToFront();
    await energy.connect();
    await expect
      .poll(() => energy.connectMessage())
      .toBe('TronLink already has a request open. Finish or close it, then try again.');
    expect(await energy.account.count()).toBe(0);
  });

  it('tells the person when TronLink is not installed', async ({ energy, sandbox }) => {
    await energy.forget();
    await sandbox.tronLink({ mode: 'absent' });
    await energy.connect();
    await expect.poll(() => energy.connectMessage(), { timeout: 20_000 }).toContain('TronLink was not found');
  });

  it('keeps a paid rental waiting after a declined signature, and claims once after "Sign again"', async ({
    energy,
    sandbox,
  }) => {
    const { tronlink } = sandbox.accounts.chain.wallets;
    await energy.connect();
    await sandbox.tronLink({ mode: 'delay', delayMs: 2_500 });
    const before = await sandbox.balance(tronlink.address);
    await energy.rent();
    await energy.waitForRental(['signing']);
    // The person declines while TronLink's signing prompt is open.
    await sandbox.tronLink({ mode: 'reject' });
    await expect.poll(() => energy.signAgainButton.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await energy.progressMessage()).toContain(
      'You declined the signature. Your payment is safe on chain',
    );
    expect(await energy.rentalState()).toBe('signing');

    await sandbox.tronLink({ mode: 'approve' });
    await energy.signAgainButton.click();
    expect(await energy.waitForRental(TERMINAL)).toBe('delegated');
    const ledger = await sandbox.ledger('tronnrg');
    expect([count(ledger, 'payment'), count(ledger, 'delegation')]).toEqual([1, 1]);
    expect(await sandbox.tronNrgPayments(tronlink.address)).toBe(1);
    expect(before - (await sandbox.balance(tronlink.address))).toBe(4n * SUN);
  });
});

describe('TronNRG errors and sandbox faults', () => {
  const delegate = '/tronnrg/delegate';
  const envelope = (error: string, message = `${error} (sandbox fault)`) => ({ error, message });

  it.for<[string, (sandbox: Sandbox) => Promise<void>]>([
    ['server_error (500)', (sandbox) => sandbox.failNextDelegation('server_error')],
    ['503', (sandbox) => sandbox.fault({ path: delegate, status: 503, times: 2 })],
    [
      '429 with Retry-After',
      (sandbox) =>
        sandbox.fault({
          path: delegate,
          status: 429,
          headers: { 'retry-after': '1' },
          body: envelope('rate_limited'),
          times: 2,
        }),
    ],
    [
      'a malformed body',
      (sandbox) => sandbox.fault({ path: delegate, status: 200, body: '{"ref": "nrg_d_', times: 1 }),
    ],
    [
      'payment_verification_failed 400 (documented as worth repeating)',
      (sandbox) =>
        sandbox.fault({
          path: delegate,
          status: 400,
          body: envelope('payment_verification_failed'),
          times: 1,
        }),
    ],
    [
      'payment_verification_failed 404 (not indexed yet)',
      (sandbox) =>
        sandbox.fault({
          path: delegate,
          status: 404,
          body: envelope('payment_verification_failed'),
          times: 3,
        }),
    ],
  ])('retries through %s and delegates once', async ([, inject], { energy, sandbox }) => {
    await energy.connect();
    await inject(sandbox);
    await energy.rent();
    expect(await energy.waitForRental(TERMINAL)).toBe('delegated');
    const ledger = await sandbox.ledger('tronnrg');
    expect([count(ledger, 'payment'), count(ledger, 'delegation')]).toEqual([1, 1]);
    expect(await sandbox.tronNrgPayments(sandbox.accounts.chain.wallets.tronlink.address)).toBe(1);
  });

  it('retries after a timeout and delegates once although the slow request arrives later', async ({
    energy,
    sandbox,
  }) => {
    await energy.connect();
    // The first claim is held for 20 s (the client gives up after 15 s); the sandbox still runs it.
    await sandbox.fault({ path: delegate, delayMs: 20_000, times: 1 });
    await energy.rent();
    expect(await energy.waitForRental(TERMINAL, 80_000)).toBe('delegated');
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const ledger = await sandbox.ledger('tronnrg');
    expect([count(ledger, 'payment'), count(ledger, 'delegation')]).toEqual([1, 1]);
  }, 120_000);

  it('shows the refund when TronNRG cannot delegate', async ({ energy, sandbox }) => {
    await energy.connect();
    await sandbox.failNextDelegation('delegation_failed');
    await energy.rent();
    expect(await energy.waitForRental(TERMINAL)).toBe('refund_queued');
    expect(await energy.progressText()).toContain('4 TRX is being refunded to');
    expect(await energy.progressMessage()).toContain('could not deliver the energy for payment');
    await expect
      .poll(async () => count(await sandbox.ledger('tronnrg'), 'refund'), { timeout: 20_000 })
      .toBe(1);
    expect(count(await sandbox.ledger('tronnrg'), 'delegation')).toBe(0);
  });

  it('shows the refund when TronNRG answers below_minimum', async ({ energy, sandbox }) => {
    const payer = sandbox.accounts.chain.wallets.tronlink.address;
    await energy.connect();
    await sandbox.fault({
      path: delegate,
      status: 400,
      body: { ...envelope('below_minimum'), refund: { type: 'queued', to: payer, amount: 4 } },
      times: 1,
    });
    await energy.rent();
    expect(await energy.waitForRental(TERMINAL)).toBe('refund_queued');
    expect(await energy.progressText()).toContain('4 TRX is being refunded to');
    expect(await energy.progressMessage()).toContain('below its minimum');
    expect(await sandbox.tronNrgPayments(payer)).toBe(1);
  });

  it.for([
    ['hash_already_used', 409, 'was already claimed and no delegation to the receiver was found'],
    ['order_blocked', 422, '"order_blocked (sandbox fault)"'],
    ['invalid_signature', 401, '(invalid_signature)'],
    ['signature_mismatch', 403, '(signature_mismatch)'],
    ['invalid_tx_hash', 400, '(invalid_tx_hash)'],
    ['invalid_address', 400, '(invalid_address)'],
    ['missing_signature', 400, '(missing_signature)'],
  ] as const)(
    'ends a claim refused with %s (%i) with a readable message and no second payment',
    async ([code, status, text], { energy, sandbox }) => {
      await energy.connect();
      await sandbox.fault({ path: delegate, status, body: envelope(code), times: 1 });
      await energy.rent();
      expect(await energy.waitForRental(TERMINAL)).toBe('failed');
      const message = await energy.progressMessage();
      expect(message).toContain(text);
      expect(message).toMatch(/[0-9a-f]{64}/); // the payment id to quote to support
      expect(await sandbox.tronNrgPayments(sandbox.accounts.chain.wallets.tronlink.address)).toBe(1);
      expect(count(await sandbox.ledger('tronnrg'), 'delegation')).toBe(0);
    },
  );
});
