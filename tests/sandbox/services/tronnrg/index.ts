/**
 * TronNRG in the sandbox (seeds/001): pay TRX to `pay_to`, sign `{tx_hash}:{delegate_to}`, claim with
 * `POST /delegate`; energy is delegated on the sandbox chain from a staked provider account.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { SandboxService, World } from '../../world';
import { createClaimDesk, REFUND_DELAY_MS, type NrgAccounts } from './claim';
import { SUN_PER_TRX } from './money';
import { ENERGY_PER_TRX, MAX_PAYMENT_SUN, MIN_PAYMENT_SUN } from './pricing';
import { createPerSecondLimiter, REQUESTS_PER_SECOND } from './rate-limit';
import { createNrgRoutes } from './routes';
import { createNrgState, type ForcedFailure } from './state';

/** Staked for energy: 1 staked TRX gives 10 energy, so this covers hundreds of maximum orders. */
const PROVIDER_STAKE_SUN = 50_000_000n * SUN_PER_TRX;
/** Liquid TRX for fees: the provider's delegations and the refunds paid from `pay_to`. */
const OPERATING_FLOAT_SUN = 1_000n * SUN_PER_TRX;

const failNextSchema = z.object({
  error: z.enum(['delegation_failed', 'server_error']).default('delegation_failed'),
  times: z.number().int().min(1).max(100).default(1),
});

/** The TronNRG service, its pay-to and provider accounts seeded on the chain. */
export function createTronNrgService(world: World): SandboxService {
  const accounts: NrgAccounts = {
    payTo: world.chain.keypair('tronnrg-pay-to'),
    provider: world.chain.keypair('tronnrg-provider'),
  };
  world.chain.mint(accounts.payTo.address, { trxSun: OPERATING_FLOAT_SUN });
  world.chain.mint(accounts.provider.address, { trxSun: OPERATING_FLOAT_SUN });
  world.chain.stake(accounts.provider.address, 'ENERGY', PROVIDER_STAKE_SUN);

  const state = createNrgState();
  const limiter = createPerSecondLimiter(() => world.clock.now());
  const desk = createClaimDesk(world, accounts, state);
  const routes = createNrgRoutes(world, accounts, state, desk, limiter);

  const control = new Hono();
  control.post('/fail-next', async (c) => {
    const parsed = failNextSchema.safeParse(await c.req.json().catch(() => ({})));
    if (!parsed.success) return c.json({ error: 'invalid_request', message: parsed.error.message }, 400);
    const failures: ForcedFailure[] = Array.from({ length: parsed.data.times }, () => parsed.data.error);
    state.forcedFailures.push(...failures);
    return c.json({ queued: state.forcedFailures });
  });

  world.seeded.tronnrg = {
    payTo: accounts.payTo.address,
    provider: accounts.provider.address,
    energyPerTrx: Number(ENERGY_PER_TRX),
    minTrx: String(MIN_PAYMENT_SUN / SUN_PER_TRX),
    maxTrx: String(MAX_PAYMENT_SUN / SUN_PER_TRX),
    rateLimitPerSecond: REQUESTS_PER_SECOND,
    refundDelayMs: REFUND_DELAY_MS,
    failNext:
      'POST /__sandbox/tronnrg/fail-next {"error":"delegation_failed"|"server_error","times":1}: ' +
      'the next verified claims fail to delegate (refund queued) or the next POST /delegate answers server_error',
  };

  return {
    prefix: '/tronnrg',
    routes,
    control,
    reset() {
      for (const cancel of state.pendingRefunds) cancel();
      Object.assign(state, createNrgState());
      limiter.reset();
    },
  };
}
