/**
 * What the paid 2aml jobs (`aml-check`, `credit-purchase`) do with a failure: wait for the user to
 * sign in again, try again later with the same idempotency key, or stop. Branches on codes only.
 */
import { ServiceError } from '../http';

/** A job gives up retrying a service that keeps failing after this long (then it reports the outage). */
export const GIVE_UP_AFTER_MS = 60 * 60_000;
const MAX_BACKOFF_MS = 60_000;
/** A `Retry-After` is honoured up to this long: a service cannot park a paid job for a day. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

export type FailureHandling =
  { kind: 'sign_in' } | { kind: 'retry'; afterMs: number } | { kind: 'stop'; code: string };

/**
 * How a job handles `error` on its `attempts`-th failure in a row. A request the service may have
 * taken (network, timeout, 5xx, 429, a 409 "same key in progress") is repeated with the same key,
 * which the service deduplicates; a refusal (no credits, bad input…) is final.
 */
export function handleFailure(error: unknown, attempts: number): FailureHandling {
  if (!(error instanceof ServiceError)) return { kind: 'stop', code: 'unknown' };
  if (error.service === '2aml' && error.status === 401 && error.code !== 'invalid_credentials') {
    return { kind: 'sign_in' };
  }
  const repeatable =
    error.transient ||
    error.code === 'idempotency_in_progress' ||
    error.code === 'server_error' ||
    error.code === 'malformed_response' ||
    error.code === 'unexpected_response' ||
    error.code === 'http_error';
  if (!repeatable) return { kind: 'stop', code: error.code };
  const backoff = Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** Math.min(attempts, 10));
  const asked = Math.min(error.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
  return { kind: 'retry', afterMs: Math.max(asked, backoff) };
}

/** How long a paid job waits when a failure names no delay of its own (and, past an hour, at least). */
export const LONG_RECONCILE_MS = 10 * 60_000;

/** What the patches below need of a paid job: how many failures in a row, and since when. */
interface FailingJob {
  attempts: number;
  data: { failingSince: number | null };
}

/**
 * The patch for a paid request that may or may not have been taken: keep the key and ask 2aml again
 * later. Past the first hour 2aml is asked less often, but the job never calls the request refused.
 */
export function outcomeUnknownPatch(job: FailingJob, now: number, afterMs: number, message: string) {
  const failingSince = job.data.failingSince ?? now;
  const wait = now - failingSince > GIVE_UP_AFTER_MS ? Math.max(afterMs, LONG_RECONCILE_MS) : afterMs;
  return {
    state: 'unknown' as const,
    attempts: job.attempts + 1,
    nextRunAt: now + wait,
    data: { failingSince },
    error: { code: 'outcome_unknown', message },
  };
}

/** The patch for the same request again later, in the state the job is in (nothing to reconcile). */
export function retryLaterPatch(job: FailingJob, now: number, afterMs: number, message: string) {
  return {
    attempts: job.attempts + 1,
    nextRunAt: now + afterMs,
    data: { failingSince: job.data.failingSince ?? now },
    error: { code: 'retrying', message },
  };
}

/** How long to wait before asking again about a check that is still `processing`. */
export function pollDelayMs(sinceSubmitMs: number): number {
  if (sinceSubmitMs < 60_000) return 3_000;
  if (sinceSubmitMs < 10 * 60_000) return 15_000;
  return 60_000;
}

/** A fresh idempotency key for one paid request (`ampere-<purpose>-<uuid>`). */
export function newIdempotencyKey(purpose: 'check' | 'credits'): string {
  return `ampere-${purpose}-${crypto.randomUUID()}`;
}
