/** `/credits/*` of the Wallet AML Check namespace: catalog, summary, history, purchases. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { TwoAml, TwoAmlEnv } from './context';
import { creditCounters, creditHistoryView } from './credits';
import {
  CREDIT_PLANS,
  EXPIRATION_POLICY,
  FEE_PER_CHECK_SUN,
  PLAN_CODES,
  planByCode,
  planView,
  pricingView,
} from './credit-plans';
import { purchaseCredits } from './credit-purchases';
import { MESSAGES } from './errors';
import { digestOf, runIdempotent } from './idempotency';
import { formatTrx } from './money';
import { pageOf, paginationQuery, readJsonBody, readQuery } from './request';

const historyQuery = paginationQuery.extend({
  type: z.enum(['purchase', 'consumption', 'restore', 'bonus', 'expiry']).optional(),
});

const purchaseBody = z.object({
  planCode: z.enum(PLAN_CODES),
  idempotencyKey: z.string().trim().min(1).max(128).nullish(),
});

/** The credit routes (all protected by the namespace's session guard). */
export function createCreditRoutes(ctx: TwoAml): Hono<TwoAmlEnv> {
  const routes = new Hono<TwoAmlEnv>();

  routes.get('/catalog', (c) => {
    const user = c.get('user');
    return c.json({
      feePerCheckTrx: formatTrx(FEE_PER_CHECK_SUN),
      walletBalanceBillingEnabled: ctx.state.controls.walletBalanceBillingEnabled,
      creditPackBillingEnabled: ctx.state.controls.creditPackBillingEnabled,
      planCatalog: CREDIT_PLANS.map((plan) => ({
        ...planView(plan),
        pricingPreview: pricingView(plan, user),
      })),
    });
  });

  routes.get('/summary', (c) => {
    const user = c.get('user');
    return c.json({
      ...creditCounters(ctx, user),
      walletAvailableBalanceTrx: formatTrx(user.availableSun),
      walletReservedBalanceTrx: formatTrx(user.reservedSun),
      expirationPolicy: { ...EXPIRATION_POLICY },
    });
  });

  routes.get('/history', (c) => {
    const query = readQuery(c, historyQuery, MESSAGES.creditHistoryInvalid);
    return c.json(pageOf(creditHistoryView(ctx, c.get('user'), query.type), query.page, query.limit));
  });

  routes.post('/purchases', async (c) => {
    const body = await readJsonBody(c, purchaseBody, MESSAGES.purchaseInvalid);
    const user = c.get('user');
    const { result, replayed } = await runIdempotent(
      ctx,
      {
        userId: user.id,
        scope: 'credit-purchase',
        key: body.idempotencyKey,
        digest: digestOf({ planCode: body.planCode }),
        messages: { busy: MESSAGES.purchaseIdempotencyBusy, mismatch: MESSAGES.purchaseIdempotencyMismatch },
      },
      () => purchaseCredits(ctx, user, planByCode(body.planCode)),
      (stored) => ({ ...stored, idempotencyStatus: 'replayed' as const }),
    );
    return c.json(result, replayed ? 200 : 201);
  });

  return routes;
}
