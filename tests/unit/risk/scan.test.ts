/**
 * The content script's scanner against the TronScan-like pages: each page model comes from the
 * running sandbox over HTTP, is rendered with linkedom by the same code the sandbox app runs in the
 * browser, and scanned. The scanner only finds candidates (address-shaped strings, no checksum); its
 * candidates must be the page's manifest plus the manifest's checksum-broken strings, and never a hex
 * form or a run inside a longer one. That the background turns them into exactly the manifest is in
 * page-lookup.test.ts.
 */
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/server';
import { renderPage } from '../../sandbox/tronscan/client/render';
import type { PageManifest } from '../../sandbox/tronscan/manifest';
import type { PageModel } from '../../sandbox/tronscan/page-model';
import { candidatesIn, findCandidates, type Found } from '@/lib/risk/page/scan';
import { addressFromBody, findAddressCandidates, isTronAddress, toHexAddress } from '@/lib/tron/address';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let pages: Record<string, string>;
let invalid: Record<string, string[]>;

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${sandbox.origin}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function render(route: string) {
  const [page, manifest] = await Promise.all([
    getJson<PageModel>(`/tronscan/api/page?route=${encodeURIComponent(route)}`),
    getJson<PageManifest>(`/tronscan/api/manifest?route=${encodeURIComponent(route)}`),
  ]);
  const { document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
  document.getElementById('root')!.append(renderPage(document as unknown as Document, page));
  return { document: document as unknown as Document, manifest };
}

/**
 * Each route is rendered once per file (the 1,000-row page takes seconds with linkedom) and shared by
 * the tests: a page comes with the manifest fetched alongside it, and scanning only reads the document.
 */
const rendered = new Map<string, ReturnType<typeof render>>();
function renderRoute(route: string) {
  if (!rendered.has(route)) rendered.set(route, render(route));
  return rendered.get(route)!;
}

/** The address a route's page is about, as the content script reads it from the location. */
const pageAddressOfRoute = (route: string) =>
  /^#\/(address|contract|token20)\/(T[1-9A-HJ-NP-Za-km-z]{33})/.exec(route)?.slice(1).join('/') ?? null;

/** One entry per candidate occurrence, in order. */
function scan(
  root: Node,
  handled = new Set<Node>(),
  pageAddress: string | null = null,
): { anchor: Element | Text; address: string }[] {
  const found: Found[] = [];
  findCandidates(root, (node: Node) => handled.has(node), found, pageAddress);
  return found.flatMap(({ anchor, candidates }) => candidates.map((address) => ({ anchor, address })));
}

/** The manifest's strings that look like addresses but fail the checksum: candidates, never badged. */
const checksumBroken = (manifest: PageManifest) => [
  ...manifest.invalid['checksum-invalid'],
  ...manifest.invalid['checksum-invalid-link'],
];

const sorted = (list: string[]) => [...list].sort();

// Rendering every page takes seconds (the 1,000-row one above all): generous for a busy shared machine.
const RENDERS_PAGES = { timeout: 30_000 };

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

describe('the TronScan scanner', RENDERS_PAGES, () => {
  it('finds every occurrence of every seeded page in every form, plus the checksum-broken strings, and nothing else', async () => {
    let broken = 0;
    for (const [name, url] of Object.entries(pages)) {
      if (name === 'transfers10000') continue; // same shapes as the 1,000-row page, ten times over
      const route = new URL(url).hash;
      const { document, manifest } = await renderRoute(route);
      const found = scan(document.body, new Set(), pageAddressOfRoute(route));
      const expected = [...Object.values(manifest.forms).flat(), ...checksumBroken(manifest)];
      expect(sorted(found.map((o) => o.address)), name).toEqual(sorted(expected));
      broken += checksumBroken(manifest).length;
    }
    expect(broken).toBeGreaterThan(0);
  });

  it('anchors link forms on the link (href, shortened, split, token name) and bare ones on their text', async () => {
    const TEXT_FORMS = new Set(['table-cell', 'copyable', 'header', 'tag-text']);
    // A name tag's pair is anchored on its address link.
    const anchorOf = (form: string) =>
      TEXT_FORMS.has(form) ? '#text' : form === 'split-text' ? 'SPAN' : 'A';
    for (const url of [pages.home!, pages.tronlinkAddress!, pages.usdtContract!, pages.usdtToken!]) {
      const route = new URL(url).hash;
      const { document, manifest } = await renderRoute(route);
      const expected = [
        ...Object.entries(manifest.forms).flatMap(([form, addresses]) =>
          addresses.map((address) => `${anchorOf(form)} ${address}`),
        ),
        ...manifest.invalid['checksum-invalid'].map((text) => `#text ${text}`),
        ...manifest.invalid['checksum-invalid-link'].map((text) => `A ${text}`),
      ];
      const found = scan(document.body, new Set(), pageAddressOfRoute(route)).map(
        (o) => `${o.anchor.nodeName} ${o.address}`,
      );
      expect(sorted(found), url).toEqual(sorted(expected));
    }
    // `javascript:;` contract links: the address is only in the text; the badge goes after the link.
    const { document, manifest } = await renderRoute('#/');
    const contractJs = scan(document.body).filter(
      (o) => o.anchor.nodeName === 'A' && (o.anchor as Element).getAttribute('href') === 'javascript:;',
    );
    expect(contractJs.map((o) => o.address)).toEqual(manifest.forms['contract-js']);
  });

  it('takes no hex form and no overlong base58 run for a candidate', async () => {
    const found = new Set<string>();
    for (const url of Object.values(pages)) {
      if (url.includes('rows=')) continue;
      const { document } = await renderRoute(new URL(url).hash);
      for (const occurrence of scan(document.body)) found.add(occurrence.address);
    }
    const notCandidates = [...invalid['overlong-base58']!, ...invalid['hex-41']!, ...invalid['hex-0x']!];
    expect(notCandidates.length).toBeGreaterThan(0);
    for (const text of notCandidates) expect(found.has(text), text).toBe(false);
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

  it('reads an address split over two sibling elements outside links, on its second part', () => {
    const address = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
    const { document } = parseHTML(`<!doctype html><html><body>
      <div><span class="s">${address.slice(0, 29)}</span><span class="e">${address.slice(29)}</span></div>
      <div><span>${address.slice(0, 29)}</span><span>${address.slice(29)}x</span></div>
      <div><span>${address.slice(0, 28)}</span><span>${address.slice(28)}</span></div>
      <a href="#/x"><span>${address.slice(0, 29)}</span><span>${address.slice(29)}</span></a>
      <div contenteditable="true"><span>${address.slice(0, 29)}</span><span>${address.slice(29)}</span></div>
    </body></html>`);
    const found = scan(document.body as unknown as Node);
    // Only the 29 + 5 pair outside links and editable content; a 35-character join is no candidate.
    expect(found.map((o) => [(o.anchor as Element).className, o.address])).toEqual([['e', address]]);
  });

  it('does not take the page’s own tabs, code editors or tooltips for occurrences', () => {
    const self = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
    const { document } = parseHTML(`<!doctype html><html><body>
      <nav><a href="#/address/${self}">Token Balances</a><a href="#/contract/${self}/code">Code</a>
      <a href="#/contract/${self}/events">Events</a></nav>
      <div role="tablist"><a href="#/address/${self}">${self}</a></div>
      <a class="mine" href="#/address/${self}">${self.slice(0, 6)}…${self.slice(-6)}</a>
      <div class="ace_editor"><div class="ace_line">${self}</div></div>
      <div class="ant-tooltip ant-tooltip-hidden"><div class="ant-tooltip-inner">${self}</div></div>
    </body></html>`);
    const links = (page: string | null) =>
      scan(document.body as unknown as Node, new Set(), page).map((o) =>
        (o.anchor as Element).getAttribute('href')!.replace(self, 'SELF'),
      );
    // On the contract page its tabs are navigation; the link that shows the address (shortened), and
    // one to the address page, are occurrences.
    expect(links(`contract/${self}`)).toEqual(['#/address/SELF', '#/address/SELF']);
    // On the address page "Token Balances" is its own tab; the contract page is elsewhere.
    expect(links(`address/${self}`)).toEqual([
      '#/contract/SELF/code',
      '#/contract/SELF/events',
      '#/address/SELF',
    ]);
    // Nowhere is a tab bar, a code editor or a hidden tooltip an occurrence.
    expect(links(null)).toHaveLength(4);
  });

  it('takes a name tag and the address link after it for one occurrence, on the address link', () => {
    const address = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
    const other = 'TXLAQ63Xg1NAzckPwKHvzw7CSEmLMEqcdj';
    const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-6)}`;
    const { document } = parseHTML(`<!doctype html><html><body>
      <td><div><a class="tag1" href="#/address/${address}">Binance-Hot 3</a>
        <div class="box"><a class="addr1" href="#/address/${address}">${short(address)}</a></div></div></td>
      <td><a class="tag2" href="#/address/${address}">Lonely tag</a></td>
      <td><div><a class="tag3" href="#/address/${address}">Other</a><a class="addr3" href="#/address/${other}">${short(other)}</a></div></td>
    </body></html>`);
    const found = scan(document.body as unknown as Node).map((o) => [
      (o.anchor as Element).className,
      o.address,
    ]);
    // The pair: one occurrence on the address link. A tag alone, or before another address's link,
    // is still an occurrence of its own address.
    expect(found).toEqual([
      ['addr1', address],
      ['tag2', address],
      ['tag3', address],
      ['addr3', other],
    ]);
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

describe('candidates in text', () => {
  const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  /** A small deterministic generator, so a failure names a reproducible case. */
  function random(seed: number) {
    let state = seed >>> 0;
    return () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
  }
  const addressFrom = (next: () => number) =>
    addressFromBody(Uint8Array.from({ length: 20 }, () => Math.floor(next() * 256)));

  it('are whole 34-character base58 tokens from T: the background’s verdict on them is the reference scanner’s answer', () => {
    const next = random(3);
    const [a, b, c] = [addressFrom(next), addressFrom(next), addressFrom(next)];
    const typo = `${a.slice(0, 20)}${a[20] === 'z' ? 'y' : 'z'}${a.slice(21)}`;
    const texts = [
      `from ${a} to ${b}`,
      `${a}${b}`, // one 68-char run: no address
      `Zk9${a}`, // inside a longer base58 run
      `${a}0`, // glued to a digit outside base58
      `${a}O and ${b}l`, // glued to letters outside base58
      `#/address/${a}`,
      `${a}/${b}…${c}`,
      `(${a}), «${b}», ${c}.`,
      `0x${toHexAddress(a).slice(2)} ${toHexAddress(b)}`,
      `${a} ${a} ${a}`,
      `naïve${a}é`,
      `typo ${typo} here`,
      `T0OIl${'1'.repeat(29)}`,
      '',
    ];
    for (let i = 0; i < 300; i++) {
      const parts = Array.from({ length: 5 }, () => {
        const pick = next();
        if (pick < 0.3) return addressFrom(next);
        if (pick < 0.4)
          return `T${Array.from({ length: 33 }, () => ALPHABET[Math.floor(next() * 58)]).join('')}`;
        if (pick < 0.55) return ' ';
        if (pick < 0.7) return ALPHABET[Math.floor(next() * 58)]!;
        if (pick < 0.8) return '0';
        return ['/', '…', '-', '\n', 'é'][Math.floor(next() * 5)]!;
      });
      texts.push(parts.join(''));
    }
    let broken = 0;
    for (const text of texts) {
      const candidates = candidatesIn(text);
      expect(candidates.filter(isTronAddress), text).toEqual(findAddressCandidates(text));
      broken += candidates.filter((candidate) => !isTronAddress(candidate)).length;
    }
    // Random 34-character strings and the typo are candidates the background has to refuse.
    expect(broken).toBeGreaterThan(20);
    expect(candidatesIn(`typo ${typo} here`)).toEqual([typo]);
  });
});
