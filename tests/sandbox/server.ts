import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AddressInfo } from 'node:net';
import { createNodeRoutes } from './chain/node-routes';
import { createControlRoutes } from './control';
import { startBlockTicker } from './core/block-ticker';
import { createWorld, type SandboxWorld } from './core/create-world';
import { createFaultInjector } from './core/faults';
import { createServices } from './services';

export interface SandboxOptions {
  /** 0 picks a free port (tests); default 8787. */
  port?: number;
  /** Loopback by default; the sandbox is never meant to be reachable from elsewhere. */
  host?: string;
  /** Real milliseconds between blocks (default 3000, as TRON). */
  blockIntervalMs?: number;
}

export interface RunningSandbox {
  origin: string;
  world: SandboxWorld;
  close(): Promise<void>;
}

const CONTROL_PREFIX = '/__sandbox';

/** Starts the whole sandbox in this process: the node, every service, the control API. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const { port = 8787, host = '127.0.0.1', blockIntervalMs = 3000 } = options;

  // Listen first, so the world (and every service) is created knowing its real origin even on port 0.
  let handle: (request: Request) => Response | Promise<Response> = () =>
    new Response('sandbox starting', { status: 503, headers: { 'retry-after': '1' } });
  const server = await listen(port, host, (request) => handle(request));
  const { port: boundPort } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;

  const world = createWorld({ origin });
  const services = createServices(world);
  // The chain as the services left it after seeding is what a reset returns to.
  world.chain.markSeeded();
  const ticker = startBlockTicker(world, blockIntervalMs);
  const faults = createFaultInjector({ exempt: (path) => path.startsWith(CONTROL_PREFIX) });

  const app = new Hono();
  app.use(
    '*',
    cors({
      origin: (requestOrigin) => requestOrigin || '*',
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['Retry-After', 'Content-Disposition', 'Content-Length'],
      maxAge: 600,
    }),
  );
  app.use('*', faults.middleware);
  app.route('/tron', createNodeRoutes(world.chain));
  for (const service of services) app.route(service.prefix, service.routes);
  app.route(CONTROL_PREFIX, createControlRoutes({ world, services, faults, ticker }));
  app.get('/', (c) =>
    c.json({
      sandbox: 'ampere',
      origin,
      mounts: ['/tron', ...services.map((s) => s.prefix), CONTROL_PREFIX],
    }),
  );
  app.onError((error, c) => {
    console.error(`[sandbox] ${c.req.method} ${c.req.path} failed:`, error);
    return c.json({ error: 'sandbox_internal_error', message: error.message }, 500);
  });
  handle = (request) => app.fetch(request);

  return {
    origin,
    world,
    async close() {
      ticker.stop();
      world.clock.dispose();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}

function listen(
  port: number,
  host: string,
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host }, () => resolve(server));
    server.once('error', reject);
  });
}
