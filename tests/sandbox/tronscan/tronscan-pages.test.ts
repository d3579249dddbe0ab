/**
 * The TronScan-like pages over HTTP: each page model is rendered with linkedom (the same render code
 * the browser app runs) and read back from the DOM alone, then compared with the page's manifest.
 */
import { parseHTML } from 'linkedom';
import { TronWeb } from 'tronweb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../server';
import { renderPage } from './client/render';
import type { PageManifest } from './manifest';
import { ADDRESS_FORMS, INVALID_FORMS, type PageModel } from './page-model';
import { readAddressForms } from './testing/read-forms';

interface Catalog {
  app: string;
  pages: Record<string, string>;
  tronlink: string;
  usdt: string;
  lookalike: { address: string; privateKey: string; sharedPrefix: number; sharedSuffix: number };
  knownBad: string[];
  knownBadSource: '2aml' | 'tronscan';
  invalid: Record<(typeof INVALID_FORMS)[number], string[]>;
  forms: Record<string, Record<string, string[]>>;
}

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let catalog: Catalog;

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${sandbox.origin}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** A checksum-valid base58 T-address (TronWeb's isAddress also accepts hex, which badges must not). */
const isBase58Address = (text: string) => /^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(text) && TronWeb.isAddress(text);

const routeOf = (pageUrl: string) => new URL(pageUrl).hash;
const pageModel = (route: string) =>
  getJson<PageModel>(`/tronscan/api/page?route=${encodeURIComponent(route)}`);
const manifestOf = (route: string) =>
  getJson<PageManifest>(`/tronscan/api/manifest?route=${encodeURIComponent(route)}`);

/** Renders a page model into a fresh linkedom document, like the app does in the browser. */
function renderWithLinkedom(page: PageModel) {
  const { document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
  document.getElementById('root')!.append(renderPage(document as unknown as Document, page));
  return document as unknown as Document;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
  catalog = await getJson<Catalog>('/tronscan/api/catalog');
});

afterAll(async () => {
  await sandbox?.close();
});

describe('TronScan-like app shell', () => {
  it('serves the shell with the TronLink emulator, and without it on request', async () => {
    const withTronLink = await (await fetch(`${sandbox.origin}/tronscan/`)).text();
    expect(withTronLink).toContain('<div id="root">');
    expect(withTronLink).toContain('<script src="/tronlink/emulator.js">');
    const without = await (await fetch(`${sandbox.origin}/tronscan/?tronlink=off`)).text();
    expect(without).not.toContain('emulator.js');
  });

  it('redirects /tronscan to /tronscan/ so relative assets resolve', async () => {
    const response = await fetch(`${sandbox.origin}/tronscan`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toMatch(/\/tronscan\/$/);
  });

  it('serves the bundled app script and stylesheet', async () => {
    const script = await fetch(`${sandbox.origin}/tronscan/app.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toContain('__tronscanSandbox');
    const css = await fetch(`${sandbox.origin}/tronscan/app.css`);
    expect(await css.text()).toContain('.ellipsis_box_start');
  });
});

describe('addresses on the fixed pages', () => {
  const fixedPages = ['home', 'tronlinkAddress', 'usdtContract', 'usdtToken', 'sampleTransaction'];

  it.each(fixedPages)(
    'the %s page shows exactly the addresses its manifest lists, per form',
    async (name) => {
      const route = routeOf(catalog.pages[name]!);
      const [page, manifest] = await Promise.all([pageModel(route), manifestOf(route)]);
      const read = readAddressForms(renderWithLinkedom(page));
      expect(read.unrecognised).toEqual([]);
      for (const form of ADDRESS_FORMS) {
        const shown = form === 'link-full' ? read[form]!.filter((a) => TronWeb.isAddress(a)) : read[form];
        expect(shown, `${name} / ${form}`).toEqual(manifest.forms[form]);
      }
      // The only invalid link is the one the manifest lists as such.
      const invalidLinks = read['link-full']!.filter((a) => !TronWeb.isAddress(a));
      expect(invalidLinks).toEqual(manifest.invalid['checksum-invalid-link']);
    },
  );

  it('lists the same forms in world.seeded.tronscan as the manifests do (no chain transfers yet)', async () => {
    for (const name of fixedPages) {
      const manifest = await manifestOf(routeOf(catalog.pages[name]!));
      const nonEmpty = Object.fromEntries(
        Object.entries(manifest.forms).filter(([, list]) => list.length > 0),
      );
      expect(catalog.forms[name], name).toEqual(nonEmpty);
    }
  });

  it('uses every address form somewhere, the header on the address page', async () => {
    const home = await manifestOf('#/');
    const account = await manifestOf(routeOf(catalog.pages.tronlinkAddress!));
    for (const form of ADDRESS_FORMS.filter((f) => f !== 'header')) {
      expect(home.forms[form].length, form).toBeGreaterThan(0);
    }
    expect(account.forms.header).toEqual([catalog.tronlink]);
  });

  it('shows only checksum-valid addresses, and strings that only look like addresses', async () => {
    for (const name of fixedPages) {
      const manifest = await manifestOf(routeOf(catalog.pages[name]!));
      for (const address of manifest.addresses) expect(isBase58Address(address), address).toBe(true);
    }
    for (const form of INVALID_FORMS) {
      expect(catalog.invalid[form].length, form).toBeGreaterThan(0);
      for (const text of catalog.invalid[form]) {
        expect(isBase58Address(text), text).toBe(false);
        // TronWeb also accepts the 41… hex form of a real address; the page shows it as raw data only.
        if (form !== 'hex-41') expect(TronWeb.isAddress(text), text).toBe(false);
      }
    }
    for (const hex of catalog.invalid['hex-41']) expect(TronWeb.isAddress(hex)).toBe(true);
    const home = await manifestOf('#/');
    for (const form of INVALID_FORMS) expect(home.invalid[form].length, form).toBeGreaterThan(0);
  });

  it('hides a valid address inside each over-long base58 run', () => {
    for (const run of catalog.invalid['overlong-base58']) {
      expect(run.length).toBeGreaterThan(34);
      expect(run).toMatch(/^[1-9A-HJ-NP-Za-km-z]+$/);
      const windows = Array.from({ length: run.length - 33 }, (_, i) => run.slice(i, i + 34));
      expect(windows.some((w) => TronWeb.isAddress(w))).toBe(true);
    }
  });

  it('makes checksum-invalid strings differ from a valid address by one character', () => {
    const [typoOfTronLink] = catalog.invalid['checksum-invalid'];
    const differences = [...typoOfTronLink!].filter((char, i) => char !== catalog.tronlink[i]).length;
    expect(differences).toBe(1);
  });

  it('keeps the whole address in textContent of split links', async () => {
    const document = renderWithLinkedom(await pageModel('#/'));
    const split = Array.from(document.querySelectorAll('a.address-link')).filter((a) =>
      a.querySelector('.ellipsis_box_end'),
    );
    expect(split.length).toBeGreaterThan(0);
    for (const link of split) {
      expect(link.getAttribute('href')).toBe(`#/address/${link.textContent}`);
      expect(link.querySelector('.ellipsis_box_start')!.textContent).toHaveLength(29);
    }
  });
});

describe('the accounts the pages are about', () => {
  it('shows the seeded TronLink account and the USDT contract', async () => {
    const accounts = await getJson<{ chain?: { tronlink?: { address?: string } } }>('/__sandbox/accounts');
    if (accounts.chain?.tronlink?.address) expect(catalog.tronlink).toBe(accounts.chain.tronlink.address);
    const home = await manifestOf('#/');
    expect(home.addresses).toContain(catalog.tronlink);
    expect(home.forms['contract-code']).toContain(catalog.usdt);
  });

  it('has a poisoning lookalike: a real key pair sharing the first and last characters', async () => {
    const { lookalike, tronlink } = catalog;
    expect(TronWeb.address.fromPrivateKey(lookalike.privateKey)).toBe(lookalike.address);
    expect(lookalike.address).not.toBe(tronlink);
    expect(lookalike.sharedPrefix).toBeGreaterThanOrEqual(2);
    expect(lookalike.sharedSuffix).toBeGreaterThanOrEqual(2);
    expect(lookalike.address.slice(0, lookalike.sharedPrefix)).toBe(
      tronlink.slice(0, lookalike.sharedPrefix),
    );
    expect(lookalike.address.slice(-lookalike.sharedSuffix)).toBe(tronlink.slice(-lookalike.sharedSuffix));
    // The poisoning pattern: dust from the lookalike to the account, on its own address page.
    const account = await manifestOf(routeOf(catalog.pages.tronlinkAddress!));
    expect(account.addresses).toContain(lookalike.address);
  });

  it('takes the known-bad addresses from the 2aml service when it seeds them', async () => {
    type KnownBad = ({ address: string } | string)[];
    const accounts =
      await getJson<Record<string, { knownBadAddresses?: KnownBad; knownBad?: KnownBad }>>(
        '/__sandbox/accounts',
      );
    const seededByTwoAml = accounts['2aml']?.knownBadAddresses ?? accounts['2aml']?.knownBad;
    const fromTwoAml = seededByTwoAml?.map((entry) => (typeof entry === 'string' ? entry : entry.address));
    if (fromTwoAml?.length) {
      expect(catalog.knownBadSource).toBe('2aml');
      expect(catalog.knownBad).toEqual(fromTwoAml);
    } else {
      expect(catalog.knownBadSource).toBe('tronscan');
    }
    const home = await manifestOf('#/');
    expect(home.addresses).toEqual(expect.arrayContaining([catalog.knownBad[0]]));
  });
});

describe('lists and late rows', () => {
  it('renders a transfers list of the requested length', async () => {
    const page = await pageModel('#/transfers?rows=1000');
    const document = renderWithLinkedom(page);
    expect(document.querySelectorAll('[data-section="transfers"] tbody tr')).toHaveLength(1000);
    const read = readAddressForms(document);
    const manifest = await manifestOf('#/transfers?rows=1000');
    for (const form of ADDRESS_FORMS) expect(read[form], form).toEqual(manifest.forms[form]);
  });

  it('describes a 10,000-row list without sending 10,000 rows', async () => {
    const response = await fetch(
      `${sandbox.origin}/tronscan/api/page?route=${encodeURIComponent('#/transfers?rows=10000')}`,
    );
    const body = await response.text();
    expect(body.length).toBeLessThan(50_000);
    const manifest = await manifestOf('#/transfers?rows=10000');
    expect(manifest.forms.token20).toHaveLength(10_000);
    const links = ['link-full', 'link-short', 'link-split', 'link-split-div'] as const;
    expect(links.reduce((sum, form) => sum + manifest.forms[form].length, 0)).toBe(20_000);
    expect(manifest.addresses.length).toBeGreaterThan(400);
  });

  it('announces the rows that arrive later: load more and the live timer', async () => {
    for (const route of ['#/', routeOf(catalog.pages.tronlinkAddress!)]) {
      const manifest = await manifestOf(route);
      const loadMore = Object.values(manifest.late.loadMore).flat();
      const timer = Object.values(manifest.late.timer).flat();
      expect(loadMore.length, route).toBeGreaterThan(0);
      expect(timer.length, route).toBeGreaterThan(0);
      for (const address of [...loadMore, ...timer]) expect(TronWeb.isAddress(address)).toBe(true);
    }
  });

  it('shows an error card for invalid addresses and unknown routes', async () => {
    const typo = catalog.invalid['checksum-invalid'][0]!;
    for (const route of [`#/address/${typo}`, '#/no-such-page', '#/transaction/xyz']) {
      const page = await pageModel(route);
      expect(page.notFound, route).toBeTruthy();
      expect((await manifestOf(route)).addresses).toEqual([]);
    }
  });
});
