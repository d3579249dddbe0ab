/**
 * Paid AML checks end to end, in real Chromium with the sandbox extension and the sandbox's 2aml and
 * TronScan-like pages: a check confirmed on the extension's own confirmation page updates the badges
 * in two open TronScan tabs and raises a notification; both PDF reports are saved through the
 * browser's downloads and render with pdftoppm; the right-click "Check this address" (its handler,
 * called through the worker: Playwright cannot click native menus) opens the confirmation or says
 * what is wrong; a page script cannot start a check (the ledger shows no charge); an invalid address
 * typed in the popup sends nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchExtension, sendFromPage, type ExtensionHarness } from './extension';

// Runs inside extension pages and the service worker (`evaluate`), where `chrome` exists.
declare const chrome: {
  storage: {
    local: { remove(keys: string[]): Promise<void>; get(key: string): Promise<Record<string, unknown>> };
  };
  notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> };
  downloads: {
    search(query: {
      id?: number;
    }): Promise<{ id: number; filename: string; state: string; mime?: string; byExtensionId?: string }[]>;
  };
  tabs: { query(info: object): Promise<{ id?: number; url?: string }[]> };
};
declare const globalThis: {
  __ampereMenuClick(
    info: {
      menuItemId: string;
      selectionText?: string;
      linkUrl?: string;
      pageUrl?: string;
      frameId?: number;
    },
    tab?: { id?: number },
  ): Promise<{ ok: boolean; address?: string; reason?: string }>;
};

interface Catalog {
  pages: Record<string, string>;
  knownBad: string[];
  usdt: string;
  invalid: Record<string, string[]>;
}
interface LedgerEntry {
  service: string;
  kind: string;
  account?: string;
  amount?: string;
  unit?: string;
}

let harness: ExtensionHarness;
let catalog: Catalog;
let alicePassword: string;
let extensionPage: Page;

/** The sanctioned-exchange address: on the TronScan home page, score 97 (critical). */
const bad = () => catalog.knownBad[0]!;

async function amlLedger(): Promise<LedgerEntry[]> {
  const { entries } = await harness.control<{ entries: LedgerEntry[] }>('GET', 'ledger');
  return entries.filter((entry) => entry.service === '2aml-aml');
}

async function signInAlice(): Promise<void> {
  const outcome = await sendFromPage<{ ok: boolean }>(extensionPage, 'aml.signIn', {
    email: 'alice@example.com',
    password: alicePassword,
  });
  expect(outcome.ok).toBe(true);
}

/** Opens a TronScan-like route and waits until the app rendered it and its badges exist. */
async function openTronscan(url: string): Promise<Page> {
  const page = await harness.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.ampere === 'loaded');
  await page.waitForFunction(() => document.querySelectorAll('ampere-risk-badge').length > 0, null, {
    timeout: 15_000,
  });
  return page;
}

interface CdpNode {
  nodeName: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}
function attributesOf(node: CdpNode): Record<string, string> {
  const list = node.attributes ?? [];
  const result: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) result[list[i]!] = list[i + 1]!;
  return result;
}

/** The tone classes of every drawn badge of `address`, read through CDP (the shadow roots are closed). */
async function badgeTones(page: Page, address: string): Promise<string[]> {
  const cdp: CDPSession = await harness.context.newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const tones: string[] = [];
    const visit = (node: CdpNode) => {
      if (node.nodeName === 'AMPERE-RISK-BADGE' && attributesOf(node)['data-address'] === address) {
        const button = node.shadowRoots?.[0]?.children?.find((child) => child.nodeName === 'BUTTON');
        if (button) tones.push(attributesOf(button).class ?? '');
      }
      for (const child of node.children ?? []) visit(child);
      for (const shadow of node.shadowRoots ?? []) visit(shadow);
    };
    visit(root);
    return tones;
  } finally {
    await cdp.detach();
  }
}

async function waitForTone(page: Page, address: string, tone: string): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await badgeTones(page, address);
    if (last.length > 0 && last.every((classes) => classes.split(/\s+/).includes(tone))) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`badges of ${address} are ${JSON.stringify(last)}, not ${tone}`);
}

/** Clicks the badge of `address` the way a person does (a trusted click at its place on screen). */
async function clickBadge(page: Page, address: string): Promise<void> {
  const host = page.locator(`ampere-risk-badge[data-address="${address}"]`).first();
  await host.scrollIntoViewIfNeeded();
  const box = await host.boundingBox();
  if (!box) throw new Error('the badge has no box');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** The confirmation page the extension opened for `address` (a popup window). */
async function confirmationFor(address: string): Promise<Page> {
  const matches = (page: Page) => page.url().includes('/check.html') && page.url().includes(address);
  const open = harness.context.pages().find(matches);
  const page = open ?? (await harness.context.waitForEvent('page', { predicate: matches, timeout: 10_000 }));
  await page.waitForLoadState();
  return page;
}

async function notificationIds(): Promise<string[]> {
  return Object.keys(await extensionPage.evaluate(() => chrome.notifications.getAll()));
}

beforeAll(async () => {
  harness = await launchExtension({ extensionDir: process.env.AMPERE_E2E_EXTENSION_DIR });
  const accounts = await harness.control<{
    tronscan: Catalog;
    '2aml': { users: { alice: { password: string } } };
  }>('GET', 'accounts');
  catalog = accounts.tronscan;
  alicePassword = accounts['2aml'].users.alice.password;
  extensionPage = await harness.openExtensionPage('options.html');
});

afterAll(async () => {
  await harness?.close();
});

beforeEach(async () => {
  await harness.control('POST', 'reset');
  await sendFromPage(extensionPage, 'aml.signOut');
  await extensionPage.evaluate(() => chrome.storage.local.remove(['riskResults', 'knownAddresses', 'jobs']));
  for (const page of harness.context.pages()) if (page !== extensionPage) await page.close();
});

describe('a check through the confirmation page', () => {
  it('shows the cost first, charges one credit on the click there, and updates the badges in two tabs', async () => {
    await signInAlice();
    const home = catalog.pages.home!;
    const first = await openTronscan(home);
    const second = await openTronscan(home);
    await waitForTone(first, bad(), 'unknown');
    await waitForTone(second, bad(), 'unknown');

    await clickBadge(first, bad());
    const confirm = await confirmationFor(bad());
    await confirm.getByTestId('check-confirm').waitFor();
    await expect(confirm.getByTestId('check-address').textContent()).resolves.toBe(bad());
    await expect(confirm.getByTestId('aml-cost').textContent()).resolves.toBe(
      'This check costs 1 AML credit.',
    );
    // Nothing is paid until the click.
    expect(await amlLedger()).toEqual([]);
    await confirm.getByRole('button', { name: 'Check for 1 credit' }).click();

    const result = confirm.getByTestId('aml-result');
    await result.waitFor({ timeout: 20_000 });
    await expect(result.getAttribute('data-level')).resolves.toBe('critical');
    await expect(confirm.getByTestId('aml-score').textContent()).resolves.toBe('97 of 100');
    await expect(result.textContent()).resolves.toContain('sanctions');
    await confirm
      .screenshot({ path: '/tmp/h9/shots/check-page-result.png', fullPage: true })
      .catch(() => undefined);

    await waitForTone(first, bad(), 'critical');
    await waitForTone(second, bad(), 'critical');
    expect(await amlLedger()).toEqual([
      expect.objectContaining({ kind: 'charge', amount: '1', unit: 'credits', account: 'alice@example.com' }),
    ]);
    expect((await notificationIds()).some((id) => id.startsWith('job:'))).toBe(true);
  });

  it('asks a signed-out user to sign in on the confirmation page, then shows the fee when credits are out', async () => {
    const address = catalog.knownBad[1]!;
    const page = await harness.openExtensionPage(`check.html?address=${address}&confirm=1`);
    await page.getByTestId('aml-sign-in').waitFor();
    await page.getByLabel('E-mail').fill('bob@example.com');
    await page.getByLabel('Password', { exact: true }).fill('bob-pass-1');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('aml-two-factor').waitFor();
    const { code } = await harness.control<{ code: string }>('GET', 'totp?email=bob@example.com');
    await page.getByLabel('Code or recovery code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    // Bob has no credits, and 25 TRX: the cost is the 8 TRX fee.
    await expect(page.getByTestId('aml-cost').textContent()).resolves.toBe(
      'This check costs 8 TRX from your 2aml wallet.',
    );
    await page.getByRole('button', { name: 'Check for 8 TRX' }).click();
    await page.getByTestId('aml-result').waitFor({ timeout: 20_000 });
    expect(await amlLedger()).toEqual([
      expect.objectContaining({
        kind: 'charge',
        amount: '8.000000',
        unit: 'TRX',
        account: 'bob@example.com',
      }),
    ]);
  });
});

describe('reports', () => {
  it('saves the full and the summary PDF through the downloads, and both render', async () => {
    await signInAlice();
    const address = bad();
    const page = await harness.openExtensionPage(`check.html?address=${address}&confirm=1`);
    await page.getByRole('button', { name: 'Check for 1 credit' }).click();
    await page.getByTestId('aml-result').waitFor({ timeout: 20_000 });
    const checkId = await page.getByTestId('aml-result').getAttribute('data-check-id');

    const out = mkdtempSync(join(tmpdir(), 'ampere-aml-pdf-'));
    for (const [button, name] of [
      ['Full report (PDF)', `aml-report-${checkId}`],
      ['Summary (PDF)', `aml-report-summary-${checkId}`],
    ] as const) {
      await page.getByRole('button', { name: button }).click();
      const saved = page.locator(`[data-saved="${name}.pdf"]`);
      await saved.waitFor();
      const id = Number(await saved.getAttribute('data-download-id'));
      let download: { filename: string; state: string; mime?: string; byExtensionId?: string } | undefined;
      for (let i = 0; i < 50 && download?.state !== 'complete'; i++) {
        [download] = await extensionPage.evaluate(
          (downloadId) => chrome.downloads.search({ id: downloadId }),
          id,
        );
        if (download?.state !== 'complete') await page.waitForTimeout(100);
      }
      expect(download, name).toMatchObject({
        state: 'complete',
        mime: 'application/pdf',
        byExtensionId: harness.extensionId,
      });
      // Playwright stores downloads under its own names; the file is what matters.
      expect(existsSync(download!.filename)).toBe(true);
      execFileSync('pdftoppm', ['-png', '-r', '60', download!.filename, join(out, name)]);
      const pages = readdirSync(out).filter((file) => file.startsWith(`${name}-`) && file.endsWith('.png'));
      expect(pages.length, name).toBeGreaterThan(0);
      for (const png of pages) expect(statSync(join(out, png)).size).toBeGreaterThan(2_000);
    }
    console.log(`[aml] rendered report pages in ${out}`);
  });
});

describe('right-click "Check this address"', () => {
  const menuClick = async (
    info: {
      menuItemId: string;
      selectionText?: string;
      linkUrl?: string;
      pageUrl?: string;
      frameId?: number;
    },
    tabId?: number,
  ) => {
    const worker = await harness.worker();
    return worker.evaluate(
      ([i, id]) => globalThis.__ampereMenuClick(i, id === undefined ? undefined : { id }),
      [info, tabId] as const,
    );
  };

  /** The id of the tab showing `url`, as the extension knows it. */
  const tabIdOf = async (url: string): Promise<number> => {
    const tabs = await extensionPage.evaluate(() => chrome.tabs.query({}));
    const tab = tabs.find((t) => t.url === url);
    if (tab?.id === undefined) throw new Error(`no tab for ${url}`);
    return tab.id;
  };

  it('opens the confirmation for a selected address; the result arrives on that page', async () => {
    await signInAlice();
    const address = bad();
    expect(await menuClick({ menuItemId: 'ampere-check-address', selectionText: ` ${address} ` })).toEqual({
      ok: true,
      address,
      from: 'selection',
    });
    const confirm = await confirmationFor(address);
    await confirm.getByRole('button', { name: 'Check for 1 credit' }).click();
    await confirm.getByTestId('aml-result').waitFor({ timeout: 20_000 });
    expect((await notificationIds()).some((id) => id.startsWith('job:'))).toBe(true);
  });

  it('reads a TronScan address page and a contract link whose href is javascript:;', async () => {
    const pageUrl = catalog.pages.tronlinkAddress!;
    const tronlink = new URL(pageUrl).hash.split('/')[2]!;
    const page = await openTronscan(pageUrl);
    expect(
      await menuClick({ menuItemId: 'ampere-check-page', pageUrl }, await tabIdOf(page.url())),
    ).toMatchObject({
      ok: true,
      address: tronlink,
      from: 'page',
    });
    await (await confirmationFor(tronlink)).close();

    const home = await openTronscan(catalog.pages.home!);
    const jsLink = await home.evaluate(() => {
      const link = Array.from(document.querySelectorAll('a')).find(
        (a) => a.getAttribute('href') === 'javascript:;',
      );
      return link ? { href: link.href, text: link.textContent ?? '' } : null;
    });
    expect(jsLink).not.toBeNull();
    const found = await menuClick(
      { menuItemId: 'ampere-check-address', linkUrl: jsLink!.href, pageUrl: home.url(), frameId: 0 },
      await tabIdOf(home.url()),
    );
    expect(found).toMatchObject({ ok: true, from: 'link' });
    expect(jsLink!.text.replace(/\s+/g, '')).toContain(found.address);
  });

  it('says clearly what is wrong with an invalid selection, and opens nothing', async () => {
    const before = harness.context.pages().length;
    const typo = catalog.invalid['checksum-invalid']![0]!;
    expect(await menuClick({ menuItemId: 'ampere-check-address', selectionText: typo })).toEqual({
      ok: false,
      reason: 'invalid_address',
    });
    expect(await menuClick({ menuItemId: 'ampere-check-address', selectionText: 'TGABsd…N1AXc' })).toEqual({
      ok: false,
      reason: 'shortened',
    });
    expect(
      (await notificationIds()).filter((id) => id.startsWith('aml-menu:')).length,
    ).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.context.pages().length).toBe(before);
    expect(await amlLedger()).toEqual([]);
  });
});

describe('what a web page cannot do', () => {
  it('cannot start a check: synthetic clicks, messages and the extension pages are out of its reach', async () => {
    await signInAlice();
    const page = await openTronscan(catalog.pages.home!);
    await waitForTone(page, bad(), 'unknown');
    const extensionId = harness.extensionId;
    const attempts = await page.evaluate(
      async ([address, id]) => {
        const results: string[] = [];
        const host = document.querySelector(`ampere-risk-badge[data-address="${address}"]`) as HTMLElement;
        host.click();
        host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        window.postMessage({ type: 'aml.startCheck', data: { address } }, '*');
        window.postMessage({ type: 'risk.requestCheck', data: { address } }, '*');
        const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
        results.push(`runtime.sendMessage: ${typeof runtime?.sendMessage}`);
        try {
          const response = await fetch(`chrome-extension://${id}/check.html?address=${address}&confirm=1`);
          results.push(`fetch: ${response.status}`);
        } catch (error) {
          results.push(`fetch: ${(error as Error).name}`);
        }
        const opened = window.open(`chrome-extension://${id}/check.html?address=${address}&confirm=1`);
        results.push(`window.open: ${opened ? 'window' : 'blocked'}`);
        return results;
      },
      [bad(), extensionId] as const,
    );
    // Whatever the page got back, nothing it did reached the confirmation or a check.
    await page.waitForTimeout(1_500);
    const checkPages = harness.context
      .pages()
      .filter((p) => p.url().includes('/check.html') && !p.url().startsWith('chrome-error'));
    const loaded = [];
    for (const p of checkPages) {
      const hasApp = await p
        .getByTestId('check-page')
        .count()
        .catch(() => 0);
      if (hasApp > 0) loaded.push(p.url());
    }
    expect(loaded, attempts.join('; ')).toEqual([]);
    expect(await amlLedger()).toEqual([]);
    const { jobs } = await extensionPage.evaluate(() => chrome.storage.local.get('jobs'));
    expect(
      Object.values((jobs ?? {}) as Record<string, { kind: string }>).filter(
        (job) => job.kind === 'aml-check',
      ),
    ).toEqual([]);
    await waitForTone(page, bad(), 'unknown');
  });
});

describe('the popup', () => {
  it('refuses an invalid address before anything is sent', async () => {
    await signInAlice();
    const popup = await harness.openExtensionPage('popup.html');
    await popup.setViewportSize({ width: 380, height: 900 });
    await popup.getByRole('tab', { name: 'AML' }).click();
    const input = popup.getByTestId('aml-check-address');
    await input.fill(catalog.invalid['checksum-invalid']![0]!);
    await input.blur();
    await expect(popup.getByRole('alert').first().textContent()).resolves.toContain(
      'not a valid TRON address',
    );
    await expect(popup.getByTestId('aml-start-check').count()).resolves.toBe(0);
    // Even a forged message from an extension page is refused before the network.
    const outcome = await sendFromPage<{ ok: boolean; problem?: { code: string } }>(popup, 'aml.startCheck', {
      address: catalog.invalid['checksum-invalid']![0]!,
      billingMode: 'auto',
      reportLanguage: 'en',
      cost: { kind: 'credit', credits: 1 },
      origin: 'popup',
    });
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'invalid_address' } });
    expect(await amlLedger()).toEqual([]);
  });
});
