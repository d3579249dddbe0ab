/**
 * TronScan-like pages (`/tronscan/`): a hash-routed single-page app that shows TRON addresses in the
 * shapes tronscan.org uses, so the extension's content script can be built and tested against them.
 *
 *   GET /tronscan/                 the app shell (`?tronlink=off` leaves the TronLink emulator out)
 *   GET /tronscan/app.js|app.css   the app
 *   GET /tronscan/api/page?route=  the page model of a hash route (what the app renders)
 *   GET /tronscan/api/manifest?route=  every address of that page per form, for exact assertions
 *   GET /tronscan/api/catalog      the same as world.seeded.tronscan
 */
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import type { ChainTx, SandboxService, World } from '../world';
import { buildAddressCatalog, POOL_SIZE, type AddressCatalog } from './address-catalog';
import { browserBundle } from './browser-bundle';
import { buildPage, SAMPLE_TX_HASH, type ChainView } from './fixture-pages';
import { parseHashRoute } from './hash-route';
import { resolveLookalike, storedLookalike } from './lookalike';
import { pageManifest, type FormCounts } from './manifest';
import type { PageModel } from './page-model';
import { SHELL_CSS, shellHtml } from './shell';

const PREFIX = '/tronscan';
const APP_ENTRY = fileURLToPath(new URL('./client/app.ts', import.meta.url));

/** Reads the chain defensively: a page must render even while the node has nothing to say. */
function chainViewOf(world: World): ChainView {
  const attempt = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch {
      return fallback;
    }
  };
  return {
    transfersOf: (address) =>
      attempt(
        () =>
          [...world.chain.transfers({ to: address }), ...world.chain.transfers({ from: address })]
            .filter((tx, index, all) => all.findIndex((other) => other.txid === tx.txid) === index)
            .sort((a, b) => b.timestampMs - a.timestampMs),
        [] as ChainTx[],
      ),
    transaction: (hash) => attempt(() => world.chain.transaction(hash), undefined),
  };
}

const NO_CHAIN: ChainView = { transfersOf: () => [], transaction: () => undefined };

/** Hash routes of the pages listed in `world.seeded.tronscan`. */
function seededRoutes(catalog: Pick<AddressCatalog, 'tronlink' | 'usdt'>) {
  return {
    home: '#/',
    tronlinkAddress: `#/address/${catalog.tronlink}`,
    usdtContract: `#/contract/${catalog.usdt}/code`,
    usdtToken: `#/token20/${catalog.usdt}`,
    sampleTransaction: `#/transaction/${SAMPLE_TX_HASH}`,
    transfers1000: '#/transfers?rows=1000',
    transfers10000: '#/transfers?rows=10000',
  };
}

function nonEmptyForms(forms: FormCounts): Partial<FormCounts> {
  return Object.fromEntries(Object.entries(forms).filter(([, addresses]) => addresses.length > 0));
}

/** The TronScan-like pages service. */
export function createTronscanPages(world: World): SandboxService {
  const tronlink = world.chain.keypair('tronlink').address;
  const usdt = world.chain.usdtContract;
  const routesOf = seededRoutes({ tronlink, usdt });
  const chain = chainViewOf(world);

  // URLs are getters: the origin is only final once the server listens.
  const seeded: Record<string, unknown> = {
    get app() {
      return `${world.origin}/tronscan/`;
    },
    get pages() {
      return Object.fromEntries(
        Object.entries(routesOf).map(([name, hash]) => [name, `${world.origin}/tronscan/${hash}`]),
      );
    },
    get manifestUrl() {
      return `${world.origin}/tronscan/api/manifest?route=`;
    },
    tronlink,
    usdt,
    lookalike: null,
    poolSize: POOL_SIZE,
  };
  world.seeded.tronscan = seeded;

  function completeSeeded(catalog: AddressCatalog): AddressCatalog {
    const { lookalike } = catalog;
    Object.assign(seeded, {
      lookalike: {
        address: lookalike.address,
        privateKey: lookalike.privateKey,
        sharedPrefix: lookalike.sharedPrefix,
        sharedSuffix: lookalike.sharedSuffix,
      },
      knownBad: catalog.knownBad,
      knownBadSource: catalog.knownBadSource,
      invalid: catalog.invalid,
      // Fixture content only; the address page adds the chain's real transfers (see the manifest).
      forms: Object.fromEntries(
        Object.entries(routesOf)
          .filter(([name]) => !name.startsWith('transfers'))
          .map(([name, hash]) => [
            name,
            nonEmptyForms(pageManifest(buildPage(catalog, NO_CHAIN, parseHashRoute(hash), hash)).forms),
          ]),
      ),
    });
    return catalog;
  }

  // A stored lookalike makes the catalog ready before the server prints the seeded identities.
  const stored = storedLookalike(tronlink);
  const catalogReady: Promise<AddressCatalog> = stored
    ? Promise.resolve(completeSeeded(buildAddressCatalog(world, stored)))
    : resolveLookalike(tronlink).then((lookalike) => completeSeeded(buildAddressCatalog(world, lookalike)));
  catalogReady.catch((error: unknown) => console.error('[tronscan] pages unavailable:', error));

  async function pageFor(hash: string): Promise<PageModel> {
    return buildPage(await catalogReady, chain, parseHashRoute(hash), hash);
  }

  const shell = (c: Context) => c.html(shellHtml({ withTronLink: c.req.query('tronlink') !== 'off' }));
  const routes = new Hono();
  // `/tronscan` redirects so that the shell's relative asset URLs resolve under `/tronscan/`.
  routes.get('/', (c) =>
    new URL(c.req.url).pathname.endsWith('/') ? shell(c) : c.redirect(`${PREFIX}/`, 301),
  );
  routes.get('/index.html', shell);
  routes.get('/app.js', async (c) =>
    c.body(await browserBundle(APP_ENTRY), 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    }),
  );
  routes.get('/app.css', (c) => c.body(SHELL_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }));
  routes.get('/api/page', async (c) => c.json(await pageFor(c.req.query('route') ?? '#/')));
  routes.get('/api/manifest', async (c) => c.json(pageManifest(await pageFor(c.req.query('route') ?? '#/'))));
  routes.get('/api/catalog', async (c) => {
    await catalogReady;
    return c.json(seeded);
  });

  // A strict router does not match `/tronscan/` to the sub-app's `/`; this fallback does.
  routes.get('*', (c) => (new URL(c.req.url).pathname === `${PREFIX}/` ? shell(c) : c.notFound()));

  // The pages keep no state of their own: what they show follows the catalog and the chain.
  return { prefix: PREFIX, routes, reset() {} };
}
