/**
 * axe-core audits (WCAG 2.x A and AA, and best practices) of every extension page in the states the
 * tests reach: the popup's tabs signed out and with TronLink connected and 2aml signed in, the
 * options page, and the check page (its confirmation and its result), in light and dark. Then, in
 * English and in Arabic (one browser each): the options page with the gateway set up and tested,
 * the Payments tab with a watched payment, the Energy tab's offers blocked (receiver not activated;
 * 2aml signed out and no TronZap key) and a rental waiting in TronLink. Any violation of any impact
 * fails, listed with the rule and the element; in Arabic, so does an address, txid or amount that is
 * not laid out left to right.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { test as it, test } from './fixtures';
import { launchExtension, type ExtensionHarness } from './extension';
import { closePages } from './helpers/browser';
import { auditPage, type AxeViolation } from './helpers/axe';
import { Sandbox } from './helpers/sandbox';
import { wordsOf, type Words } from './helpers/words';
import { CheckPage } from './pages/check';
import { EnergyTab } from './pages/energy';
import { OptionsPage } from './pages/options';
import type { SeededGateway } from './pages/payments';
import { PopupPage, type PopupTabName } from './pages/popup';
import type { Page } from 'playwright-core';

const SCHEMES = ['light', 'dark'] as const;
const SHOTS = process.env.AMPERE_SCREENSHOT_DIR;
const TABS: PopupTabName[] = ['Energy', 'AML', 'Activity'];

/** Audits `page` in both colour schemes; the result names the state so a failure says where. */
async function auditBothSchemes(page: Page, state: string) {
  const found: Array<{ state: string; violations: AxeViolation[] }> = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    found.push({ state: `${state}, ${scheme}`, violations: await auditPage(page) });
  }
  return found;
}

/** Audits each popup tab once its panel has settled. */
async function auditPopupTabs(popup: PopupPage, state: string) {
  const found = [];
  for (const name of TABS) {
    await popup.select(name);
    await popup.page.getByRole('tabpanel').waitFor({ state: 'visible' });
    await popup.page.waitForLoadState('networkidle');
    found.push(...(await auditBothSchemes(popup.page, `${state}: ${name} tab`)));
  }
  return found;
}

const clean = (results: Array<{ state: string; violations: AxeViolation[] }>) =>
  results.map(({ state }) => ({ state, violations: [] }));

test.beforeEach(async ({ sandbox, options, harness }) => {
  await sandbox.reset();
  await options.signOut();
  await closePages(harness, options.page);
});

describe('accessibility audits', () => {
  it('finds nothing in the popup signed out, nor in the options page', async ({ harness, options }) => {
    const popup = await PopupPage.open(harness);
    await popup.waitForView();
    const results = await auditPopupTabs(popup, 'signed out');
    await popup.close();
    results.push(...(await auditBothSchemes(options.page, 'options')));
    expect(results).toEqual(clean(results));
  });

  it('finds nothing with TronLink connected and 2aml signed in', async ({ harness, sandbox, options }) => {
    await options.signIn(sandbox.accounts['2aml'].users.alice);
    const energy = await EnergyTab.open(harness);
    await energy.connect();
    const results = await auditPopupTabs(energy.popup, 'signed in');
    await energy.close();
    expect(results).toEqual(clean(results));
  });

  it('finds nothing on the check page, asking and answered', async ({ harness, sandbox, options }) => {
    await options.signIn(sandbox.accounts['2aml'].users.alice);
    const address = sandbox.accounts.tronscan.knownBad[0]!;
    const page = await CheckPage.open(harness, address);
    await page.confirmation.waitFor();
    const results = await auditBothSchemes(page.page, 'check confirmation');
    await page.confirm('1 credit');
    await page.waitForResult();
    results.push(...(await auditBothSchemes(page.page, 'check result')));
    await page.close();
    expect(results).toEqual(clean(results));
  });
});

/**
 * Addresses, txids and amounts on `page` that are not laid out left to right: text matching one
 * whose element is not `direction: ltr` and not inside a `<bdi>` (shown as the text and its tag).
 */
async function unisolatedData(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const digit = '[0-9\u0660-\u0669\u06F0-\u06F9]';
    const data = new RegExp(
      [
        'T[1-9A-HJ-NP-Za-km-z]{33}', // an address
        'T[1-9A-HJ-NP-Za-km-z]{5}…[1-9A-HJ-NP-Za-km-z]{6}', // a shortened one
        '[0-9a-f]{64}', // a txid or hash
        '[0-9a-f]{6}…[0-9a-f]{6}', // a shortened one
        `${digit}{1,3}(?:[,\u066C\u00A0\u202F ]${digit}{3})+(?:[.\u066B]${digit}+)?`, // grouped amount
        `${digit}+[.\u066B]${digit}+`, // decimal amount
      ].join('|'),
    );
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      const text = node.textContent ?? '';
      if (!element || !data.test(text) || !element.checkVisibility()) continue;
      if (element.closest('bdi, script, style, option')) continue;
      if (getComputedStyle(element).direction === 'ltr') continue;
      found.push(`${element.tagName.toLowerCase()}: ${text.trim()}`);
    }
    return found;
  });
}

/** Opens the folded list of the offers that are not the best, so the blocked ones are audited too. */
async function showOtherOffers(page: Page): Promise<void> {
  const others = page.locator('details.offer-others');
  if (await others.count()) await others.evaluate((element) => ((element as HTMLDetailsElement).open = true));
}

/**
 * Sets up and audits the states the payments, offers and rental tests reach, through messages,
 * test ids and the interface's own words, so the same steps run in any language.
 */
async function auditReachedStates(harness: ExtensionHarness, words: Words, checkDirection: boolean) {
  const { say } = words;
  const results: Array<{ state: string; violations: AxeViolation[] }> = [];
  const unisolated: Array<{ state: string; text: string[] }> = [];
  const audit = async (page: Page, state: string) => {
    results.push(...(await auditBothSchemes(page, state)));
    if (checkDirection) unisolated.push({ state, text: await unisolatedData(page) });
    // Photographed for a person to look at, when asked (AMPERE_SCREENSHOT_DIR).
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      const name = `${words.say('locale.code')}-${state.replace(/\W+/g, '-')}`;
      await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    }
  };
  const sandbox = await Sandbox.of(harness);
  await sandbox.reset();
  const options = await OptionsPage.open(harness);
  await options.signOut();
  const { gateway } = await harness.control<{ gateway: SeededGateway }>('GET', 'accounts');

  // The options page with the gateway set up and its connection tested (partner and wallets shown).
  const saved = await options.send<{ ok: boolean }>('payments.saveSetup', {
    baseUrl: `${sandbox.origin}/gateway`,
    apiKey: gateway.apiKey,
  });
  expect(saved.ok).toBe(true);
  await options.page.reload();
  await options.page.getByRole('button', { name: say('payments.setup.test'), exact: true }).click();
  await options.page.getByTestId('gateway-partner').waitFor();
  await audit(options.page, 'options, gateway set up and tested');

  // The Payments tab with a payment being watched.
  const created = await options.send<{ ok: boolean }>('payments.create', {
    transactionId: 'audit-1',
    asset: 'USDT',
    amountUsd: '12.5',
  });
  expect(created.ok).toBe(true);
  // Tall enough for the whole Energy tab: the sticky rent button would otherwise lie over the
  // controls scrolled beneath it, which axe counts as targets too close together.
  const popup = await PopupPage.open(harness, { width: 380, height: 1600 });
  await popup.waitForView();
  await popup.page.getByRole('tab', { name: say('payments.title') }).click();
  await popup.page.getByTestId('payment-card').first().waitFor();
  await audit(popup.page, 'Payments tab, a payment watched');

  // The Energy tab: TronLink connected, 2aml signed out, no TronZap key, then a receiver that is
  // not activated on chain.
  const { page } = popup;
  await page.getByRole('tab', { name: say('energy.title') }).click();
  // An earlier test in this browser may have connected the account already.
  const account = page.getByTestId('energy-account');
  const connect = page.getByRole('button', { name: say('energy.account.connect') });
  await account.or(connect).first().waitFor();
  if (await connect.isVisible()) await connect.click();
  await account.waitFor({ timeout: 30_000 });
  const quoted = page.locator('[data-testid="energy-quote"][data-complete="true"]');
  await page
    .locator('[data-testid="energy-offer"][data-state="blocked"]')
    .first()
    .waitFor({ state: 'attached', timeout: 20_000 });
  await quoted.waitFor({ timeout: 20_000 });
  await showOtherOffers(page);
  await audit(page, 'Energy tab, 2aml signed out and no TronZap key');
  const fresh = sandbox.tronWeb().utils.accounts.generateAccount().address.base58;
  await page.locator('input[name="receiver"]').fill(fresh);
  await page
    .locator('[data-testid="energy-offer-blocker"][data-blocker="activate_receiver"]')
    .first()
    .waitFor({ state: 'attached', timeout: 20_000 });
  await quoted.waitFor({ timeout: 20_000 });
  await showOtherOffers(page);
  await audit(page, 'Energy tab, receiver not activated');

  // A rental waiting for TronLink's signature.
  await sandbox.tronLink({ mode: 'delay', delayMs: 120_000 });
  await page.locator('input[name="receiver"]').fill('');
  await quoted.waitFor({ timeout: 20_000 });
  await page.locator('form.energy-form button[type="submit"]').click();
  await page.getByTestId('energy-confirm').waitFor();
  await audit(page, 'Energy tab, the rental confirmation');
  await page.locator('[data-testid="energy-confirm"] button.primary').click();
  await page.getByTestId('energy-progress').waitFor();
  await audit(page, 'Energy tab, a rental waiting in TronLink');

  await popup.close();
  await options.send('payments.forgetSetup');
  await options.close();
  await sandbox.reset();
  return { results, unisolated };
}

describe('the states the payments, offers and rental tests reach', () => {
  it('finds nothing in English, light and dark', async ({ harness }) => {
    const { results } = await auditReachedStates(harness, await wordsOf('en'), false);
    expect(results.length).toBe(12);
    expect(results).toEqual(clean(results));
  });

  it('finds nothing in Arabic, and keeps every address, txid and amount left to right', async () => {
    const arabic = await launchExtension({ language: 'ar' });
    try {
      const { results, unisolated } = await auditReachedStates(arabic, await wordsOf('ar'), true);
      expect({ results, unisolated }).toEqual({
        results: clean(results),
        unisolated: unisolated.map(({ state }) => ({ state, text: [] })),
      });
    } finally {
      await arabic.close();
    }
  });
});
