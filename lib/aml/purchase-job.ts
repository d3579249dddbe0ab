/**
 * The `credit-purchase` job: one AML credit pack bought from the 2aml wallet balance
 * (`POST /credits/purchases`, seeds/003 §15), exactly once.
 *
 * created {idempotencyKey} → submitting → completed | failed; submitting → unknown (the answer was
 * lost, stalled or unreadable: the pack may have been bought) → completed | failed (→ waiting_sign_in
 * on a 401, back where it was once the same account signs in again; cancelled only from there, before
 * anything was sent).
 *
 * The idempotency key is stored with the job before the first call and every retry sends the same
 * key, so an answer lost to a timeout or a stopped worker never buys a second pack. An unknown
 * outcome is reconciled by replaying the key and by reading `GET /credits/history`, never reported
 * as a refusal.
 */
import { z } from 'zod';
import type { AmlApi } from './api';
import { CREDIT_PLAN_CODES } from './api-schemas';
import { handleFailure, LONG_RECONCILE_MS, outcomeUnknownPatch, retryLaterPatch } from './job-policy';
import { mayHaveBeenTaken } from './check-job';
import { ServiceError } from '../http';
import type { JobLock } from './job-lock';
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
  /** True when the purchase was found in the credit history (the answer itself was never read). */
  fromHistory: z.boolean().default(false),
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
  /** The 2aml origin the purchase is sent to: it is never followed to another (older jobs: absent). */
  serviceOrigin: z.string().optional(),
  submittedAt: z.number().nullable().default(null),
  /** Where a job that waits for a sign-in goes back to. */
  resumeState: z.enum(['submitting', 'unknown']).nullable().default(null),
  failingSince: z.number().nullable().default(null),
  result: creditPurchaseResultSchema.nullable().default(null),
});
export type CreditPurchaseData = z.output<typeof creditPurchaseDataSchema>;
export type CreditPurchaseDataInput = z.input<typeof creditPurchaseDataSchema>;

export type CreditPurchaseErrorCode =
  | 'sign_in_again'
  | 'other_account'
  | 'address_changed'
  | 'outcome_unknown'
  | 'service_unavailable'
  | 'refused';

type ResumeState = 'submitting' | 'unknown';

export interface CreditPurchaseDeps {
  api(): Promise<Pick<AmlApi, 'purchaseCredits' | 'creditHistory'>>;
  signedInUserId(): Promise<number | null>;
  /** The 2aml origin the session's token belongs to (null: signed out); a job goes nowhere else. */
  signedInOrigin?(): Promise<string | null>;
  /** The job as stored now: a step that read it before a cancel must not act on the old copy. */
  storedState?(id: string): Promise<{ state: string; terminal: boolean } | undefined>;
  /** Runs a step alone against a cancel of the same job (lib/aml/job-lock.ts). */
  lock?: Pick<JobLock, 'step'>;
  message(code: CreditPurchaseErrorCode, detail?: { email?: string; error?: unknown }): string;
}

/** How far before `submittedAt` a history row may be dated and still be this job's (clock skew). */
const HISTORY_SLACK_MS = 5 * 60_000;
const HISTORY_ROWS = 50;

/** The `credit-purchase` kind. */
export function createCreditPurchaseKind(deps: CreditPurchaseDeps): JobKind<CreditPurchaseData> {
  async function waitForSignIn(
    job: Job<CreditPurchaseData>,
    ctx: StepContext<CreditPurchaseData>,
    code: CreditPurchaseErrorCode,
    resumeState: ResumeState,
  ) {
    await ctx.save({
      state: 'waiting_sign_in',
      nextRunAt: null,
      data: { resumeState },
      error: { code, message: deps.message(code, { email: job.data.email }) },
    });
  }

  async function fail(ctx: StepContext<CreditPurchaseData>, code: CreditPurchaseErrorCode, error?: unknown) {
    await ctx.save({
      state: 'failed',
      terminal: true,
      error: { code, message: deps.message(code, { error }) },
    });
  }

  async function unknown(
    job: Job<CreditPurchaseData>,
    ctx: StepContext<CreditPurchaseData>,
    afterMs: number,
  ) {
    await ctx.save(outcomeUnknownPatch(job, ctx.now(), afterMs, deps.message('outcome_unknown')));
  }

  /** Waits for a sign-in as the account (and at the origin) that pays, if that is not the session now. */
  async function needsSignIn(
    job: Job<CreditPurchaseData>,
    ctx: StepContext<CreditPurchaseData>,
    resume: ResumeState,
  ) {
    const userId = await deps.signedInUserId();
    const origin = userId === null ? null : ((await deps.signedInOrigin?.()) ?? null);
    const wanted = job.data.serviceOrigin;
    if (userId === job.data.userId && (!wanted || origin === wanted)) return false;
    if (userId !== null && wanted && origin !== wanted && job.data.submittedAt === null) {
      await fail(ctx, 'address_changed');
      return true;
    }
    const code: CreditPurchaseErrorCode =
      userId === null ? 'sign_in_again' : wanted && origin !== wanted ? 'address_changed' : 'other_account';
    await waitForSignIn(job, ctx, code, resume);
    return true;
  }

  async function completed(ctx: StepContext<CreditPurchaseData>, result: CreditPurchaseResult) {
    await ctx.save({ state: 'completed', terminal: true, error: null, data: { failingSince: null, result } });
  }

  /** `POST /credits/purchases` with the job's key: the first send or a replay of it. */
  async function send(
    job: Job<CreditPurchaseData>,
    ctx: StepContext<CreditPurchaseData>,
    resume: ResumeState,
  ) {
    let purchase;
    try {
      purchase = await (
        await deps.api()
      ).purchaseCredits({ planCode: job.data.planCode, idempotencyKey: job.data.idempotencyKey });
    } catch (error) {
      const handling = handleFailure(error, job.attempts);
      if (handling.kind === 'sign_in') return waitForSignIn(job, ctx, 'sign_in_again', resume);
      if (resume === 'submitting' && handling.kind === 'stop' && !mayHaveBeenTaken(error)) {
        // A documented refusal (balance too low, plan off): nothing was taken.
        return fail(ctx, 'refused', error);
      }
      if (resume === 'submitting' && !mayHaveBeenTaken(error)) {
        // Rate limited before it was taken: the same send again later.
        const afterMs = handling.kind === 'retry' ? handling.afterMs : LONG_RECONCILE_MS;
        const message = deps.message('service_unavailable', { error });
        await ctx.save(retryLaterPatch(job, ctx.now(), afterMs, message));
        return;
      }
      return reconcile(job, ctx, error);
    }
    if (purchase.pending) {
      // 2aml is still buying it under this key: ask again with the same key.
      return unknown(job, ctx, 5_000);
    }
    await completed(ctx, {
      purchasedCredits: purchase.purchasedCredits,
      creditsBalance: purchase.amlCreditsBalance,
      finalPriceSun: purchase.pricing.finalPriceSun.toString(),
      walletAvailableSun: purchase.walletAvailableBalanceSun.toString(),
      expiresAt: purchase.expiresAt ?? null,
      referralDiscountApplied: purchase.pricing.referralDiscountApplied ?? false,
      fromHistory: false,
    });
  }

  /** The replay did not say: look for the purchase in the credit history since the job was sent. */
  async function reconcile(
    job: Job<CreditPurchaseData>,
    ctx: StepContext<CreditPurchaseData>,
    cause: unknown,
  ) {
    const handling = handleFailure(cause, job.attempts);
    const afterMs = handling.kind === 'retry' ? handling.afterMs : LONG_RECONCILE_MS;
    let rows;
    try {
      rows = (await (await deps.api()).creditHistory({ page: 1, limit: HISTORY_ROWS, type: 'purchase' }))
        .data;
    } catch (error) {
      if (handleFailure(error, job.attempts).kind === 'sign_in')
        return waitForSignIn(job, ctx, 'sign_in_again', 'unknown');
      return unknown(job, ctx, afterMs);
    }
    const since = (job.data.submittedAt ?? job.createdAt) - HISTORY_SLACK_MS;
    const mine = rows
      .filter(
        (row) =>
          row.type === 'purchase' &&
          row.planCode === job.data.planCode &&
          row.credits === job.data.credits &&
          Date.parse(row.createdAt) >= since,
      )
      .at(-1);
    if (mine) {
      // Found in the history, which tells what was bought but not the balances after it.
      await completed(ctx, {
        purchasedCredits: mine.credits,
        creditsBalance: 0,
        finalPriceSun: mine.amountSun.toString(),
        walletAvailableSun: '0',
        expiresAt: null,
        referralDiscountApplied: false,
        fromHistory: true,
      });
      return;
    }
    if (handling.kind === 'stop' && !(cause instanceof ServiceError && mayHaveBeenTaken(cause))) {
      // 2aml refused the replay in words and lists no such purchase: nothing was bought.
      return fail(ctx, 'refused', cause);
    }
    await unknown(job, ctx, afterMs);
  }

  async function step(job: Job<CreditPurchaseData>, ctx: StepContext<CreditPurchaseData>) {
    if (job.state === 'unknown') {
      if (await needsSignIn(job, ctx, 'unknown')) return;
      return send(job, ctx, 'unknown');
    }
    if (job.state === 'waiting_sign_in' && job.data.resumeState === 'unknown') {
      if (await needsSignIn(job, ctx, 'unknown')) return;
      await ctx.save({ state: 'unknown', nextRunAt: ctx.now(), attempts: 0, data: { failingSince: null } });
      return;
    }
    if (job.state === 'created' || job.state === 'submitting' || job.state === 'waiting_sign_in') {
      if (await needsSignIn(job, ctx, 'submitting')) return;
      // Write-ahead: from here on the pack may have been bought, so it is never cancelled or re-keyed.
      const saved =
        job.state === 'submitting'
          ? job
          : await ctx.save({
              state: 'submitting',
              error: null,
              data: { submittedAt: job.data.submittedAt ?? ctx.now() },
            });
      return send(saved, ctx, 'submitting');
    }
    await fail(ctx, 'refused');
  }

  return {
    kind: CREDIT_PURCHASE_KIND,
    dataSchema: creditPurchaseDataSchema as z.ZodType<CreditPurchaseData>,
    async step(job, ctx) {
      const run = async () => {
        const stored = await deps.storedState?.(job.id);
        // Stopped (or moved on) since the runner read it: this copy is stale.
        if (stored && (stored.terminal || stored.state !== job.state)) return;
        await step(job, ctx);
      };
      await (deps.lock ? deps.lock.step(job.id, run) : run());
    },
  };
}
