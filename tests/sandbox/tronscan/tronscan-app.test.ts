/**
 * The TronScan-like app in headless Chromium: hash navigation without page loads, rows that arrive
 * later, the DOM read back per form, and big lists, as the extension's content script will meet them.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TronWeb } from 'tronweb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../server';
import type { PageManifest } from './manifest';
import { ADDRESS_FORMS } from './page-model';
import { launchChromium } from './testing/chromium';
import { readAddressForms, type ReadForms } from './testing/read-forms';

interface SandboxHandle {
  appendRows(count: number): { from: string; to: string }[];
  ready(): Promise<string>;
  renders: number;
}
/** The page's `window` in `page.evaluate` callbacks (module-scoped: types only). */
declare const window: Window &
  typeof globalThis & { __tronscanSandbox: SandboxHandle; marker?: string; tron?: { isTronLink: boolean } };

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let browser: Browser;
let context: BrowserContext;
let tronlink: string;
let usdt: string;

const manifestOf = async (route: string) =>
  (await (
    await fetch(`${sandbox.origin}/tronscan/api/manifest?route=${encodeURIComponent(route)}`)
  ).json()) as PageManifest;

async function open(route: string, query = '?tronlink=off'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${sandbox.origin}/tronscan/${query}${route}`);
  await page.evaluate(() => window.__tronscanSandbox.ready());
  return page;
}

async function go(page: Page, route: string): Promise<void> {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, route);
  await page.waitForFunction(
    (hash) => document.body.dataset.route === hash && document.body.dataset.pageReady === 'true',
    route,
  );
}

/** The forms as the DOM shows them now, read in the page by the same reader the Node tests use. */
function readForms(page: Page): Promise<ReadForms> {
  return page.evaluate(`(${readAddressForms.toString()})(document)`) as Promise<ReadForms>;
}

/** How many addresses each form shows. */
function countsOf(forms: Record<string, string[]>): Record<string, number> {
  return Object.fromEntries(ADDRESS_FORMS.map((form) => [form, forms[form]?.length ?? 0]));
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  tronlink = sandbox.world.chain.keypair('tronlink').address;
  usdt = sandbox.world.chain.usdtContract;
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

beforeEach(async () => {
  context = await browser.newContext();
});

afterEach(async () => {
  await context?.close();
});

describe('the TronScan-like app in a browser', () => {
  it('navigates between hash routes without loading a page', async () => {
    const page = await open('#/');
    await page.evaluate(() => {
      window.marker = 'same document';
    });
    const href = await page.getAttribute('a.address-link[href^="#/address/"]', 'href');
    await page.click(`a.address-link[href="${href}"]`);
    await page.waitForFunction(
      (hash) => document.body.dataset.route === hash && document.body.dataset.pageReady === 'true',
      href!,
    );
    expect(await page.textContent('.address-header .address-text')).toBe(href!.replace('#/address/', ''));
    await page.goBack();
    await page.waitForFunction(
      () => document.body.dataset.route === '#/' && document.body.dataset.pageReady === 'true',
    );
    expect(
      await page.evaluate(() => ({
        marker: window.marker,
        loads: performance.getEntriesByType('navigation').length,
        renders: window.__tronscanSandbox.renders,
      })),
    ).toEqual({ marker: 'same document', loads: 1, renders: 3 });
  });

  it('shows in the DOM exactly what the manifest lists, page after page', async () => {
    const page = await open('#/');
    for (const route of ['#/', `#/address/${tronlink}`, `#/contract/${usdt}/code`, `#/token20/${usdt}`]) {
      await go(page, route);
      const [read, manifest] = await Promise.all([readForms(page), manifestOf(route)]);
      for (const form of ADDRESS_FORMS) {
        const shown = form === 'link-full' ? read[form]!.filter((a) => TronWeb.isAddress(a)) : read[form];
        expect(shown, `${route} ${form}`).toEqual(manifest.forms[form]);
      }
    }
  });

  it('keeps split addresses whole in textContent while innerText breaks them', async () => {
    const page = await open('#/');
    const texts = await page.evaluate(() => {
      const link = document.querySelector('a.address-link div.ellipsis_box')!.closest('a')!;
      return { href: link.getAttribute('href'), textContent: link.textContent, innerText: link.innerText };
    });
    expect(texts.href).toBe(`#/address/${texts.textContent}`);
    expect(texts.innerText).not.toBe(texts.textContent);
    expect(texts.innerText.replace(/\s/g, '')).toBe(texts.textContent);
  });

  it('adds rows after the first render: a live update, then "Load more"', async () => {
    const route = `#/address/${tronlink}`;
    const manifest = await manifestOf(route);
    const page = await open(route);
    const liveAlready = (await page.$('tr.live-row')) !== null;
    const first = countsOf(await readForms(page));
    // On a slow machine the live row may beat the first read; then it is part of it.
    const expectedFirst = countsOf(manifest.forms);
    if (liveAlready)
      for (const form of ADDRESS_FORMS) expectedFirst[form]! += manifest.late.timer[form].length;
    expect(first).toEqual(expectedFirst);
    await page.waitForSelector('tr.live-row');
    const afterTimer = countsOf(await readForms(page));
    await page.click('button.load-more');
    expect(await page.$('button.load-more')).toBeNull();
    const afterLoadMore = countsOf(await readForms(page));
    for (const form of ADDRESS_FORMS) {
      expect(afterTimer[form]! - first[form]!, form).toBe(liveAlready ? 0 : manifest.late.timer[form].length);
      expect(afterLoadMore[form]! - afterTimer[form]!, form).toBe(manifest.late.loadMore[form].length);
    }
  });

  it('follows contract links that have no href by their text', async () => {
    const page = await open('#/');
    await page.click('a[href="javascript:;"]');
    await page.waitForFunction((hash) => document.body.dataset.route === hash, `#/contract/${usdt}/code`);
    expect(await page.textContent('.address-header .address-text')).toBe(usdt);
  });

  it('lists 1,000 transfers and appends more rows on request', async () => {
    const page = await open('#/transfers?rows=1000');
    const rows = '[data-section="transfers"] tbody tr';
    expect(await page.locator(rows).count()).toBe(1000);
    const appended = await page.evaluate(() => window.__tronscanSandbox.appendRows(500));
    expect(appended).toHaveLength(500);
    for (const row of appended) expect(TronWeb.isAddress(row.from) && TronWeb.isAddress(row.to)).toBe(true);
    expect(await page.locator(rows).count()).toBe(1500);
    const read = await readForms(page);
    const links =
      read['link-full']!.length +
      read['link-short']!.length +
      read['link-split']!.length +
      read['link-split-div']!.length;
    expect(links).toBe(3000);
  });

  it('searches an address from the search box', async () => {
    const page = await open('#/');
    await page.fill('#search input', tronlink);
    await page.press('#search input', 'Enter');
    await page.waitForFunction((hash) => document.body.dataset.route === hash, `#/address/${tronlink}`);
    expect(await page.textContent('.address-header .address-text')).toBe(tronlink);
  });

  it('carries the TronLink emulator unless asked not to', async () => {
    const withTronLink = await open('#/', '');
    expect(await withTronLink.evaluate(() => window.tron?.isTronLink)).toBe(true);
    const without = await open('#/');
    expect(await without.evaluate(() => window.tron)).toBeUndefined();
  });
});
