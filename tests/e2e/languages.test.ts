/**
 * The interface in each of its eight languages, as a browser in that language gets it (`--lang`):
 * every page says its language and direction (right to left in fa, ur, ar and ps), is translated,
 * and never scrolls sideways at 300 or 380 px (the four popup tabs, a gateway being set up so the
 * Payments tab shows); Arabic passes the axe audits in both schemes; a check started in Persian asks
 * 2aml for a Persian report. With AMPERE_SCREENSHOT_DIR set, the Russian and Arabic pages are
 * photographed there, light and dark, at both widths, to be looked at.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchExtension, sendFromPage, type ExtensionHarness } from './extension';
import { auditPage, type AxeViolation } from './helpers/axe';
import { Sandbox } from './helpers/sandbox';
import { CheckPage } from './pages/check';
import { OptionsPage } from './pages/options';
import type { SeededGateway } from './pages/payments';
import { PopupPage } from './pages/popup';

const LANGUAGES = [
  { flag: 'en', lang: 'en', dir: 'ltr' },
  { flag: 'fa', lang: 'fa', dir: 'rtl' },
  { flag: 'ru', lang: 'ru', dir: 'ltr' },
  { flag: 'zh-CN', lang: 'zh-CN', dir: 'ltr' },
  { flag: 'ur', lang: 'ur', dir: 'rtl' },
  { flag: 'tr', lang: 'tr', dir: 'ltr' },
  { flag: 'ar', lang: 'ar', dir: 'rtl' },
  { flag: 'ps', lang: 'ps', dir: 'rtl' },
] as const;

/** What a page says of itself: its language, direction and the label of its settings button. */
const languageOf = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

/**
 * Where screenshots of the Russian and Arabic pages go, light and dark, when set (to be looked at:
 * long Russian words, Arabic mirrored).
 */
const SHOTS = process.env.AMPERE_SCREENSHOT_DIR;
const SHOT_LANGUAGES = ['ru', 'ar'];

/** Screenshots `page` in both schemes as `<flag>-<name>-<width>-<scheme>.png`, when asked to. */
async function screenshots(page: Page, flag: string, name: string, width: number) {
  if (!SHOTS || !SHOT_LANGUAGES.includes(flag)) return;
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SHOTS}/${flag}-${name}-${width}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Every popup tab, by position (their names are translated), with what overflows in each. */
async function popupOverflow(harness: ExtensionHarness, width: number, flag: string) {
  const popup = await PopupPage.open(harness, { width, height: 600 });
  await popup.waitForView();
  const found: Array<{ width: number; tab: number; over: string[] }> = [];
  const tabs = await popup.page.getByRole('tab').count();
  for (let tab = 0; tab < tabs; tab++) {
    await popup.page.getByRole('tab').nth(tab).click();
    await popup.page.getByRole('tabpanel').waitFor({ state: 'visible' });
    found.push({ width, tab, over: await popup.horizontalOverflow() });
    await screenshots(popup.page, flag, `popup-tab${tab}`, width);
  }
  const page = popup.page;
  return { found, page, close: () => popup.close() };
}

/** Elements past the right edge of `page` (sideways scrolling) at its current size. */
async function overflowOf(page: Page, width: number) {
  await page.setViewportSize({ width, height: 600 });
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const over = [...document.querySelectorAll('body *')].filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && (box.right > limit + 0.5 || box.left < -0.5);
    });
    return over.map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
  });
}

describe.each(LANGUAGES)('the interface in $flag', ({ flag, lang, dir }) => {
  let harness: ExtensionHarness;
  let sandbox: Sandbox;
  beforeAll(async () => {
    harness = await launchExtension({ language: flag });
    sandbox = await Sandbox.of(harness);
    // The Payments tab shows once a gateway is set up: set one up so it is measured too.
    const { gateway } = await harness.control<{ gateway: SeededGateway }>('GET', 'accounts');
    const options = await OptionsPage.open(harness);
    const saved = await options.send<{ ok: boolean }>('payments.saveSetup', {
      baseUrl: `${sandbox.origin}/gateway`,
      apiKey: gateway.apiKey,
    });
    expect(saved.ok).toBe(true);
    await options.close();
  });
  afterAll(async () => harness?.close());

  it('says its language and direction, is translated, and fits at 300 and 380 px', async () => {
    const address = sandbox.accounts.tronscan.knownBad[0]!;
    for (const width of [300, 380]) {
      const popup = await popupOverflow(harness, width, flag);
      expect(popup.found.length).toBe(4);
      expect(await languageOf(popup.page)).toEqual({ lang, dir });
      const settings = (await popup.page.locator('header button').first().innerText()).trim();
      expect(settings === 'Settings').toBe(flag === 'en');
      expect(popup.found).toEqual(popup.found.map((row) => ({ ...row, over: [] })));
      await popup.close();

      for (const path of ['options.html', `check.html?address=${address}`]) {
        const page = await harness.openExtensionPage(path);
        await page.locator('main').waitFor();
        expect(await languageOf(page)).toEqual({ lang, dir });
        expect({ path, width, over: await overflowOf(page, width) }).toEqual({ path, width, over: [] });
        await screenshots(page, flag, path.startsWith('options') ? 'options' : 'check', width);
        await page.close();
      }
    }
  });

  it.runIf(flag === 'ar')('passes the axe audits, light and dark', async () => {
    const results: Array<{ state: string; violations: AxeViolation[] }> = [];
    const audit = async (page: Page, state: string) => {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        results.push({ state: `${state}, ${scheme}`, violations: await auditPage(page) });
      }
    };
    const popup = await PopupPage.open(harness);
    await popup.waitForView();
    const tabs = await popup.page.getByRole('tab').count();
    for (let tab = 0; tab < tabs; tab++) {
      await popup.page.getByRole('tab').nth(tab).click();
      await popup.page.getByRole('tabpanel').waitFor({ state: 'visible' });
      await audit(popup.page, `popup tab ${tab}`);
    }
    await popup.close();
    const options = await OptionsPage.open(harness);
    await audit(options.page, 'options');
    await options.page.close();
    const check = await CheckPage.open(harness, sandbox.accounts.tronscan.knownBad[0]!);
    await check.page.locator('main').waitFor();
    await audit(check.page, 'check page');
    await check.close();
    expect(results).toEqual(results.map(({ state }) => ({ state, violations: [] })));
  });

  it.runIf(flag === 'fa')('asks 2aml for a Persian report for a check started here', async () => {
    await sandbox.reset();
    const options = await OptionsPage.open(harness);
    await options.signIn(sandbox.accounts['2aml'].users.alice);
    const check = await CheckPage.open(harness, sandbox.accounts.tronscan.knownBad[0]!);
    await check.page.getByTestId('aml-start-check').click();
    await check.waitForResult();
    const checkId = Number(await check.result.getAttribute('data-check-id'));
    const detail = await sendFromPage<{ ok: boolean; value: { reportLanguage: string | null } }>(
      check.page,
      'aml.checkDetail',
      { checkId },
    );
    // What 2aml recorded for the check, as its answer reports it.
    expect(detail).toMatchObject({ ok: true, value: { reportLanguage: 'fa' } });
    await check.close();
    await options.signOut();
    await options.page.close();
  });
});
