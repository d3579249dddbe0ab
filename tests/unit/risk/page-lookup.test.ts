/**
 * The split between the content script and the background, end to end without a browser: a
 * TronScan-like page from the running sandbox (over HTTP, rendered with linkedom by the sandbox app's
 * own code) is scanned for candidates, the candidates go through the background's role-checked
 * `risk.lookup` in the batches the content script sends, and the anchors settle on the answers. The
 * badges that result must be exactly the page's manifest: every address form, and nothing for the
 * checksum-broken strings.
 */
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startSandbox } from '../../sandbox/server';
import { renderPage } from '../../sandbox/tronscan/client/render';
import type { PageManifest } from '../../sandbox/tronscan/manifest';
import type { PageModel } from '../../sandbox/tronscan/page-model';
import { dispatchMessage, type Handler } from '@/lib/messaging';
import type { RiskLookupAnswer } from '@/lib/risk/badge-model';
import { createRiskHandlers } from '@/lib/risk/background';
import { findCandidates, type Found } from '@/lib/risk/page/scan';
import { createValidity } from '@/lib/risk/page/badge-lookups';
import { LOOKUP_BATCH } from '@/lib/risk/page/badge-lookups';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let pages: Record<string, string>;

const identity = { extensionId: fakeBrowser.runtime.id, extensionOrigin: fakeBrowser.runtime.getURL('/') };
const tronscanTab = { id: identity.extensionId, url: 'https://tronscan.org/#/', tab: { id: 1 } };

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${sandbox.origin}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
  pages = (await getJson<{ pages: Record<string, string> }>('/tronscan/api/catalog')).pages;
});

afterAll(async () => {
  await sandbox?.close();
});

beforeEach(() => {
  fakeBrowser.reset();
});

async function render(route: string) {
  const [page, manifest] = await Promise.all([
    getJson<PageModel>(`/tronscan/api/page?route=${encodeURIComponent(route)}`),
    getJson<PageManifest>(`/tronscan/api/manifest?route=${encodeURIComponent(route)}`),
  ]);
  const { document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
  document.getElementById('root')!.append(renderPage(document as unknown as Document, page));
  return { document, manifest };
}

/**
 * Each route is rendered once per file (the 1,000-row page takes seconds with linkedom) and shared by
 * the tests: a page comes with the manifest fetched alongside it, and scanning only reads the document.
 */
const rendered = new Map<string, ReturnType<typeof render>>();

/** Scans a page, asks the background the way the content script does, and returns what gets badged. */
async function badgesOf(route: string) {
  if (!rendered.has(route)) rendered.set(route, render(route));
  const { document, manifest } = await rendered.get(route)!;

  const handlers = createRiskHandlers({
    blacklistReader: { isBlackListed: async (addresses) => new Map(addresses.map((a) => [a, false])) },
    tabUpdates: {
      track: async () => undefined,
      untrack: async () => undefined,
      broadcast: async () => undefined,
    },
  });
  const lookup = (addresses: string[]) =>
    dispatchMessage(
      'risk.lookup',
      { addresses },
      tronscanTab,
      handlers['risk.lookup'] as Handler<'risk.lookup'>,
      identity,
    ) as Promise<RiskLookupAnswer>;

  const asked = new Set<string>();
  const placed: { anchor: string; address: string }[] = [];
  const name = (anchor: Element | Text) => anchor.nodeName;
  const validity = createValidity({
    ask: (candidate) => asked.add(candidate),
    onSettled: (anchor, addresses) =>
      placed.push(...addresses.map((address) => ({ anchor: name(anchor), address }))),
  });
  const found: Found[] = [];
  // The page's own tabs are told apart by the route, as the content script reads it from the location.
  const self = /^#\/(address|contract|token20)\/(T\w{33})/.exec(route)?.slice(1).join('/') ?? null;
  findCandidates(document.body as unknown as Node, () => false, found, self);
  for (const { anchor, candidates } of found) {
    // Nothing is known yet: every anchor waits for the background.
    expect(validity.settle(anchor, candidates)).toBeNull();
  }
  const batches = [...asked];
  let invalid: string[] = [];
  for (let i = 0; i < batches.length; i += LOOKUP_BATCH) {
    const answer = await lookup(batches.slice(i, i + LOOKUP_BATCH));
    validity.learn(
      answer.badges.map((b) => b.address),
      answer.invalid,
    );
    invalid = invalid.concat(answer.invalid);
  }
  expect(validity.waiting).toBe(0);
  return { placed, invalid, manifest, askedCount: batches.length };
}

const sorted = (list: string[]) => [...list].sort();

// Rendering every page takes seconds (the 1,000-row one above all): generous for a busy shared machine.
const RENDERS_PAGES = { timeout: 30_000 };

describe('candidates checked by the background', RENDERS_PAGES, () => {
  it('badge exactly the manifest of every seeded page, and none of its checksum-broken strings', async () => {
    for (const [name, url] of Object.entries(pages)) {
      if (name === 'transfers10000') continue;
      const { placed, invalid, manifest } = await badgesOf(new URL(url).hash);
      expect(sorted(placed.map((p) => p.address)), name).toEqual(
        sorted(Object.values(manifest.forms).flat()),
      );
      const broken = [...manifest.invalid['checksum-invalid'], ...manifest.invalid['checksum-invalid-link']];
      expect(sorted(invalid), name).toEqual(sorted([...new Set(broken)]));
    }
  });

  it('ask about each distinct string once, in batches the protocol accepts', async () => {
    const { placed, askedCount, manifest } = await badgesOf('#/transfers?rows=1000');
    expect(placed).toHaveLength(3000);
    expect(askedCount).toBe(manifest.addresses.length);
    expect(askedCount).toBeGreaterThan(LOOKUP_BATCH);
  });
});
