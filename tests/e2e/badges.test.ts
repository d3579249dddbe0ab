/**
 * Risk badges on the sandbox's TronScan-like pages, in real Chromium with the sandbox extension:
 * every address form badged exactly once (counts from the pages' manifests), none on look-alike
 * strings, rows added later and hash navigation, free signals without any paid call, settings, pushed
 * results in several tabs, and a page script that cannot open the confirmation or start a check.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchExtension, sendFromPage, type ExtensionHarness } from './extension';

// Runs inside the extension's service worker (`worker.evaluate`), where `chrome` exists.
declare const chrome: {
  storage: { local: { set(items: object): Promise<void>; remove(keys: string[]): Promise<void> } };
  windows: {
    getAll(options: {
      populate: boolean;
    }): Promise<{ type?: string; tabs?: { url?: string; pendingUrl?: string }[] }[]>;
  };
};

interface Catalog {
  pages: Record<string, string>;
  tronlink: string;
  usdt: string;
  lookalike: { address: string };
  knownBad: string[];
  invalid: Record<string, string[]>;
}

interface Manifest {
  forms: Record<string, string[]>;
  late: { loadMore: Record<string, string[]>; timer: Record<string, string[]> };
}

interface DrawnBadge {
  address: string;
  /** The tone class of the button inside the closed shadow root. */
  tone: string;
  label: string;
}

let harness: ExtensionHarness;
let catalog: Catalog;
let extensionPage: Page;

const flat = (forms: Record<string, string[]>) => Object.values(forms).flat();
const sorted = (list: string[]) => [...list].sort();

async function manifestOf(route: string): Promise<Manifest> {
  const response = await fetch(
    `${harness.sandboxOrigin}/tronscan/api/manifest?route=${encodeURIComponent(route)}`,
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Manifest;
}

async function paidChecks(): Promise<number> {
  const { entries } = await harness.control<{ entries: { service: string; kind: string }[] }>(
    'GET',
    'ledger',
  );
  return entries.filter((e) => e.service === '2aml-aml').length;
}

/** Opens a TronScan-like route and waits until the app rendered it. */
async function openRoute(route: string): Promise<Page> {
  const page = await harness.context.newPage();
  await page.goto(`${harness.sandboxOrigin}/tronscan/${route}`);
  await page.waitForFunction(() => window.__tronscanSandbox !== undefined);
  await page.evaluate(() => window.__tronscanSandbox.ready());
  return page;
}

/** The badge hosts as the page itself sees them (it cannot see inside: the shadow roots are closed). */
function hostsSeenByPage(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('ampere-risk-badge'), (host) => ({
      address: (host as HTMLElement).dataset.address ?? '',
      after: host.previousSibling?.nodeName ?? '',
      shadowVisibleToPage: host.shadowRoot !== null,
    })),
  );
}

async function waitForBadgeCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelectorAll('ampere-risk-badge').length === expected,
    count,
    { timeout: 15_000 },
  );
}

/** Reads every drawn badge through CDP, which (unlike page scripts) can pierce closed shadow roots. */
async function drawnBadges(page: Page): Promise<DrawnBadge[]> {
  const cdp: CDPSession = await harness.context.newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const badges: DrawnBadge[] = [];
    const visit = (node: CdpNode) => {
      if (node.nodeName === 'AMPERE-RISK-BADGE') {
        const button = node.shadowRoots?.[0]?.children?.find((child) => child.nodeName === 'BUTTON');
        if (button) {
          const attributes = attributesOf(button);
          badges.push({
            address: attributesOf(node)['data-address'] ?? '',
            tone: attributes.class ?? '',
            label: attributes['aria-label'] ?? '',
          });
        }
      }
      for (const child of node.children ?? []) visit(child);
      for (const shadow of node.shadowRoots ?? []) visit(shadow);
    };
    visit(root);
    return badges;
  } finally {
    await cdp.detach();
  }
}

interface CdpNode {
  nodeId?: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: (CdpNode & { shadowRootType?: string })[];
}

function attributesOf(node: CdpNode): Record<string, string> {
  const list = node.attributes ?? [];
  const result: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) result[list[i]!] = list[i + 1]!;
  return result;
}

/** Waits until every drawn badge of `address` satisfies `check`. */
async function waitForBadges(page: Page, address: string, check: (badge: DrawnBadge) => boolean) {
  let last: DrawnBadge[] = [];
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    last = (await drawnBadges(page)).filter((b) => b.address === address);
    if (last.length > 0 && last.every(check)) return last;
    await page.waitForTimeout(150);
  }
  throw new Error(`badges of ${address} never matched: ${JSON.stringify(last)}`);
}

/** The URLs of popup windows (where the confirmation opens), as the extension sees them once loaded. */
async function confirmationWindows(): Promise<string[]> {
  const worker = await harness.worker();
  for (let attempt = 0; ; attempt++) {
    const windows = await worker.evaluate(() => chrome.windows.getAll({ populate: true }));
    const urls = windows
      .filter((w) => w.type === 'popup')
      .flatMap((w) => (w.tabs ?? []).map((t) => t.url || t.pendingUrl || ''));
    // A window that was just created may not report its URL yet.
    if (!urls.includes('') || attempt >= 20) return urls;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The URLs of every tab, as the extension sees them (the check page may not be built yet). */
async function openTabUrls(): Promise<string[]> {
  const worker = await harness.worker();
  const windows = await worker.evaluate(() => chrome.windows.getAll({ populate: true }));
  return windows.flatMap((w) => (w.tabs ?? []).map((t) => t.url || t.pendingUrl || ''));
}

/** The shared tooltip's text and the centre of its check-page link, read through CDP. */
async function readTooltip(page: Page): Promise<{ text: string; link: { x: number; y: number } | null }> {
  const cdp = await harness.context.newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    let tip: CdpNode | undefined;
    const find = (node: CdpNode) => {
      if (node.nodeName === 'AMPERE-RISK-TOOLTIP') tip = node.shadowRoots?.[0];
      for (const child of node.children ?? []) find(child);
      for (const shadow of node.shadowRoots ?? []) find(shadow);
    };
    find(root);
    if (!tip) return { text: '', link: null };
    const texts: string[] = [];
    let linkId: number | undefined;
    const collect = (node: CdpNode) => {
      if (node.nodeValue && node.nodeName === '#text') texts.push(node.nodeValue);
      if (node.nodeName === 'A') linkId = node.nodeId;
      for (const child of node.children ?? []) collect(child);
    };
    collect(tip);
    if (linkId === undefined) return { text: texts.join(' '), link: null };
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: linkId })) as {
      model: { content: number[] };
    };
    const [x1, y1, , , x3, y3] = model.content;
    return { text: texts.join(' '), link: { x: (x1! + x3!) / 2, y: (y1! + y3!) / 2 } };
  } finally {
    await cdp.detach();
  }
}

async function updateSettings(badges: Record<string, unknown>): Promise<void> {
  await sendFromPage(extensionPage, 'settings.update', { badges });
}

/** Stores what other features record: the user's TronLink account (the bridge calls `rememberAddress`). */
async function rememberTronLinkAccount(address: string): Promise<void> {
  const worker = await harness.worker();
  await worker.evaluate(
    (entry) =>
      chrome.storage.local.set({
        knownAddresses: { [entry]: { sources: ['tronlink'], lastUsedAt: Date.now() } },
      }),
    address,
  );
}

beforeAll(async () => {
  harness = await launchExtension();
  catalog = await harness
    .control<Catalog>('GET', 'accounts')
    .then((all) => (all as unknown as { tronscan: Catalog }).tronscan);
  extensionPage = await harness.openExtensionPage('options.html');
});

afterAll(async () => {
  await harness?.close();
});

beforeEach(async () => {
  await harness.control('POST', 'reset');
  await updateSettings({ enabled: true, freeSignals: true, lookalikeSensitivity: 'normal' });
  const worker = await harness.worker();
  await worker.evaluate(() =>
    chrome.storage.local.remove(['knownAddresses', 'riskResults', 'usdtBlacklist']),
  );
  for (const page of harness.context.pages()) if (page !== extensionPage) await page.close();
});

describe('badges on the TronScan-like pages', () => {
  it('draws exactly one badge per address occurrence in every form, and none on look-alike strings', async () => {
    const routes = ['home', 'tronlinkAddress', 'usdtContract', 'usdtToken', 'sampleTransaction'];
    const invalid = new Set(flat(catalog.invalid));
    for (const name of routes) {
      const route = new URL(catalog.pages[name]!).hash;
      const manifest = await manifestOf(route);
      const page = await openRoute(route);
      // The live-update rows arrive 1.5 s after the render; they are badged as they come.
      const expected = [...flat(manifest.forms), ...flat(manifest.late.timer)];
      await waitForBadgeCount(page, expected.length);
      const hosts = await hostsSeenByPage(page);
      expect(sorted(hosts.map((h) => h.address)), name).toEqual(sorted(expected));
      expect(hosts.filter((h) => invalid.has(h.address))).toEqual([]);
      // Right after its link or its text, and closed to the page.
      for (const host of hosts) expect(['A', '#text', 'AMPERE-RISK-BADGE']).toContain(host.after);
      expect(hosts.some((h) => h.shadowVisibleToPage)).toBe(false);
      // Each one drawn with an accessible label once it is near the viewport.
      const drawn = await drawnBadges(page);
      expect(drawn.length).toBeGreaterThan(0);
      if (drawn.some((b) => !b.label)) console.log('DEBUG', name, JSON.stringify(drawn));
      for (const badge of drawn) expect(badge.label).toMatch(/^Ampere: /);
      await page.close();
    }
  });

  it('badges rows added later (load more, live rows, appended rows) and no more than once', async () => {
    const route = '#/';
    const manifest = await manifestOf(route);
    const page = await openRoute(route);
    const first = flat(manifest.forms).length + flat(manifest.late.timer).length;
    await waitForBadgeCount(page, first);
    await page.click('button.load-more');
    await waitForBadgeCount(page, first + flat(manifest.late.loadMore).length);
    const appended = await page.evaluate(() => window.__tronscanSandbox.appendRows(5));
    // From, to and the token link of each row.
    const total = first + flat(manifest.late.loadMore).length + appended.length * 3;
    await waitForBadgeCount(page, total);
    // The app re-renders a link in place (same node, new text): still one badge.
    await page.evaluate(() => {
      const link = document.querySelector('a.address-link[href^="#/address/"]')!;
      link.textContent = link.textContent + ' ';
    });
    await page.waitForTimeout(300);
    await waitForBadgeCount(page, total);
    // A list that reuses the node for another address (new href): its one badge follows the link.
    const other = catalog.knownBad[1]!;
    await page.evaluate((address) => {
      document
        .querySelector('a.address-link[href^="#/address/"]')!
        .setAttribute('href', `#/address/${address}`);
    }, other);
    await expect
      .poll(() =>
        page.evaluate(() => {
          const link = document.querySelector('a.address-link[href^="#/address/"]')!;
          return link.nextElementSibling?.getAttribute('data-address');
        }),
      )
      .toBe(other);
    await waitForBadgeCount(page, total);
    await page.close();
  });

  it('follows hash navigation without a reload and keeps only the new page’s badges', async () => {
    const page = await openRoute('#/');
    const home = await manifestOf('#/');
    await waitForBadgeCount(page, flat(home.forms).length + flat(home.late.timer).length);
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    const route = `#/address/${catalog.tronlink}`;
    const manifest = await manifestOf(route);
    await page.evaluate((hash) => {
      location.hash = hash;
    }, route);
    await page.evaluate(() => window.__tronscanSandbox.ready());
    const expected = [...flat(manifest.forms), ...flat(manifest.late.timer)];
    await waitForBadgeCount(page, expected.length);
    expect(sorted((await hostsSeenByPage(page)).map((h) => h.address))).toEqual(sorted(expected));
    expect(loads).toEqual([]);
    await page.close();
  });
});

describe('free signals, without any paid call', () => {
  it('marks the poisoning lookalike of the user’s account and a USDT-blacklisted address', async () => {
    const checksBefore = await paidChecks();
    const blacklisted = catalog.knownBad[0]!;
    await harness.control('POST', 'blacklist', { address: blacklisted, blacklisted: true });
    await rememberTronLinkAccount(catalog.tronlink);
    // The sandbox's lookalike shares 1 + 3 characters after the T: caught at loose sensitivity.
    await updateSettings({ lookalikeSensitivity: 'loose' });

    const page = await openRoute('#/');
    const lookalikes = await waitForBadges(page, catalog.lookalike.address, (b) => b.tone === 'high');
    expect(lookalikes[0]!.label).toContain('Looks like your address');
    expect(lookalikes[0]!.label).toContain(catalog.tronlink.slice(0, 6));
    const listed = await waitForBadges(page, blacklisted, (b) => b.tone === 'critical');
    expect(listed[0]!.label).toContain('On the USDT blacklist');
    const own = await waitForBadges(page, catalog.tronlink, (b) => !b.label.includes('Looks like'));
    expect(own.every((b) => b.tone === 'unknown')).toBe(true);
    expect(await paidChecks()).toBe(checksBefore);

    // At normal sensitivity the same 1 + 3 resemblance is not enough: the open tab is updated.
    await updateSettings({ lookalikeSensitivity: 'normal' });
    await waitForBadges(page, catalog.lookalike.address, (b) => b.tone === 'unknown');
    expect(await paidChecks()).toBe(checksBefore);
    await page.close();
  });

  it('with free signals off shows neither the lookalike nor the blacklist', async () => {
    await harness.control('POST', 'blacklist', { address: catalog.knownBad[0]!, blacklisted: true });
    await rememberTronLinkAccount(catalog.tronlink);
    await updateSettings({ lookalikeSensitivity: 'loose', freeSignals: false });
    const page = await openRoute('#/');
    const lookalike = await waitForBadges(page, catalog.lookalike.address, (b) => b.tone === 'unknown');
    expect(lookalike[0]!.label).toContain('Free signals');
    await waitForBadges(page, catalog.knownBad[0]!, (b) => b.tone === 'unknown');
    await page.close();
  });
});

describe('settings and updates', () => {
  it('removes drawn badges when badges are turned off and draws them again when turned on', async () => {
    const page = await openRoute('#/');
    const home = await manifestOf('#/');
    const count = flat(home.forms).length + flat(home.late.timer).length;
    await waitForBadgeCount(page, count);
    await updateSettings({ enabled: false });
    await waitForBadgeCount(page, 0);
    await page.evaluate(() => window.__tronscanSandbox.appendRows(3));
    await page.waitForTimeout(500);
    await waitForBadgeCount(page, 0);
    await updateSettings({ enabled: true });
    await waitForBadgeCount(page, count + 9);
    await page.close();
  });

  it('updates every badge of an address in every open tab when a result arrives', async () => {
    const first = await openRoute('#/');
    const second = await openRoute(`#/contract/${catalog.usdt}/code`);
    await waitForBadges(first, catalog.usdt, (b) => b.tone === 'unknown');
    await waitForBadges(second, catalog.usdt, (b) => b.tone === 'unknown');
    // What the check job's `recordRiskResult` writes when a paid check completes.
    const worker = await harness.worker();
    await worker.evaluate(
      (address) =>
        chrome.storage.local.set({
          riskResults: {
            [address]: {
              checkId: 17,
              score: 72,
              level: 'high',
              flagged: true,
              tags: ['aml-flagged'],
              checkedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
            },
          },
        }),
      catalog.usdt,
    );
    for (const page of [first, second]) {
      const badges = await waitForBadges(page, catalog.usdt, (b) => b.tone === 'high');
      expect(badges[0]!.label).toContain('Score 72 of 100');
      expect(badges[0]!.label).toMatch(/cached, 3 h old/);
      expect(badges[0]!.label).toContain('aml-flagged');
    }

    // Hovering shows the result in the tooltip, with a link to the check page that opens it.
    await first.bringToFront();
    const host = first.locator(`ampere-risk-badge[data-address="${catalog.usdt}"]`).first();
    await host.scrollIntoViewIfNeeded();
    await host.hover();
    const tooltip = await readTooltip(first);
    expect(tooltip.text).toContain('High risk');
    expect(tooltip.text).toContain('Score 72 of 100, level high');
    expect(tooltip.text).toMatch(/Checked .+ \(cached, 3 h old\)/);
    expect(tooltip.text).toContain('Tags: aml-flagged');
    expect(tooltip.link).not.toBeNull();
    const opened = harness.context.waitForEvent('page');
    await first.mouse.move(tooltip.link!.x, tooltip.link!.y, { steps: 4 });
    await first.mouse.click(tooltip.link!.x, tooltip.link!.y);
    const checkPage = await opened;
    await expect
      .poll(async () => (await openTabUrls()).filter((url) => url.includes('/check.html')))
      .toEqual([`chrome-extension://${harness.extensionId}/check.html?address=${catalog.usdt}`]);
    await checkPage.close();
    await first.close();
    await second.close();
  });
});

describe('the paid-check confirmation', () => {
  it('cannot be opened by a page script: synthetic clicks and posted messages do nothing', async () => {
    const checksBefore = await paidChecks();
    const page = await openRoute('#/');
    await waitForBadges(page, catalog.usdt, (b) => b.tone === 'unknown');
    const pagesBefore = harness.context.pages().length;
    expect(await confirmationWindows()).toEqual([]);
    await page.evaluate((usdt) => {
      for (const host of document.querySelectorAll('ampere-risk-badge')) {
        (host as HTMLElement).click();
        host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      }
      const message = { type: 'risk.requestCheck', data: { address: usdt }, timestamp: Date.now(), id: 1 };
      window.postMessage(message, '*');
      window.postMessage({ source: 'ampere', ...message }, '*');
      document.dispatchEvent(new CustomEvent('ampere:check', { detail: usdt }));
    }, catalog.usdt);
    await page.waitForTimeout(1_500);
    expect(harness.context.pages().length).toBe(pagesBefore);
    expect(await confirmationWindows()).toEqual([]);
    expect(await paidChecks()).toBe(checksBefore);
    await page.close();
  });

  it('opens the extension-owned confirmation on a person’s click, once per address', async () => {
    const checksBefore = await paidChecks();
    const page = await openRoute('#/');
    await waitForBadges(page, catalog.usdt, (b) => b.tone === 'unknown');
    const host = page.locator(`ampere-risk-badge[data-address="${catalog.usdt}"]`).first();
    await host.scrollIntoViewIfNeeded();
    const box = (await host.boundingBox())!;
    const opened = harness.context.waitForEvent('page');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const confirmation = await opened;
    const windows = await confirmationWindows();
    expect(windows).toHaveLength(1);
    const url = new URL(windows[0]!);
    expect(`${url.protocol}//${url.host}`).toBe(`chrome-extension://${harness.extensionId}`);
    expect(url.pathname).toBe('/check.html');
    expect(Object.fromEntries(url.searchParams)).toEqual({ address: catalog.usdt, confirm: '1' });
    // A second click focuses the same window instead of opening another.
    const pages = harness.context.pages().length;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(800);
    expect(harness.context.pages().length).toBe(pages);
    expect(await confirmationWindows()).toHaveLength(1);
    // Opening the confirmation charges nothing: the check runs only once the user confirms there.
    expect(await paidChecks()).toBe(checksBefore);
    await confirmation.close();
    await page.close();
  });

  it('is reachable from the keyboard, with the tooltip shown on focus', async () => {
    const page = await openRoute('#/');
    await waitForBadges(page, catalog.usdt, (b) => b.tone === 'unknown');
    await page.focus(`a[href="#/token20/${catalog.usdt}"]`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      return { tag: active?.tagName, address: active?.dataset.address };
    });
    expect(focused).toEqual({ tag: 'AMPERE-RISK-BADGE', address: catalog.usdt });
    const tooltipText = await page.evaluate(() => document.querySelector('ampere-risk-tooltip') !== null);
    expect(tooltipText).toBe(true);
    const opened = harness.context.waitForEvent('page');
    await page.keyboard.press('Enter');
    await opened;
    expect(await confirmationWindows()).toEqual([
      `chrome-extension://${harness.extensionId}/check.html?address=${catalog.usdt}&confirm=1`,
    ]);
    await page.close();
  });
});
