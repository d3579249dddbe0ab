import { Hono } from 'hono';
import type { SimChain } from './chain';
import { registerBuildEndpoints } from './node-build-routes';
import { registerReadEndpoints } from './node-read-routes';
import { registerTronGridEvents } from './trongrid-events';
import { registerTronGridEndpoints } from './trongrid-routes';

/** The TRON node's HTTP API (`/wallet/*`, `/walletsolidity/*`) and the TronGrid v1 subset (events too), to mount at `/tron`. */
export function createNodeRoutes(chain: SimChain): Hono {
  const routes = new Hono();
  registerReadEndpoints(routes, chain);
  registerBuildEndpoints(routes, chain);
  registerTronGridEndpoints(routes, chain);
  registerTronGridEvents(routes, chain);
  // java-tron answers unknown servlets with an HTML 404; a JSON body keeps client errors readable.
  routes.notFound((c) => c.json({ Error: `no such node endpoint: ${c.req.path}` }, 404));
  return routes;
}
