/**
 * axe-core audits (WCAG 2.x A and AA, and best practices) of every extension page in the states the
 * tests reach: the popup's tabs signed out and with TronLink connected and 2aml signed in, the
 * options page, and the check page (its confirmation and its result), in light and dark. Any
 * violation of any impact fails, listed with the rule and the element.
 */
import { describe, expect } from 'vitest';
import { test as it, test } from './fixtures';
import { closePages } from './helpers/browser';
import { auditPage, type AxeViolation } from './helpers/axe';
import { CheckPage } from './pages/check';
import { EnergyTab } from './pages/energy';
import { PopupPage, type PopupTabName } from './pages/popup';
import type { Page } from 'playwright-core';

const SCHEMES = ['light', 'dark'] as const;
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
