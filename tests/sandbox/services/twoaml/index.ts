/**
 * The 2aml backend of the sandbox: one account store and one bearer token for both
 * `/external/tron-energy/*` (Rent TRON Energy) and `/external/aml-wallet-check/*` (Wallet AML Check),
 * mounted under `/2aml`, plus its controls (mounted by the server under `/__sandbox/2aml/*`).
 */
import { Hono } from 'hono';
import type { SandboxService, World } from '../../world';
import { cancelTimers, nowMs, type TwoAml } from './context';
import { findUserByEmail } from './accounts';
import { currentTotp } from './totp';
import { createControlRoutes } from './control-routes';
import { settleDelegation } from './energy-orders';
import { TwoAmlError, errorResponse } from './errors';
import { createNamespaceRoutes } from './namespace-routes';
import { seedTwoAml, seedTwoAmlChain } from './seed';
import { createEmptyState } from './state';
import { watchDeposits } from './topups';

/** Creates the service with its seeded users; `reset()` restores exactly that seeded state. */
export function createTwoAmlService(world: World): SandboxService {
  const ctx: TwoAml = { world, state: createEmptyState(), timers: new Set() };
  seedTwoAmlChain(ctx);
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

  return {
    prefix: '/2aml',
    routes,
    control: createControlRoutes(ctx),
    totpCode(email) {
      const secret = findUserByEmail(ctx, email)?.twoFactor?.secretBase32;
      return secret === undefined ? undefined : currentTotp(secret, nowMs(ctx)).code;
    },
    reset() {
      cancelTimers(ctx);
      ctx.state = createEmptyState(ctx.state.generation + 1);
      seedTwoAml(ctx);
    },
  };
}
