/**
 * TronZap in the sandbox (seeds/002 and the SDK facts in seeds/README): signed POST calls billed to
 * an API account's TRX balance; energy, bandwidth and activations delivered on the sandbox chain by a
 * staked provider account.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxService, World } from '../../world';
import { SUN_PER_TRX, trxText } from '../tronnrg/money';
import { createZapRoutes } from './routes';
import { createZapState, seedAccounts, type ForcedFailure } from './state';
import { createTransactionDesk, PICKUP_DELAY_MS } from './transactions';

/** 1 staked TRX gives 10 energy or 1 bandwidth: room for thousands of orders at the largest sizes. */
const ENERGY_STAKE_SUN = 100_000_000n * SUN_PER_TRX;
const BANDWIDTH_STAKE_SUN = 10_000_000n * SUN_PER_TRX;
/** Liquid TRX for fees and activations (each activation costs the provider the 1 TRX creation fee). */
const PROVIDER_FLOAT_SUN = 10_000n * SUN_PER_TRX;

const failNextSchema = z.object({
  error: z.enum(['transaction_failed', 'internal_error']).default('transaction_failed'),
  times: z.number().int().min(1).max(100).default(1),
});
const availabilitySchema = z.object({
  energy: z.boolean().optional(),
  bandwidth: z.boolean().optional(),
  activate_address: z.boolean().optional(),
});

/** The TronZap service with its seeded API accounts and provider. */
export function createTronZapService(world: World): SandboxService {
  const provider = world.chain.keypair('tronzap-provider');
  world.chain.mint(provider.address, { trxSun: PROVIDER_FLOAT_SUN });
  world.chain.stake(provider.address, 'ENERGY', ENERGY_STAKE_SUN);
  world.chain.stake(provider.address, 'BANDWIDTH', BANDWIDTH_STAKE_SUN);

  const state = createZapState();
  const desk = createTransactionDesk(world, provider, state);
  const routes = createZapRoutes(world, state, desk);

  const control = new Hono();
  control.post('/fail-next', async (c) => {
    const parsed = failNextSchema.safeParse(await c.req.json().catch(() => ({})));
    if (!parsed.success) return c.json({ error: 'invalid_request', message: parsed.error.message }, 400);
    const failures: ForcedFailure[] = Array.from({ length: parsed.data.times }, () => parsed.data.error);
    state.forcedFailures.push(...failures);
    return c.json({ queued: state.forcedFailures });
  });
  control.post('/availability', async (c) => {
    const parsed = availabilitySchema.safeParse(await c.req.json().catch(() => ({})));
    if (!parsed.success) return c.json({ error: 'invalid_request', message: parsed.error.message }, 400);
    Object.assign(state.enabled, parsed.data);
    return c.json({ enabled: state.enabled });
  });

  world.seeded.tronzap = {
    accounts: seedAccounts().map((account) => ({
      name: account.name,
      token: account.token,
      secret: account.secret,
      balanceTrx: account.balanceSun === null ? null : trxText(account.balanceSun),
    })),
    provider: provider.address,
    pickupDelayMs: PICKUP_DELAY_MS,
    failNext:
      'POST /__sandbox/tronzap/fail-next {"error":"transaction_failed"|"internal_error","times":1}: ' +
      'the next transactions fail on delivery (refunded) or the next API call answers code 500',
    availability: 'POST /__sandbox/tronzap/availability {"energy":false}: that service answers code 35',
  };

  return {
    prefix: '/tronzap',
    routes,
    control,
    reset() {
      for (const cancel of state.timers) cancel();
      Object.assign(state, createZapState());
      desk.reset();
    },
  };
}
