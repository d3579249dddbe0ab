/**
 * Sandbox-only controls of the 2aml backend, mounted by the server at `/__sandbox/2aml/*`: TOTP codes, expiring a
 * user's sessions, forcing order/check outcomes, `checkId` only on completed checks, outages, billing switches, create latency, the rate limit.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { findUserByEmail } from './accounts';
import { isScreeningNetwork, SCREENING_NETWORKS } from './address';
import { nowMs, type TwoAml } from './context';
import { revokeSessions } from './sessions';
import { currentTotp } from './totp';

async function parseControlBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T> | Response> {
  const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) return c.json({ error: 'invalid_body', issues: parsed.error.issues }, 400);
  return parsed.data;
}

const expireBody = z.object({ email: z.string() });
const orderOutcomeBody = z.object({
  receiver: z.string().min(1),
  outcome: z.enum(['failed', 'refunded']).nullable(),
});
const checkOutcomeBody = z.object({
  targetWallet: z.string().min(1),
  targetNetwork: z.string().default('tron'),
  outcome: z.enum(['failed', 'expired']).nullable(),
});
const availabilityBody = z.object({
  namespace: z.enum(['tron-energy', 'aml-wallet-check']),
  unavailable: z.boolean(),
});
const billingBody = z.object({
  walletBalanceBillingEnabled: z.boolean().optional(),
  creditPackBillingEnabled: z.boolean().optional(),
});
const checkIdsBody = z.object({ onlyWhenCompleted: z.boolean() });
const latencyBody = z.object({ createMs: z.number().int().min(0).max(30_000) });
const rateLimitBody = z.object({ limit: z.number().int().min(1), windowSeconds: z.number().positive() });

/** The control routes. */
export function createControlRoutes(ctx: TwoAml): Hono {
  const routes = new Hono();
  const controls = () => ctx.state.controls;

  routes.get('/totp', (c) => {
    const user = findUserByEmail(ctx, c.req.query('email') ?? '');
    if (!user?.twoFactor)
      return c.json({ error: 'no_two_factor_user', email: c.req.query('email') ?? null }, 404);
    const { code, validForSeconds } = currentTotp(user.twoFactor.secretBase32, nowMs(ctx));
    return c.json({
      email: user.email,
      code,
      validForSeconds,
      recoveryCodesLeft: user.twoFactor.recoveryCodes.length,
    });
  });

  routes.post('/sessions/expire', async (c) => {
    const body = await parseControlBody(c, expireBody);
    if (body instanceof Response) return body;
    const user = findUserByEmail(ctx, body.email);
    if (!user) return c.json({ error: 'unknown_user' }, 404);
    return c.json({ email: user.email, revokedSessions: revokeSessions(ctx, user) });
  });

  routes.post('/energy/outcome', async (c) => {
    const body = await parseControlBody(c, orderOutcomeBody);
    if (body instanceof Response) return body;
    if (body.outcome) controls().forcedOrderOutcomes.set(body.receiver, body.outcome);
    else controls().forcedOrderOutcomes.delete(body.receiver);
    return c.json({ receiver: body.receiver, outcome: body.outcome });
  });

  routes.post('/aml/outcome', async (c) => {
    const body = await parseControlBody(c, checkOutcomeBody);
    if (body instanceof Response) return body;
    const network = body.targetNetwork.toLowerCase();
    if (!isScreeningNetwork(network) || !SCREENING_NETWORKS[network](body.targetWallet)) {
      return c.json({ error: 'invalid_target' }, 400);
    }
    const key = `${network}:${body.targetWallet}`;
    if (body.outcome) controls().forcedCheckOutcomes.set(key, body.outcome);
    else controls().forcedCheckOutcomes.delete(key);
    return c.json({ targetWallet: body.targetWallet, targetNetwork: network, outcome: body.outcome });
  });

  routes.post('/availability', async (c) => {
    const body = await parseControlBody(c, availabilityBody);
    if (body instanceof Response) return body;
    controls().unavailable[body.namespace] = body.unavailable;
    return c.json({ ...controls().unavailable });
  });

  routes.post('/billing', async (c) => {
    const body = await parseControlBody(c, billingBody);
    if (body instanceof Response) return body;
    Object.assign(controls(), body);
    const { walletBalanceBillingEnabled, creditPackBillingEnabled } = controls();
    return c.json({ walletBalanceBillingEnabled, creditPackBillingEnabled });
  });

  routes.post('/aml/check-ids', async (c) => {
    const body = await parseControlBody(c, checkIdsBody);
    if (body instanceof Response) return body;
    controls().checkIdOnlyWhenCompleted = body.onlyWhenCompleted;
    return c.json({ onlyWhenCompleted: body.onlyWhenCompleted });
  });

  routes.post('/latency', async (c) => {
    const body = await parseControlBody(c, latencyBody);
    if (body instanceof Response) return body;
    controls().createLatencyMs = body.createMs;
    return c.json({ createMs: body.createMs });
  });

  routes.post('/rate-limit', async (c) => {
    const body = await parseControlBody(c, rateLimitBody);
    if (body instanceof Response) return body;
    controls().rateLimit = { limit: body.limit, windowMs: Math.round(body.windowSeconds * 1000) };
    ctx.state.rateWindows.clear();
    return c.json({ limit: body.limit, windowSeconds: body.windowSeconds });
  });

  return routes;
}
