/**
 * The `aml-check` job: one paid 2aml Wallet AML Check (seeds/003 §16–18), run once whatever happens to
 * the page that asked or to the worker.
 *
 * created {idempotencyKey} → submitting → processing {checkId?} → completed | failed | expired;
 * submitting → unknown (the answer was lost, stalled or unreadable: it may have been charged) →
 * processing | completed | failed; any of these → waiting_sign_in on a 401, back where it was once
 * the same account signs in again at the same 2aml origin; cancelled only from there or before
 * anything was sent.
 *
 * The key is stored with the job before `POST /checks` is ever sent, and every retry sends the same
 * key, so a lost answer can never pay twice. A `processing` check is followed by replaying
 * `POST /checks` with that key (2aml answers with the stored result), never by `GET /checks/:id`
 * before it completed; a 404 there means "not yet". An unknown outcome is reconciled by the replay
 * and by the request history (`GET /checks`), never reported as a refusal. A completed check goes to
 * the badge cache before the job says so.
 */
import { z } from 'zod';
import type { AmlApi } from './api';
import { REPORT_LANGUAGES, REQUEST_BILLING_MODES, type CheckResult, type CreatedCheck } from './api-schemas';
import { ServiceError } from '../http';
import type { JobLock } from './job-lock';
import { tronAddress } from '../api/common-schemas';
import {
  handleFailure,
  LONG_RECONCILE_MS,
  outcomeUnknownPatch,
  pollDelayMs,
  retryLaterPatch,
} from './job-policy';
import { TRON_NETWORK } from './check-views';
import type { Job, JobKind, StepContext } from '../jobs/runner';

export const AML_CHECK_KIND = 'aml-check';
export const AML_CHECK_STATES = [
  'created',
  'submitting',
  'processing',
  'unknown',
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
  /** Null only when 2aml answered "completed" without one: no JSON result or report to open then. */
  checkId: z.number().int().nullable(),
  score: z.number(),
  level: z.string(),
  flagged: z.boolean(),
  tags: z.array(z.string()),
  checkedAt: z.string(),
  servedFromCache: z.boolean().nullable(),
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
  /** The 2aml origin the check is sent to: it is never followed to another (older jobs: absent). */
  serviceOrigin: z.string().optional(),
  /** When `POST /checks` was first sent (null: never). */
  submittedAt: z.number().nullable().default(null),
  /** Where a job that waits for a sign-in goes back to. */
  resumeState: z.enum(['submitting', 'processing', 'unknown']).nullable().default(null),
  checkId: z.number().int().nullable().default(null),
  /** First failure of the current run of failures (null: last call succeeded). */
  failingSince: z.number().nullable().default(null),
  result: amlCheckResultSchema.nullable().default(null),
});
export type AmlCheckData = z.output<typeof amlCheckDataSchema>;
export type AmlCheckDataInput = z.input<typeof amlCheckDataSchema>;

export type AmlCheckErrorCode =
  | 'check_failed'
  | 'check_expired'
  | 'sign_in_again'
  | 'other_account'
  | 'address_changed'
  | 'outcome_unknown'
  | 'service_unavailable'
  | 'refused';

type ResumeState = 'submitting' | 'processing' | 'unknown';

export interface AmlCheckDeps {
  /** The Wallet AML Check endpoints with the session's credentials. */
  api(): Promise<Pick<AmlApi, 'createCheck' | 'getCheck' | 'listChecks'>>;
  /** The signed-in account's id, or null when signed out. */
  signedInUserId(): Promise<number | null>;
  /** The 2aml origin the session's token belongs to (null: signed out); a job goes nowhere else. */
  signedInOrigin?(): Promise<string | null>;
  /** The job as stored now: a step that read it before a cancel must not act on the old copy. */
  storedState?(id: string): Promise<{ state: string; terminal: boolean } | undefined>;
  /** Runs a step alone against a cancel of the same job (lib/aml/job-lock.ts). */
  lock?: Pick<JobLock, 'step'>;
  /** Records a completed check (badge cache, known addresses) before the job says so; must be idempotent. */
  onCompleted(job: Job<AmlCheckData>, result: AmlCheckResult, address: string): Promise<void>;
  /** Runs once the job is stored as completed (the notification with the result). */
  afterCompleted?(job: Job<AmlCheckData>, result: AmlCheckResult): void;
  /** Readable text for a job error; `refused` gets the service's own description. */
  message(code: AmlCheckErrorCode, detail?: { email?: string; error?: unknown }): string;
}

/** How far before `submittedAt` a history row may be dated and still be this job's (clock skew). */
const HISTORY_SLACK_MS = 5 * 60_000;
/** How many history rows are read to find this job's request. */
const HISTORY_ROWS = 50;

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

  async function waitForSignIn(
    job: Job<AmlCheckData>,
    ctx: StepContext<AmlCheckData>,
    code: AmlCheckErrorCode,
    resumeState: ResumeState,
  ) {
    await ctx.save({
      state: 'waiting_sign_in',
      nextRunAt: null,
      data: { resumeState },
      error: { code, message: deps.message(code, { email: job.data.email }) },
    });
  }

  /** The outcome may have been charged: keep the key, say so, and reconcile it from 2aml. */
  async function unknown(job: Job<AmlCheckData>, ctx: StepContext<AmlCheckData>, afterMs: number) {
    await ctx.save(outcomeUnknownPatch(job, ctx.now(), afterMs, deps.message('outcome_unknown')));
  }

  /** Failure of a call about a check that may have been sent: sign in, reconcile, or stop. */
  async function failed(
    job: Job<AmlCheckData>,
    ctx: StepContext<AmlCheckData>,
    error: unknown,
    resumeState: ResumeState,
  ) {
    const handling = handleFailure(error, job.attempts);
    if (handling.kind === 'sign_in') return waitForSignIn(job, ctx, 'sign_in_again', resumeState);
    if (handling.kind === 'stop' && resumeState === 'submitting') {
      // A documented refusal of the first send (no credits, billing mode off, bad input): nothing was taken.
      return fail(ctx, 'failed', 'refused', { error });
    }
    const afterMs = handling.kind === 'retry' ? handling.afterMs : LONG_RECONCILE_MS;
    const refusedBeforeTaken = resumeState === 'submitting' && !mayHaveBeenTaken(error);
    // Refused before it was taken (a rate limit), or a check already accepted that 2aml could not
    // report on just now: the same call again later, nothing to reconcile.
    if (refusedBeforeTaken || (resumeState === 'processing' && handling.kind === 'retry')) {
      const message = deps.message('service_unavailable', { error });
      await ctx.save(retryLaterPatch(job, ctx.now(), afterMs, message));
      return;
    }
    await unknown(job, ctx, afterMs);
  }

  async function complete(job: Job<AmlCheckData>, ctx: StepContext<AmlCheckData>, result: AmlCheckResult) {
    // The badge cache first: a worker that dies here repeats this step, and recording is idempotent.
    await deps.onCompleted(job, result, job.data.address);
    const done = await ctx.save({
      state: 'completed',
      terminal: true,
      error: null,
      data: { checkId: result.checkId, result, failingSince: null },
    });
    deps.afterCompleted?.(done, result);
  }

  /** What to do with an answer about this job's request (`POST /checks`, its replay, or a history row). */
  async function follow(
    job: Job<AmlCheckData>,
    ctx: StepContext<AmlCheckData>,
    answer: { status: string; checkId: number | null },
    completedWithoutId?: () => AmlCheckResult | null,
  ) {
    const since = job.data.submittedAt ?? job.createdAt;
    if (answer.status === 'failed') return fail(ctx, 'failed', 'check_failed');
    if (answer.status === 'expired') return fail(ctx, 'expired', 'check_expired');
    if (answer.status === 'completed' && answer.checkId === null) {
      const result = completedWithoutId?.() ?? null;
      if (result) return complete(job, ctx, result);
    }
    const completed = answer.status === 'completed' && answer.checkId !== null;
    // Completed: read the JSON result (it carries the tags) at once; processing: replay later.
    await ctx.save({
      state: 'processing',
      nextRunAt: completed ? ctx.now() : ctx.now() + pollDelayMs(ctx.now() - since),
      attempts: 0,
      error: null,
      data: { checkId: completed ? answer.checkId : null, failingSince: null },
    });
  }

  /** Waits for a sign-in as the account (and at the origin) that pays, if that is not the session now. */
  async function needsSignIn(job: Job<AmlCheckData>, ctx: StepContext<AmlCheckData>, resume: ResumeState) {
    const userId = await deps.signedInUserId();
    const origin = userId === null ? null : ((await deps.signedInOrigin?.()) ?? null);
    const wanted = job.data.serviceOrigin;
    if (userId === job.data.userId && (!wanted || origin === wanted)) return false;
    if (userId !== null && wanted && origin !== wanted && job.data.submittedAt === null) {
      // Never sent, and the person now uses another 2aml: what they confirmed was not for it.
      await fail(ctx, 'failed', 'address_changed');
      return true;
    }
    const code: AmlCheckErrorCode =
      userId === null ? 'sign_in_again' : wanted && origin !== wanted ? 'address_changed' : 'other_account';
    await waitForSignIn(job, ctx, code, resume);
    return true;
  }

  function request(job: Job<AmlCheckData>) {
    return {
      targetWallet: job.data.address,
      targetNetwork: TRON_NETWORK,
      billingMode: job.data.billingMode,
      reportLanguage: job.data.reportLanguage,
      idempotencyKey: job.data.idempotencyKey,
    };
  }

  /** `POST /checks` with the job's key: the first send, or a replay that returns the stored result. */
  async function send(job: Job<AmlCheckData>, ctx: StepContext<AmlCheckData>, resume: ResumeState) {
    let answer: CreatedCheck;
    try {
      answer = await (await deps.api()).createCheck(request(job));
    } catch (error) {
      if (resume === 'unknown' || (resume === 'submitting' && mayHaveBeenTaken(error) && isUnreadable(error)))
        return reconcile(job, ctx, error);
      return failed(job, ctx, error, resume);
    }
    if (answer.targetWallet !== undefined && answer.targetWallet !== job.data.address) {
      // An answer about another address is no answer about this one: find this job's request instead.
      return reconcile(job, ctx, new Error('the answer names another address'));
    }
    await follow(job, ctx, answer, () => resultFromAnswer(answer, ctx.now()));
  }

  async function submit(job: Job<AmlCheckData>, ctx: StepContext<AmlCheckData>) {
    if (await needsSignIn(job, ctx, 'submitting')) return;
    // Write-ahead: from here on the check may have been paid, so it is never cancelled or re-keyed.
    const saved =
      job.state === 'submitting'
        ? job
        : await ctx.save({ state: 'submitting', data: { submittedAt: job.data.submittedAt ?? ctx.now() } });
    await send(saved, ctx, 'submitting');
  }

  /**
   * An outcome 2aml did not state readably: the replay failed too, so look for this job's request in
   * the history (same address, sent since the job was). Found: follow it; not found after a readable
   * refusal: nothing was taken; otherwise keep asking.
   */
  async function reconcile(job: Job<AmlCheckData>, ctx: StepContext<AmlCheckData>, cause: unknown) {
    const handling = handleFailure(cause, job.attempts);
    if (handling.kind === 'sign_in') return waitForSignIn(job, ctx, 'sign_in_again', 'unknown');
    let rows;
    try {
      rows = (await (await deps.api()).listChecks({ page: 1, limit: HISTORY_ROWS })).data;
    } catch (error) {
      if (handleFailure(error, job.attempts).kind === 'sign_in')
        return waitForSignIn(job, ctx, 'sign_in_again', 'unknown');
      return unknown(job, ctx, handling.kind === 'retry' ? handling.afterMs : LONG_RECONCILE_MS);
    }
    const since = (job.data.submittedAt ?? job.createdAt) - HISTORY_SLACK_MS;
    // Newest first: the earliest request for this address since the job was sent is this job's.
    const mine = rows
      .filter((row) => row.targetWallet === job.data.address && Date.parse(row.createdAt) >= since)
      .at(-1);
    if (mine) return follow(job, ctx, mine);
    if (handling.kind === 'stop') {
      // 2aml refused the replay in words and lists no such request: nothing was charged.
      return fail(ctx, 'failed', 'refused', { error: cause });
    }
    await unknown(job, ctx, handling.kind === 'retry' ? handling.afterMs : LONG_RECONCILE_MS);
  }

  async function poll(job: Job<AmlCheckData>, ctx: StepContext<AmlCheckData>) {
    if (await needsSignIn(job, ctx, 'processing')) return;
    // No result id yet: the replay of the same request says where it stands (the docs promise the
    // stored result), not `GET /checks/:id`, which is for completed checks only.
    if (job.data.checkId === null) return send(job, ctx, 'processing');
    let check;
    try {
      check = await (await deps.api()).getCheck(job.data.checkId);
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'not_found') {
        // Not there yet: ask the request itself again later.
        await ctx.save({
          nextRunAt: ctx.now() + pollDelayMs(ctx.now() - (job.data.submittedAt ?? job.createdAt)),
          data: { checkId: null },
        });
        return;
      }
      return failed(job, ctx, error, 'processing');
    }
    if (check.status !== 'completed') return follow(job, ctx, { status: check.status, checkId: null });
    const result = resultOf(check, ctx.now());
    if (!result) return fail(ctx, 'failed', 'check_failed');
    await complete(job, ctx, result);
  }

  async function step(job: Job<AmlCheckData>, ctx: StepContext<AmlCheckData>) {
    switch (job.state as AmlCheckState) {
      case 'created':
      case 'submitting':
        return submit(job, ctx);
      case 'processing':
        return poll(job, ctx);
      case 'unknown':
        if (await needsSignIn(job, ctx, 'unknown')) return;
        return send(job, ctx, 'unknown');
      case 'waiting_sign_in': {
        // Woken by a sign-in: go back where the job was, under the paying account only.
        const resume = job.data.resumeState ?? (job.data.checkId === null ? 'submitting' : 'processing');
        if (await needsSignIn(job, ctx, resume)) return;
        await ctx.save({
          state: resume,
          nextRunAt: ctx.now(),
          attempts: 0,
          error:
            resume === 'unknown'
              ? { code: 'outcome_unknown', message: deps.message('outcome_unknown') }
              : null,
          data: { failingSince: null },
        });
        return;
      }
      default:
        // A terminal state is never stepped; anything else is a corrupt record.
        await fail(ctx, 'failed', 'check_failed');
    }
  }

  return {
    kind: AML_CHECK_KIND,
    dataSchema: amlCheckDataSchema as z.ZodType<AmlCheckData>,
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

/** True when a failed call may still have been carried out by 2aml (its answer was lost or unreadable). */
export function mayHaveBeenTaken(error: unknown): boolean {
  if (!(error instanceof ServiceError)) return true;
  if (error.status === 429) return false;
  return error.status === 0 || error.status >= 500 || error.status === 409 || isUnreadable(error);
}

/** An answer that arrived but could not be read (not JSON, or not the documented shape). */
function isUnreadable(error: unknown): boolean {
  return (
    error instanceof ServiceError &&
    (error.code === 'malformed_response' || error.code === 'unexpected_response')
  );
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
    servedFromCache: check.servedFromCache ?? null,
    billingMode: check.billingMode ?? null,
    chargedSun:
      check.chargedAmountSun === null || check.chargedAmountSun === undefined
        ? null
        : check.chargedAmountSun.toString(),
    consumedCredits: check.consumedCreditCount ?? null,
  };
}

/**
 * A completed answer to `POST /checks` that names no `checkId` (so no JSON result to read): its own
 * verdict, without tags. Null when it carries no verdict either.
 */
function resultFromAnswer(answer: CreatedCheck, now: number): AmlCheckResult | null {
  if (answer.amlScore === null || answer.amlScore === undefined || !answer.riskLevel) return null;
  return {
    checkId: null,
    score: answer.amlScore,
    level: answer.riskLevel,
    flagged: answer.isFlagged ?? false,
    tags: [],
    checkedAt: answer.checkedAt ?? new Date(now).toISOString(),
    servedFromCache: answer.servedFromCache ?? null,
    billingMode: answer.billingMode ?? null,
    chargedSun:
      answer.chargedAmountSun === null || answer.chargedAmountSun === undefined
        ? null
        : answer.chargedAmountSun.toString(),
    consumedCredits: answer.consumedCreditCount ?? null,
  };
}

/**
 * True when the user may stop a check: before anything was sent, or while it waits for a sign-in (a
 * check already sent then stays in 2aml's history, where it can be read after signing in).
 */
export function isCancellableCheck(state: string): boolean {
  return state === 'created' || state === 'waiting_sign_in';
}
