/**
 * The `aml-check` job: one paid 2aml Wallet AML Check (seeds/003 §16–18), run once whatever happens to
 * the page that asked or to the worker.
 *
 * created {idempotencyKey} → submitting → processing {checkId} → completed | failed | expired
 * (any of the first three → waiting_sign_in on a 401, back where it was once the same account signs
 * in again; cancelled only from there or before anything was sent).
 *
 * The key is stored with the job before `POST /checks` is ever sent, and every retry sends the same
 * key, so a lost answer can never pay twice. A `processing` check is polled with `GET /checks/:id`
 * until it is terminal; a completed one goes to the badge cache before the job says so.
 */
import { z } from 'zod';
import type { AmlApi } from './api';
import { REPORT_LANGUAGES, REQUEST_BILLING_MODES, type CheckResult } from './api-schemas';
import { tronAddress } from '../api/common-schemas';
import { GIVE_UP_AFTER_MS, handleFailure, pollDelayMs } from './job-policy';
import { TRON_NETWORK } from './check-views';
import type { Job, JobKind, StepContext } from '../jobs/runner';

export const AML_CHECK_KIND = 'aml-check';
export const AML_CHECK_STATES = [
  'created',
  'submitting',
  'processing',
  'waiting_sign_in',
  'completed',
  'failed',
  'expired',
  'cancelled',
] as const;
export type AmlCheckState = (typeof AML_CHECK_STATES)[number];

const sunText = z.string().regex(/^\d{1,19}$/);

/** What the user confirmed before the job was created. */
export const confirmedCostSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('credit'), credits: z.literal(1) }),
  z.object({ kind: z.literal('trx'), sun: sunText }),
]);

export const amlCheckResultSchema = z.object({
  checkId: z.number().int(),
  score: z.number(),
  level: z.string(),
  flagged: z.boolean(),
  tags: z.array(z.string()),
  checkedAt: z.string(),
  servedFromCache: z.boolean(),
  billingMode: z.string().nullable(),
  chargedSun: sunText.nullable(),
  consumedCredits: z.number().int().nullable(),
});
export type AmlCheckResult = z.output<typeof amlCheckResultSchema>;

export const amlCheckDataSchema = z.object({
  address: tronAddress,
  billingMode: z.enum(REQUEST_BILLING_MODES),
  reportLanguage: z.enum(REPORT_LANGUAGES),
  idempotencyKey: z.string().min(1).max(128),
  /** The 2aml account the check is paid by: it resumes only under that account. */
  userId: z.number().int(),
  email: z.string(),
  /** Where the user confirmed it: the popup, the confirmation page, or a context-menu confirmation. */
  origin: z.enum(['popup', 'confirmation']),
  cost: confirmedCostSchema,
  startedAt: z.number(),
  /** When `POST /checks` was first sent (null: never). */
  submittedAt: z.number().nullable().default(null),
  /** Where a job that waits for a sign-in goes back to. */
  resumeState: z.enum(['submitting', 'processing']).nullable().default(null),
  checkId: z.number().int().nullable().default(null),
  /** First failure of the current run of failures (null: last call succeeded). */
  failingSince: z.number().nullable().default(null),
  result: amlCheckResultSchema.nullable().default(null),
});
export type AmlCheckData = z.output<typeof amlCheckDataSchema>;
export type AmlCheckDataInput = z.input<typeof amlCheckDataSchema>;

export type AmlCheckErrorCode =
  'check_failed' | 'check_expired' | 'sign_in_again' | 'other_account' | 'service_unavailable' | 'refused';

export interface AmlCheckDeps {
  /** The Wallet AML Check endpoints with the session's credentials. */
  api(): Promise<Pick<AmlApi, 'createCheck' | 'getCheck'>>;
  /** The signed-in account's id, or null when signed out. */
  signedInUserId(): Promise<number | null>;
  /** Records a completed check (badge cache, known addresses) before the job says so; must be idempotent. */
  onCompleted(job: Job<AmlCheckData>, result: AmlCheckResult, address: string): Promise<void>;
  /** Runs once the job is stored as completed (the notification with the result). */
  afterCompleted?(job: Job<AmlCheckData>, result: AmlCheckResult): void;
  /** Readable text for a job error; `refused` gets the service's own description. */
  message(code: AmlCheckErrorCode, detail?: { email?: string; error?: unknown }): string;
}

/** The `aml-check` kind. */
export function createAmlCheckKind(deps: AmlCheckDeps): JobKind<AmlCheckData> {
  async function fail(
    ctx: StepContext<AmlCheckData>,
    state: 'failed' | 'expired',
    code: AmlCheckErrorCode,
    detail?: { error?: unknown; email?: string },
  ) {
    await ctx.save({ state, terminal: true, error: { code, message: deps.message(code, detail) } });
  }

  /** Failure of a call: wait for a sign-in, retry with the same key, or stop. */
  async function failed(
    job: Job<AmlCheckData>,
    ctx: StepContext<AmlCheckData>,
    error: unknown,
    resumeState: 'submitting' | 'processing',
  ) {
    const handling = handleFailure(error, job.attempts);
    if (handling.kind === 'sign_in') {
      await ctx.save({
        state: 'waiting_sign_in',
        nextRunAt: null,
        data: { resumeState },
        error: { code: 'sign_in_again', message: deps.message('sign_in_again', { email: job.data.email }) },
      });
      return;
    }
    if (handling.kind === 'stop') {
      // Nothing was taken: a refusal is final (no credits, billing mode off, bad input…).
      await fail(ctx, 'failed', 'refused', { error });
      return;
    }
    const failingSince = job.data.failingSince ?? ctx.now();
    if (ctx.now() - failingSince > GIVE_UP_AFTER_MS) {
      await fail(ctx, 'failed', 'service_unavailable', { error });
      return;
    }
    await ctx.save({
      attempts: job.attempts + 1,
      nextRunAt: ctx.now() + handling.afterMs,
      data: { failingSince },
      error: { code: 'retrying', message: deps.message('service_unavailable', { error }) },
    });
  }

  async function finish(job: Job<AmlCheckData>, ctx: StepContext<AmlCheckData>, check: CheckResult) {
    if (check.status === 'processing') {
      const since = job.data.submittedAt ?? job.createdAt;
      await ctx.save({
        state: 'processing',
        nextRunAt: ctx.now() + pollDelayMs(ctx.now() - since),
        attempts: 0,
        error: null,
        data: { checkId: check.checkId, failingSince: null },
      });
      return;
    }
    if (check.status === 'failed') return fail(ctx, 'failed', 'check_failed');
    if (check.status === 'expired') return fail(ctx, 'expired', 'check_expired');
    const result = resultOf(check, ctx.now());
    if (!result) return fail(ctx, 'failed', 'check_failed');
    // The badge cache first: a worker that dies here repeats this step, and recording is idempotent.
    await deps.onCompleted(job, result, job.data.address);
    const done = await ctx.save({
      state: 'completed',
      terminal: true,
      error: null,
      data: { checkId: check.checkId, result, failingSince: null },
    });
    deps.afterCompleted?.(done, result);
  }

  /** Waits for a sign-in as the account that pays, if it is not the one signed in now. */
  async function needsSignIn(
    job: Job<AmlCheckData>,
    ctx: StepContext<AmlCheckData>,
    resume: 'submitting' | 'processing',
  ) {
    const userId = await deps.signedInUserId();
    if (userId === job.data.userId) return false;
    const code: AmlCheckErrorCode = userId === null ? 'sign_in_again' : 'other_account';
    await ctx.save({
      state: 'waiting_sign_in',
      nextRunAt: null,
      data: { resumeState: resume },
      error: { code, message: deps.message(code, { email: job.data.email }) },
    });
    return true;
  }

  async function submit(job: Job<AmlCheckData>, ctx: StepContext<AmlCheckData>) {
    if (await needsSignIn(job, ctx, 'submitting')) return;
    // Write-ahead: from here on the check may have been paid, so it is never cancelled or re-keyed.
    const saved =
      job.state === 'submitting'
        ? job
        : await ctx.save({ state: 'submitting', data: { submittedAt: job.data.submittedAt ?? ctx.now() } });
    let check;
    try {
      check = await (
        await deps.api()
      ).createCheck({
        targetWallet: saved.data.address,
        targetNetwork: TRON_NETWORK,
        billingMode: saved.data.billingMode,
        reportLanguage: saved.data.reportLanguage,
        idempotencyKey: saved.data.idempotencyKey,
      });
    } catch (error) {
      await failed(saved, ctx, error, 'submitting');
      return;
    }
    // The JSON result carries the tags the badge shows; read it next, as for a processing check.
    await ctx.save({
      state: 'processing',
      nextRunAt: check.status === 'processing' ? ctx.now() + pollDelayMs(0) : ctx.now(),
      attempts: 0,
      error: null,
      data: { checkId: check.checkId, failingSince: null },
    });
  }

  async function poll(job: Job<AmlCheckData>, ctx: StepContext<AmlCheckData>) {
    if (job.data.checkId === null) {
      await ctx.save({ state: 'submitting', nextRunAt: ctx.now() });
      return;
    }
    if (await needsSignIn(job, ctx, 'processing')) return;
    let check;
    try {
      check = await (await deps.api()).getCheck(job.data.checkId);
    } catch (error) {
      await failed(job, ctx, error, 'processing');
      return;
    }
    await finish(job, ctx, check);
  }

  return {
    kind: AML_CHECK_KIND,
    dataSchema: amlCheckDataSchema as z.ZodType<AmlCheckData>,
    async step(job, ctx) {
      switch (job.state as AmlCheckState) {
        case 'created':
        case 'submitting':
          return submit(job, ctx);
        case 'processing':
          return poll(job, ctx);
        case 'waiting_sign_in': {
          // Woken by a sign-in: go back where the job was, under the paying account only.
          const resume = job.data.resumeState ?? (job.data.checkId === null ? 'submitting' : 'processing');
          if (await needsSignIn(job, ctx, resume)) return;
          await ctx.save({
            state: resume,
            nextRunAt: ctx.now(),
            attempts: 0,
            error: null,
            data: { failingSince: null },
          });
          return;
        }
        default:
          // A terminal state is never stepped; anything else is a corrupt record.
          await fail(ctx, 'failed', 'check_failed');
      }
    },
  };
}

/** The result kept for a completed check, or null when 2aml sent no verdict. */
function resultOf(check: CheckResult, now: number): AmlCheckResult | null {
  if (check.amlScore === null || check.amlScore === undefined || !check.riskLevel) return null;
  return {
    checkId: check.checkId,
    score: check.amlScore,
    level: check.riskLevel,
    flagged: check.isFlagged ?? false,
    tags: check.signals?.tags ?? [],
    checkedAt: check.checkedAt ?? check.completedAt ?? new Date(now).toISOString(),
    servedFromCache: check.servedFromCache,
    billingMode: check.billingMode ?? null,
    chargedSun:
      check.chargedAmountSun === null || check.chargedAmountSun === undefined
        ? null
        : check.chargedAmountSun.toString(),
    consumedCredits: check.consumedCreditCount ?? null,
  };
}

/**
 * True when the user may stop a check: before anything was sent, or while it waits for a sign-in (a
 * check already sent then stays in 2aml's history, where it can be read after signing in).
 */
export function isCancellableCheck(state: string): boolean {
  return state === 'created' || state === 'waiting_sign_in';
}
