/**
 * The 2aml backend of the sandbox: one account store and one bearer token for both
 * `/external/tron-energy/*` (Rent TRON Energy) and `/external/aml-wallet-check/*` (Wallet AML Check),
 * mounted under `/2aml`, plus its controls under `/2aml/__sandbox/*`.
 */
import { Hono } from 'hono';
import type { SandboxService, World } from '../../world';
import type { TwoAml } from './context';
import { createControlRoutes } from './control-routes';
import { settleDelegation } from './energy-orders';
import { TwoAmlError, errorResponse } from './errors';
import { createNamespaceRoutes } from './namespace-routes';
import { seedTwoAml } from './seed';
import { createEmptyState } from './state';
import { watchDeposits } from './topups';

/** Creates the service with its seeded users; `reset()` restores exactly that seeded state. */
export function createTwoAmlService(world: World): SandboxService {
  const ctx: TwoAml = { world, state: createEmptyState() };
  seedTwoAml(ctx);
  watchDeposits(ctx);
  world.chain.onConfirmed((tx) => settleDelegation(ctx, tx));

  const routes = new Hono();
  routes.onError((error, c) => {
    if (error instanceof TwoAmlError) {
      return errorResponse(c, world.clock.now(), error.statusCode, error.message, error.headers);
    }
    console.error('[2aml] unexpected error', error);
    return errorResponse(c, world.clock.now(), 500, 'Internal server error.');
  });
  routes.route('/external/tron-energy', createNamespaceRoutes(ctx, 'tron-energy'));
  routes.route('/external/aml-wallet-check', createNamespaceRoutes(ctx, 'aml-wallet-check'));
  routes.route('/__sandbox', createControlRoutes(ctx));

  return {
    prefix: '/2aml',
    routes,
    reset() {
      ctx.state = createEmptyState(ctx.state.generation + 1);
      seedTwoAml(ctx);
    },
  };
}
