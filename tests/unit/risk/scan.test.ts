/**
 * The content script's scanner against the TronScan-like pages: each page model comes from the
 * running sandbox over HTTP, is rendered with linkedom by the same code the sandbox app runs in the
 * browser, and scanned; what the scanner finds must be exactly the page's manifest.
 */
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/server';
import { renderPage } from '../../sandbox/tronscan/client/render';
import type { PageManifest } from '../../sandbox/tronscan/manifest';
import type { PageModel } from '../../sandbox/tronscan/page-model';
import { findOccurrences, type Occurrence } from '@/entrypoints/tronscan.content/scan';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let pages: Record<string, string>;
let invalid: Record<string, string[]>;

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${sandbox.origin}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function renderRoute(route: string) {
  const [page, manifest] = await Promise.all([
    getJson<PageModel>(`/tronscan/api/page?route=${encodeURIComponent(route)}`),
    getJson<PageManifest>(`/tronscan/api/manifest?route=${encodeURIComponent(route)}`),
  ]);
  const { document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
  document.getElementById('root')!.append(renderPage(document as unknown as Document, page));
  return { document: document as unknown as Document, manifest };
}

function scan(root: Node, handled = new Set<Node>()): Occurrence[] {
  const found: Occurrence[] = [];
  findOccurrences(root, (node) => handled.has(node), found);
  return found;
}

const sorted = (list: string[]) => [...list].sort();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
  const catalog = await getJson<{ pages: Record<string, string>; invalid: Record<string, string[]> }>(
    '/tronscan/api/catalog',
  );
  pages = catalog.pages;
  invalid = catalog.invalid;
});

afterAll(async () => {
  await sandbox?.close();
});

describe('the TronScan scanner', () => {
  it('finds every occurrence of every seeded page, in every form, and nothing else', async () => {
    for (const [name, url] of Object.entries(pages)) {
      if (name === 'transfers10000') continue; // same shapes as the 1,000-row page, ten times over
      const { document, manifest } = await renderRoute(new URL(url).hash);
      const found = scan(document.body);
      const expected = Object.values(manifest.forms).flat();
      expect(sorted(found.map((o) => o.address)), name).toEqual(sorted(expected));
    }
  });

  it('anchors link forms on the link (href, shortened, split, token name) and bare ones on their text', async () => {
    const TEXT_FORMS = new Set(['table-cell', 'copyable', 'header']);
    for (const url of [pages.home!, pages.tronlinkAddress!, pages.usdtContract!, pages.usdtToken!]) {
      const { document, manifest } = await renderRoute(new URL(url).hash);
      const expected = Object.entries(manifest.forms).flatMap(([form, addresses]) =>
        addresses.map((address) => `${TEXT_FORMS.has(form) ? '#text' : 'A'} ${address}`),
      );
      const found = scan(document.body).map((o) => `${o.anchor.nodeName} ${o.address}`);
      expect(sorted(found), url).toEqual(sorted(expected));
    }
    // `javascript:;` contract links: the address is only in the text; the badge goes after the link.
    const { document, manifest } = await renderRoute('#/');
    const contractJs = scan(document.body).filter(
      (o) => o.anchor.nodeName === 'A' && (o.anchor as Element).getAttribute('href') === 'javascript:;',
    );
    expect(contractJs.map((o) => o.address)).toEqual(manifest.forms['contract-js']);
  });

  it('finds nothing in checksum-invalid strings, hex forms and overlong base58 runs', async () => {
    const found = new Set<string>();
    for (const url of Object.values(pages)) {
      if (url.includes('rows=')) continue;
      const { document } = await renderRoute(new URL(url).hash);
      for (const occurrence of scan(document.body)) found.add(occurrence.address);
    }
    const bad = Object.values(invalid).flat();
    expect(bad.length).toBeGreaterThan(0);
    for (const text of bad) expect(found.has(text), text).toBe(false);
    // The valid address hidden inside an overlong run is not an occurrence of it either.
    const { document } = await renderRoute('#/');
    const texts = scan(document.body)
      .filter((o) => o.anchor.nodeType === 3)
      .map((o) => (o.anchor as Text).nodeValue);
    for (const run of invalid['overlong-base58']!) expect(texts).not.toContain(run);
  });

  it('finds nothing a second time once the first occurrences are handled', async () => {
    const { document } = await renderRoute('#/transfers?rows=1000');
    const first = scan(document.body);
    expect(first.length).toBe(3000);
    expect(scan(document.body, new Set(first.map((o) => o.anchor)))).toEqual([]);
  });

  it('skips scripts, editable content, form fields, page tabs and the text of other in-app links', () => {
    const address = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
    const { document } = parseHTML(`<!doctype html><html><body>
      <script>const seen = "${address}";</script>
      <div contenteditable="true"><p>${address}</p></div>
      <div contenteditable="false"><p>${address}</p></div>
      <textarea>${address}</textarea>
      <a href="#/address/${address}/transfers">Transfers</a>
      <a href="#/transaction/abc"><span>${address}</span></a>
      <a href="https://example.org/wallet"><span>${address.slice(0, 20)}</span>${address.slice(20)}</a>
      <p>pay ${address} now</p>
    </body></html>`);
    const found = scan(document.body as unknown as Node);
    // The external link (read whole, across its split text), the non-editable paragraph and the plain
    // one; an in-app route's text (a transaction link) is never an address occurrence.
    expect(found.map((o) => o.anchor.nodeName)).toEqual(['A', '#text', '#text']);
    expect((found[0]!.anchor as Element).getAttribute('href')).toBe('https://example.org/wallet');
  });
});
