/** TronNRG's public API: `GET /supply`, `GET /health`, `POST /delegate`. */
import { Hono } from 'hono';
import type { World } from '../../world';
import { readClaimRequest, type ClaimDesk, type NrgAccounts } from './claim';
import { NrgError } from './errors';
import { decimalJsonResponse } from './json-decimal';
import { trxNumber } from './money';
import { ENERGY_PER_TRX, energyForPayment, MAX_PAYMENT_SUN, MIN_PAYMENT_SUN } from './pricing';
import { clientIp, type PerSecondLimiter } from './rate-limit';
import { takeForcedFailure, type NrgState } from './state';

/** The public routes; `limiter` is shared with `reset()`. */
export function createNrgRoutes(
  world: World,
  accounts: NrgAccounts,
  state: NrgState,
  desk: ClaimDesk,
  limiter: PerSecondLimiter,
): Hono {
  const routes = new Hono();

  routes.use('*', async (c, next) => {
    if (!limiter.allow(clientIp(c))) {
      throw new NrgError(
        'rate_limited',
        429,
        'Too many requests. The limit is 20 requests per second per IP.',
      );
    }
    await next();
  });

  routes.get('/health', (c) => c.json({ status: 'ok' }));

  // Only `pay_to` is documented; the rest are the documented bounds, for clients that read them live.
  routes.get('/supply', () =>
    decimalJsonResponse({
      pay_to: accounts.payTo.address,
      energy_per_trx: Number(ENERGY_PER_TRX),
      min_trx: trxNumber(MIN_PAYMENT_SUN),
      max_trx: trxNumber(MAX_PAYMENT_SUN),
      min_energy: energyForPayment(MIN_PAYMENT_SUN),
      max_energy: energyForPayment(MAX_PAYMENT_SUN),
      available: true,
    }),
  );

  routes.post('/delegate', async (c) => {
    if (takeForcedFailure(state, 'server_error')) throw new Error('forced by the sandbox control API');
    // A body that is not JSON has no tx_hash, so it fails the first check like an empty one.
    const body: unknown = await c.req.json().catch(() => ({}));
    const receipt = await desk.claim(readClaimRequest(body, world));
    return decimalJsonResponse({
      ref: receipt.ref,
      energy: receipt.energy,
      cost: trxNumber(receipt.costSun),
      status: 'delegated',
      tx_hash: receipt.txHash,
      delegate_to: receipt.delegateTo,
      delegations: receipt.delegations,
    });
  });

  routes.notFound((c) =>
    c.json({ error: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` }, 404),
  );

  routes.onError((error, c) => {
    if (error instanceof NrgError) {
      const headers: Record<string, string> = error.code === 'rate_limited' ? { 'retry-after': '1' } : {};
      return decimalJsonResponse(error.body(), error.status, headers);
    }
    console.error('[tronnrg] unexpected error', error);
    return c.json(
      { error: 'server_error', message: 'Unexpected internal error. Retry in a few seconds.' },
      500,
    );
  });

  return routes;
}
