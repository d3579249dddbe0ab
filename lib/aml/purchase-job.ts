/**
 * The `credit-purchase` job: one AML credit pack bought from the 2aml wallet balance
 * (`POST /credits/purchases`, seeds/003 §15), exactly once.
 *
 * created {idempotencyKey} → submitting → completed | failed (→ waiting_sign_in on a 401, back to
 * submitting once the same account signs in again; cancelled only from there or before sending).
 *
 * The idempotency key is stored with the job before the first call and every retry sends the same
 * key, so an answer lost to a timeout or a stopped worker never buys a second pack.
 */
import { z } from 'zod';
import type { AmlApi } from './api';
import { CREDIT_PLAN_CODES } from './api-schemas';
import { GIVE_UP_AFTER_MS, handleFailure } from './job-policy';
import type { Job, JobKind, StepContext } from '../jobs/runner';

export const CREDIT_PURCHASE_KIND = 'credit-purchase';

const sunText = z.string().regex(/^\d{1,19}$/);

export const creditPurchaseResultSchema = z.object({
  purchasedCredits: z.number().int(),
  creditsBalance: z.number().int(),
  finalPriceSun: sunText,
  walletAvailableSun: sunText,
  expiresAt: z.string().nullable(),
  referralDiscountApplied: z.boolean(),
});
export type CreditPurchaseResult = z.output<typeof creditPurchaseResultSchema>;

export const creditPurchaseDataSchema = z.object({
  planCode: z.enum(CREDIT_PLAN_CODES),
  credits: z.number().int().positive(),
  /** The price the user confirmed (the referral price when one applies). */
  priceSun: sunText,
  idempotencyKey: z.string().min(1).max(128),
  userId: z.number().int(),
  email: z.string(),
  startedAt: z.number(),
  submittedAt: z.number().nullable().default(null),
  failingSince: z.number().nullable().default(null),
  result: creditPurchaseResultSchema.nullable().default(null),
});
export type CreditPurchaseData = z.output<typeof creditPurchaseDataSchema>;
export type CreditPurchaseDataInput = z.input<typeof creditPurchaseDataSchema>;

export type CreditPurchaseErrorCode = 'sign_in_again' | 'other_account' | 'service_unavailable' | 'refused';

export interface CreditPurchaseDeps {
  api(): Promise<Pick<AmlApi, 'purchaseCredits'>>;
  signedInUserId(): Promise<number | null>;
  message(code: CreditPurchaseErrorCode, detail?: { email?: string; error?: unknown }): string;
}

/** The `credit-purchase` kind. */
export function createCreditPurchaseKind(deps: CreditPurchaseDeps): JobKind<CreditPurchaseData> {
  async function waitForSignIn(
    job: Job<CreditPurchaseData>,
    ctx: StepContext<CreditPurchaseData>,
    code: CreditPurchaseErrorCode,
  ) {
    await ctx.save({
      state: 'waiting_sign_in',
      nextRunAt: null,
      error: { code, message: deps.message(code, { email: job.data.email }) },
    });
  }

  async function submit(job: Job<CreditPurchaseData>, ctx: StepContext<CreditPurchaseData>) {
    const userId = await deps.signedInUserId();
    if (userId !== job.data.userId) {
      await waitForSignIn(job, ctx, userId === null ? 'sign_in_again' : 'other_account');
      return;
    }
    const saved =
      job.state === 'submitting'
        ? job
        : await ctx.save({
            state: 'submitting',
            error: null,
            data: { submittedAt: job.data.submittedAt ?? ctx.now() },
          });
    try {
      const purchase = await (
        await deps.api()
      ).purchaseCredits({
        planCode: saved.data.planCode,
        idempotencyKey: saved.data.idempotencyKey,
      });
      await ctx.save({
        state: 'completed',
        terminal: true,
        error: null,
        data: {
          failingSince: null,
          result: {
            purchasedCredits: purchase.purchasedCredits,
            creditsBalance: purchase.amlCreditsBalance,
            finalPriceSun: purchase.pricing.finalPriceSun.toString(),
            walletAvailableSun: purchase.walletAvailableBalanceSun.toString(),
            expiresAt: purchase.expiresAt ?? null,
            referralDiscountApplied: purchase.pricing.referralDiscountApplied,
          },
        },
      });
    } catch (error) {
      const handling = handleFailure(error, saved.attempts);
      if (handling.kind === 'sign_in') return waitForSignIn(saved, ctx, 'sign_in_again');
      if (handling.kind === 'stop') {
        await ctx.save({
          state: 'failed',
          terminal: true,
          error: { code: 'refused', message: deps.message('refused', { error }) },
        });
        return;
      }
      const failingSince = saved.data.failingSince ?? ctx.now();
      if (ctx.now() - failingSince > GIVE_UP_AFTER_MS) {
        await ctx.save({
          state: 'failed',
          terminal: true,
          error: { code: 'service_unavailable', message: deps.message('service_unavailable', { error }) },
        });
        return;
      }
      await ctx.save({
        attempts: saved.attempts + 1,
        nextRunAt: ctx.now() + handling.afterMs,
        data: { failingSince },
        error: { code: 'retrying', message: deps.message('service_unavailable', { error }) },
      });
    }
  }

  return {
    kind: CREDIT_PURCHASE_KIND,
    dataSchema: creditPurchaseDataSchema as z.ZodType<CreditPurchaseData>,
    async step(job, ctx) {
      if (job.state === 'created' || job.state === 'submitting' || job.state === 'waiting_sign_in') {
        return submit(job, ctx);
      }
      await ctx.save({
        state: 'failed',
        terminal: true,
        error: { code: 'refused', message: deps.message('refused') },
      });
    },
  };
}
