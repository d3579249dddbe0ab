/**
 * A hostile page open and active in the person's current tab, with TronLink (the emulator) in it,
 * while they rent energy from the popup: the page wraps `signMessageV2` to sign `txid:<attacker>`,
 * redirects `sendTransaction` to the attacker, or answers `eth_requestAccounts` with a lookalike of
 * the person's address. Ampere reaches TronLink only from its own TronScan tab, so the page is never
 * used, the energy goes to the chosen receiver only, the TRX to TronNRG's `pay_to` only, and the
 * lookalike stays flagged.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test as it, useRentalSandbox } from './fixtures';
import type { ExtensionHarness } from './extension';
import { count, type Sandbox } from './helpers/sandbox';
import { openTabUrls } from './helpers/browser';
import { type EnergyTab, RENTAL_TERMINAL as TERMINAL } from './pages/energy';
import { TronScanPage } from './pages/tronscan';

const SUN = 1_000_000n;

type Attack = 'sign' | 'pay' | 'accounts';

/** Opens the hostile page for `attack` and makes it the person's current tab. */
async function openHostilePage(harness: ExtensionHarness, sandbox: Sandbox, attack: Attack): Promise<Page> {
  const query = new URLSearchParams({
    attack,
    attacker: sandbox.accounts.chain.wallets.stranger.address,
    lookalike: sandbox.accounts.tronscan.lookalike.address,
  });
  const page = await harness.context.newPage();
  await page.goto(`${harness.sandboxOrigin}/tronlink/hostile?${query}`);
  await page.waitForFunction(() => 'tron' in window && '__hostileCalls' in window);
  await page.bringToFront();
  return page;
}

/** What the hostile page's wrapped functions were asked to do. */
const hostileCalls = (page: Page) =>
  page.evaluate(() => (window as unknown as { __hostileCalls: unknown[] }).__hostileCalls);

/**
 * Connects, rents 65,000 energy for the connected account and waits for the end; `whileSigning`
 * runs while TronLink's signing prompt is open (TronLink then answers after a delay).
 */
async function rentWhileHostilePageIsActive(
  energy: EnergyTab,
  sandbox: Sandbox,
  hostile: Page,
  whileSigning?: () => Promise<void>,
) {
  const { tronlink } = sandbox.accounts.chain.wallets;
  await energy.connect();
  await expect.poll(() => energy.account.textContent()).toBe(tronlink.address);
  // The person is on the hostile page while TronLink is asked.
  await hostile.bringToFront();
  const before = await sandbox.balance(tronlink.address);
  await energy.fill({});
  await energy.quoteText();
  await energy.review();
  // What TronLink will show, before anything is sent.
  const payTo = sandbox.accounts.tronnrg.payTo;
  expect(await energy.page.getByTestId('energy-show-pay').textContent()).toBe(
    `Send 4 TRX to ${payTo.slice(0, 6)}…${payTo.slice(-6)}`,
  );
  expect(await energy.page.getByTestId('energy-show-message').textContent()).toBe(
    `<payment id>:${tronlink.address}`,
  );
  if (whileSigning) await sandbox.tronLink({ mode: 'delay', delayMs: 4_000 });
  await energy.pay();
  if (whileSigning) {
    await energy.waitForRental(['signing']);
    await whileSigning();
  }
  expect(await energy.waitForRental(TERMINAL)).toBe('delegated');
  return { spent: before - (await sandbox.balance(tronlink.address)) };
}

/** The energy reached only the receiver, and the TRX only TronNRG's pay_to: once each. */
async function expectPaidAndDelegatedOnlyAsChosen(sandbox: Sandbox, spent: bigint) {
  const { tronlink, stranger: attacker } = sandbox.accounts.chain.wallets;
  const ledger = await sandbox.ledger('tronnrg');
  expect([count(ledger, 'payment'), count(ledger, 'delegation')]).toEqual([1, 1]);
  expect(ledger.filter((e) => e.kind === 'delegation').map((e) => e.account)).toEqual([tronlink.address]);
  expect(await sandbox.tronNrgPayments(tronlink.address)).toBe(1);
  expect(await sandbox.transfersOnChain(tronlink.address, attacker.address)).toBe(0);
  expect(spent).toBe(4n * SUN);
  const attackerResources = await sandbox.tronWeb().trx.getAccountResources(attacker.address);
  expect(attackerResources.EnergyLimit ?? 0).toBe(0);
}

useRentalSandbox();

describe('renting energy with a hostile page in the current tab', () => {
  it('never uses a page that wraps signMessageV2 to sign for the attacker', async ({
    energy,
    harness,
    sandbox,
  }) => {
    const hostile = await openHostilePage(harness, sandbox, 'sign');
    const receiver = sandbox.accounts.chain.wallets.tronlink.address;
    const { spent } = await rentWhileHostilePageIsActive(energy, sandbox, hostile, async () => {
      // Once the payment id is known, the popup shows the exact message TronLink asks to sign.
      const message = energy.page.getByTestId('energy-show-message');
      await expect.poll(() => message.textContent()).toMatch(new RegExp(`^[0-9a-f]{64}:${receiver}$`));
      expect(await message.locator('mark').textContent()).toBe(receiver);
    });
    expect(await hostileCalls(hostile)).toEqual([]);
    await expectPaidAndDelegatedOnlyAsChosen(sandbox, spent);
    // The claim signature proved the account, with no extra prompt.
    await expect
      .poll(() => energy.page.getByTestId('energy-account-proof').getAttribute('data-proven'))
      .toBe('true');
  });

  it('never uses a page that redirects sendTransaction to the attacker', async ({
    energy,
    harness,
    sandbox,
  }) => {
    const hostile = await openHostilePage(harness, sandbox, 'pay');
    const { spent } = await rentWhileHostilePageIsActive(energy, sandbox, hostile);
    expect(await hostileCalls(hostile)).toEqual([]);
    await expectPaidAndDelegatedOnlyAsChosen(sandbox, spent);
    // The bridge tab Ampere opened is closed again, and the person is back on their page.
    await expect
      .poll(async () => (await openTabUrls(energy.page)).some((url) => url.includes('/tronscan/')))
      .toBe(false);
  });

  it('never takes the lookalike a page answers eth_requestAccounts with, and keeps flagging it', async ({
    energy,
    harness,
    options,
    sandbox,
  }) => {
    const { lookalike, tronlink } = sandbox.accounts.tronscan;
    const hostile = await openHostilePage(harness, sandbox, 'accounts');
    const { spent } = await rentWhileHostilePageIsActive(energy, sandbox, hostile);
    expect(await hostileCalls(hostile)).toEqual([]);
    expect(await energy.account.textContent()).toBe(tronlink);
    await expectPaidAndDelegatedOnlyAsChosen(sandbox, spent);

    // The sandbox's lookalike shares 1 + 3 characters after the T: caught at loose sensitivity.
    await options.updateSettings({
      badges: { enabled: true, freeSignals: true, lookalikeSensitivity: 'loose' },
    });
    const tronscan = await TronScanPage.openRoute(harness, '#/');
    const badges = await tronscan.waitForBadges(lookalike.address, (badge) => badge.tone === 'high');
    expect(badges.length).toBeGreaterThan(0);
    const own = await tronscan.waitForBadges(tronlink, (badge) => badge.tone === 'unknown');
    expect(own.length).toBeGreaterThan(0);
  });
});
