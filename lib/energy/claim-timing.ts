/**
 * How long the `nrg-claim` job waits, watches and retries: the windows after which it gives up, the
 * guards written while a request is in flight, and the backoff schedules between attempts.
 */

/** After this long without a payment on the chain, a request that ended without a txid moved nothing. */
export const PAYMENT_WINDOW_MS = 3 * 60_000;
/**
 * `payment_verification_failed` is retried (seeds/001: most often "not indexed yet, wait and retry")
 * for at most 75 s and 20 claims in a row, whichever comes first.
 */
export const NOT_INDEXED_RETRY_MS = 75_000;
export const NOT_INDEXED_MAX_ATTEMPTS = 20;
/**
 * Transient claim failures (429, 5xx, a lost or unreadable answer) are retried for at most 60 minutes
 * and 30 claims in a row, whichever comes first; a `Retry-After` counts up to lib/jobs/retry.ts's cap.
 * The claim is keyed by the payment's hash, so no repeat can delegate twice.
 */
export const TRANSIENT_RETRY_MS = 60 * 60_000;
export const TRANSIENT_MAX_ATTEMPTS = 30;
/** Local and chain clocks differ a little; a payment this much "before" the job still counts. */
export const CHAIN_CLOCK_SLACK_MS = 60_000;
/** How long the chain is searched for our delegation after `hash_already_used` (a block or a few). */
export const ALREADY_USED_SEARCH_MS = 30_000;
/** How long a provider may take to appear in a tab that is still loading. */
export const WAIT_FOR_PROVIDER_MS = 4_000;
/**
 * Due times written while a request is in flight (a claim may take three 15 s attempts; opening a
 * TronScan tab takes a while too). A live worker never steps a job twice at once, so they matter only
 * after the worker died mid-request; the background then resumes such jobs at its next start.
 */
export const CLAIM_IN_FLIGHT_GUARD_MS = 60_000;
export const START_IN_FLIGHT_GUARD_MS = 30_000;

export const NOT_INDEXED_DELAYS_MS = [250, 500, 1_000, 2_000, 3_000];
export const TRANSIENT_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000];
export const WATCH_DELAYS_MS = [3_000, 5_000, 10_000, 20_000, 30_000];
export const PROPAGATION_RECHECK_MS = 1_000;
/** How long the relay must stay silent about a signing request before its answer counts as lost. */
export const RELAY_SILENCE_MS = 6_000;

/** The delay for the `attempt`-th retry (0-based): the schedule's last entry once it runs out. */
export const backoff = (delays: number[], attempt: number) => delays[Math.min(attempt, delays.length - 1)]!;

/** The watch interval while a TronLink prompt is open, growing the longer it stays open. */
export function watchDelay(openForMs: number): number {
  return backoff(WATCH_DELAYS_MS, Math.floor(openForMs / 30_000));
}
