/**
 * The TronLink emulator (`/tronlink/`): a script that gives a page what TronLink injects
 * (`window.tron`, `window.tronLink`, `window.tronWeb` backed by a real TronWeb and a seeded key) and
 * the approval policy a test can change from the page, from Playwright or over HTTP.
 *
 *   GET  /tronlink/emulator.js      the page script (main world); reads the policy at load
 *   GET  /tronlink/config           the stored policy (the script reads it before each prompt)
 *   POST /tronlink/config           change it: {mode, delayMs, account, connectedOrigins}, any subset
 *   POST /tronlink/connections      {origin, connected}: the page remembering a connected site
 *   GET  /tronlink/account/:name    a seeded key pair by name, when a test switches accounts
 *   GET  /tronlink/                 a small dapp page with the emulator, to try it by hand
 *   GET  /tronlink/hostile?attack=… a page that turns the emulator against the person (hostile-page.ts)
 */
import { Hono, type Context } from 'hono';
import type { SandboxService, World } from '../world';
import { demoDappHtml } from './demo-page';
import { hostilePageHtml, hostileQuerySchema } from './hostile-page';
import {
  connectionUpdateSchema,
  defaultEmulatorConfig,
  EMULATOR_MODES,
  emulatorConfigUpdateSchema,
  type EmulatorConfig,
} from './emulator-config';
import { emulatorScript, warmEmulatorScript } from './script';

const PREFIX = '/tronlink';

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

/** The TronLink emulator service. */
export function createTronLinkEmulator(world: World): SandboxService {
  let config: EmulatorConfig = defaultEmulatorConfig(1);
  const account = (name: string) => ({ name, ...world.chain.keypair(name) });

  world.seeded.tronlink = {
    account: config.account,
    address: world.chain.keypair(config.account).address,
    modes: EMULATOR_MODES,
    get emulatorUrl() {
      return `${world.origin}${PREFIX}/emulator.js`;
    },
    get configUrl() {
      return `${world.origin}${PREFIX}/config`;
    },
  };

  const routes = new Hono();
  // The script may run in pages of any origin (Playwright init scripts): the server's CORS policy
  // answers every origin, so the policy reads below work from anywhere.

  routes.get('/emulator.js', async (c) => {
    const boot = {
      origin: world.origin,
      config,
      accounts: { [config.account]: world.chain.keypair(config.account) },
    };
    return c.body(await emulatorScript(boot), 200, {
      'content-type': 'text/javascript; charset=utf-8',
      // The policy is baked in, so every load must ask again.
      'cache-control': 'no-store',
    });
  });

  routes.get('/config', (c) => c.json(config, 200, { 'cache-control': 'no-store' }));

  routes.post('/config', async (c) => {
    const parsed = emulatorConfigUpdateSchema.safeParse(await jsonBody(c));
    if (!parsed.success) return c.json({ error: 'invalid_config', issues: parsed.error.issues }, 400);
    config = { ...config, ...parsed.data, revision: config.revision + 1 };
    return c.json(config);
  });

  routes.post('/connections', async (c) => {
    const parsed = connectionUpdateSchema.safeParse(await jsonBody(c));
    if (!parsed.success) return c.json({ error: 'invalid_connection', issues: parsed.error.issues }, 400);
    const { origin, connected } = parsed.data;
    const others = config.connectedOrigins.filter((known) => known !== origin);
    // Not a policy change: the revision stays, so a page's own configure() override survives.
    config = { ...config, connectedOrigins: connected ? [...others, origin] : others };
    return c.json({ connectedOrigins: config.connectedOrigins });
  });

  routes.get('/account/:name', (c) => c.json(account(c.req.param('name'))));

  routes.get('/hostile', (c) => {
    const query = hostileQuerySchema.safeParse(c.req.query());
    if (!query.success) return c.json({ error: 'invalid_query', issues: query.error.issues }, 400);
    return c.html(hostilePageHtml(query.data));
  });

  const demo = (c: Context) => c.html(demoDappHtml());
  routes.get('/', demo);
  // A strict router does not match `/tronlink/` to the sub-app's `/`; this fallback does.
  routes.get('*', (c) => (new URL(c.req.url).pathname === `${PREFIX}/` ? demo(c) : c.notFound()));

  warmEmulatorScript();
  return {
    prefix: PREFIX,
    routes,
    reset() {
      config = defaultEmulatorConfig(config.revision + 1);
    },
  };
}
