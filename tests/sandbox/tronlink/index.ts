import { Hono } from 'hono';
import type { SandboxService, World } from '../world';

/** Not built yet: every path answers 501 until this part is written. */
export function createTronLinkEmulator(_world: World): SandboxService {
  const routes = new Hono();
  routes.all('*', (c) => c.json({ error: 'not_implemented' }, 501));
  return { prefix: '/tronlink', routes, reset() {} };
}
