/**
 * How long a job waits before asking a service again. A service's `Retry-After` is honoured, but
 * only up to a cap: an answer (or a proxy, or a hostile network) must never park a paid job for a
 * day, and a huge value is read as "the cap", not as "forever".
 */

/** The longest `Retry-After` a job honours: five minutes. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** The wait before the next attempt: the job's own backoff, or the service's ask up to the cap. */
export function retryDelayMs(backoffMs: number, retryAfterMs?: number): number {
  const asked =
    retryAfterMs === undefined || Number.isNaN(retryAfterMs) || retryAfterMs < 0
      ? 0
      : Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  return Math.max(backoffMs, asked);
}
