/**
 * Page object for the sandbox's TronScan-like pages with Ampere's content script: the risk badges it
 * draws next to addresses (read through CDP, which unlike page scripts pierces their closed shadow
 * roots), their tooltip, and the page's own TronLink.
 */
import type { CDPSession, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionHarness } from '../extension';

/** The app's manifest of a route: every address it shows, by form, and the rows that come later. */
export interface TronScanManifest {
  forms: Record<string, string[]>;
  late: { loadMore: Record<string, string[]>; timer: Record<string, string[]> };
  notOccurrences: Record<string, string[]>;
}

/** A badge as drawn: its address, the tone class of the button inside and its accessible label. */
export interface DrawnBadge {
  address: string;
  tone: string;
  label: string;
}

/** A badge host as the page itself sees it (it cannot see inside: the shadow roots are closed). */
export interface BadgeHost {
  address: string;
  /** The form of the cell it is in (`data-form`), `header` outside cells. */
  form: string;
  /** The address the cell lists beside it (`data-expect`), if it is in one. */
  expected: string | null;
  shadowVisibleToPage: boolean;
}

/** Where a badge ended up once scrolled into view: whether a person can see it, and if not why. */
export interface BadgeVisibility {
  address: string;
  form: string;
  /** Empty when visible: otherwise "outside the viewport", "no size" or the clipping ancestor. */
  problem: string;
}

interface CdpNode {
  nodeId?: number;
  nodeName: string;
  nodeValue?: string;
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

/** Every node below `node`, shadow roots included. */
function* walk(node: CdpNode): Generator<CdpNode> {
  yield node;
  for (const child of node.children ?? []) yield* walk(child);
  for (const shadow of node.shadowRoots ?? []) yield* walk(shadow);
}

export class TronScanPage {
  private constructor(readonly page: Page) {}

  /** Opens `url` in a new tab, without waiting for anything but the load. */
  static async open(harness: ExtensionHarness, url: string): Promise<TronScanPage> {
    const page = await harness.context.newPage();
    await page.goto(url);
    return new TronScanPage(page);
  }

  /** Opens a route of the TronScan-like app (`#/`, `#/address/T…`) and waits until the app rendered it. */
  static async openRoute(harness: ExtensionHarness, route: string): Promise<TronScanPage> {
    const tronscan = await TronScanPage.open(harness, `${harness.sandboxOrigin}/tronscan/${route}`);
    await tronscan.page.waitForFunction(() => window.__tronscanSandbox !== undefined);
    await tronscan.waitForRender();
    return tronscan;
  }

  /** The manifest of `route` (`#/`, `#/address/T…`), from the app's own API. */
  static async manifest(harness: ExtensionHarness, route: string): Promise<TronScanManifest> {
    const response = await fetch(
      `${harness.sandboxOrigin}/tronscan/api/manifest?route=${encodeURIComponent(route)}`,
    );
    expect(response.status).toBe(200);
    return (await response.json()) as TronScanManifest;
  }

  /** Opens a TronScan-like `url` and waits until the content script ran and the badges exist. */
  static async openWithBadges(harness: ExtensionHarness, url: string): Promise<TronScanPage> {
    const tronscan = await TronScanPage.open(harness, url);
    await tronscan.waitForContentScript();
    await tronscan.page.waitForFunction(
      () => document.querySelectorAll('ampere-risk-badge').length > 0,
      null,
      { timeout: 15_000 },
    );
    return tronscan;
  }

  /** Waits until Ampere's content script has loaded on the page. */
  async waitForContentScript(timeout?: number): Promise<void> {
    await this.page.waitForFunction(() => document.documentElement.dataset.ampere === 'loaded', null, {
      timeout,
    });
  }

  /** Waits until the app has rendered its current route. */
  async waitForRender(): Promise<void> {
    await this.page.evaluate(() => window.__tronscanSandbox.ready());
  }

  /** Appends `count` transfer rows, as a live list does; returns them. */
  appendRows(count: number) {
    return this.page.evaluate((n) => window.__tronscanSandbox.appendRows(n), count);
  }

  /** Asks the page's TronLink for the accounts, as a site does (its prompt stays open until answered). */
  async requestTronLinkAccounts(): Promise<void> {
    await this.page.waitForFunction(() => 'tron' in window);
    await this.page.evaluate(() => {
      const tron = (window as unknown as { tron: { request(a: { method: string }): Promise<unknown> } }).tron;
      void tron.request({ method: 'eth_requestAccounts' }).catch(() => undefined);
    });
  }

  // ── badges ──

  /** The first badge host of `address`. */
  badge(address: string): Locator {
    return this.page.locator(`ampere-risk-badge[data-address="${address}"]`).first();
  }

  /** Clicks the badge of `address` the way a person does (a trusted click at its place on screen). */
  async clickBadge(address: string): Promise<void> {
    const host = this.badge(address);
    await host.scrollIntoViewIfNeeded();
    const box = await host.boundingBox();
    if (!box) throw new Error('the badge has no box');
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }

  async hoverBadge(address: string): Promise<void> {
    const host = this.badge(address);
    await host.scrollIntoViewIfNeeded();
    await host.hover();
  }

  badgeHosts(): Promise<BadgeHost[]> {
    return this.page.evaluate(() =>
      Array.from(document.querySelectorAll('ampere-risk-badge'), (host) => {
        const cell = host.closest('[data-form]');
        return {
          address: (host as HTMLElement).dataset.address ?? '',
          form: cell?.getAttribute('data-form') ?? 'header',
          expected: cell?.getAttribute('data-expect') ?? null,
          shadowVisibleToPage: host.shadowRoot !== null,
        };
      }),
    );
  }

  /**
   * Scrolls the whole page through the viewport, a screen at a time, and back to the top: badges
   * enter the page only near the viewport, so this is how a person (and a test) gets to see all.
   */
  async revealAll(): Promise<void> {
    await this.page.evaluate(async () => {
      const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 30)));
      for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
        window.scrollTo(0, y);
        await frame();
        await frame();
      }
      window.scrollTo(0, 0);
      await frame();
    });
  }

  /** Waits until exactly `count` badge hosts are in the page, scrolling through it meanwhile. */
  async waitForBadgeCount(count: number, timeout = 20_000): Promise<void> {
    const deadline = Date.now() + timeout;
    let last = -1;
    while (Date.now() < deadline) {
      await this.revealAll();
      last = await this.page.evaluate(() => document.querySelectorAll('ampere-risk-badge').length);
      if (last === count) return;
      await this.page.waitForTimeout(200);
    }
    throw new Error(`expected ${count} badges, the page has ${last}`);
  }

  /**
   * Scrolls each badge into view and checks a person can see it: its box has a size, lies inside the
   * viewport, and inside every ancestor that clips its overflow.
   */
  badgeVisibility(): Promise<BadgeVisibility[]> {
    return this.page.evaluate(() =>
      Array.from(document.querySelectorAll('ampere-risk-badge'), (host) => {
        host.scrollIntoView({ block: 'center' });
        const box = host.getBoundingClientRect();
        const inside = (outer: DOMRect) =>
          box.left >= outer.left - 0.5 &&
          box.right <= outer.right + 0.5 &&
          box.top >= outer.top - 0.5 &&
          box.bottom <= outer.bottom + 0.5;
        let problem = '';
        if (box.width < 8 || box.height < 8) problem = 'no size';
        else if (!inside(new DOMRect(0, 0, window.innerWidth, window.innerHeight)))
          problem = 'outside the viewport';
        for (let el = host.parentElement; el && !problem; el = el.parentElement) {
          const style = getComputedStyle(el);
          if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
          if (!inside(el.getBoundingClientRect()))
            problem = `clipped by ${el.localName}.${[...el.classList].join('.')}`;
        }
        return {
          address: (host as HTMLElement).dataset.address ?? '',
          form: host.closest('[data-form]')?.getAttribute('data-form') ?? 'header',
          problem,
        };
      }),
    );
  }

  /** The whole document, shadow roots included, read through CDP. */
  private async withDocument<T>(read: (root: CdpNode, cdp: CDPSession) => Promise<T> | T): Promise<T> {
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
      return await read(root, cdp);
    } finally {
      await cdp.detach();
    }
  }

  /** Every drawn badge (a host whose closed shadow root holds its button). */
  drawnBadges(): Promise<DrawnBadge[]> {
    return this.withDocument((root) => {
      const badges: DrawnBadge[] = [];
      for (const node of walk(root)) {
        if (node.nodeName !== 'AMPERE-RISK-BADGE') continue;
        const button = node.shadowRoots?.[0]?.children?.find((child) => child.nodeName === 'BUTTON');
        if (!button) continue;
        const attributes = attributesOf(button);
        badges.push({
          address: attributesOf(node)['data-address'] ?? '',
          tone: attributes.class ?? '',
          label: attributes['aria-label'] ?? '',
        });
      }
      return badges;
    });
  }

  /** Waits until every drawn badge of `address` (at least one) satisfies `check`; returns them. */
  async waitForBadges(
    address: string,
    check: (badge: DrawnBadge) => boolean,
    timeout = 15_000,
  ): Promise<DrawnBadge[]> {
    let last: DrawnBadge[] = [];
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      last = (await this.drawnBadges()).filter((b) => b.address === address);
      if (last.length > 0 && last.every(check)) return last;
      await this.page.waitForTimeout(150);
    }
    throw new Error(`badges of ${address} never matched: ${JSON.stringify(last)}`);
  }

  /** Waits until every drawn badge of `address` has the tone class `tone`; returns their classes. */
  async waitForTone(address: string, tone: string): Promise<string[]> {
    const badges = await this.waitForBadges(address, (b) => b.tone.split(/\s+/).includes(tone), 20_000);
    return badges.map((b) => b.tone);
  }

  /** Whether the shared tooltip is shown, and its host's size as the page can measure it. */
  tooltipShown(): Promise<{ shown: boolean; width: number; height: number }> {
    return this.page.evaluate(() => {
      const host = document.querySelector('ampere-risk-tooltip') as HTMLElement | null;
      if (!host) return { shown: false, width: 0, height: 0 };
      const { width, height } = host.getBoundingClientRect();
      return { shown: !host.hidden && width > 0, width, height };
    });
  }

  /** Every text and attribute value in the page, closed shadow roots included (read through CDP). */
  allText(): Promise<string> {
    return this.withDocument((root) => {
      const parts: string[] = [];
      for (const node of walk(root)) {
        if (node.nodeValue) parts.push(node.nodeValue);
        parts.push(...(node.attributes ?? []));
      }
      return parts.join('\n');
    });
  }

  /** The shared tooltip's text and the centre of its check-page button. */
  readTooltip(): Promise<{ text: string; link: { x: number; y: number } | null }> {
    return this.withDocument(async (root, cdp) => {
      let tip: CdpNode | undefined;
      for (const node of walk(root)) if (node.nodeName === 'AMPERE-RISK-TOOLTIP') tip = node.shadowRoots?.[0];
      if (!tip) return { text: '', link: null };
      const texts: string[] = [];
      let linkId: number | undefined;
      const collect = (node: CdpNode) => {
        if (node.nodeValue && node.nodeName === '#text') texts.push(node.nodeValue);
        if (node.nodeName === 'BUTTON') linkId = node.nodeId;
        for (const child of node.children ?? []) collect(child);
      };
      collect(tip);
      if (linkId === undefined) return { text: texts.join(' '), link: null };
      const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: linkId })) as {
        model: { content: number[] };
      };
      const [x1, y1, , , x3, y3] = model.content;
      return { text: texts.join(' '), link: { x: (x1! + x3!) / 2, y: (y1! + y3!) / 2 } };
    });
  }

  url(): string {
    return this.page.url();
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
