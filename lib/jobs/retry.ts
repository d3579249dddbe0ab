/**
 * How long a job waits before asking a service again. A service's `Retry-After` is honoured, but
 * only up to a cap: an answer (or a proxy, or a hostile network) must never park a paid job for a
 * day, and a huge value is read as "the cap", not as "forever".
 */
import { ServiceError } from '../http';

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

/**
 * Delays between asks about a placed order while a page watches it: soon after it is placed, then
 * less often (seconds apart; the worker is alive because the page's port keeps it so).
 */
const ORDER_POLL_DELAYS_MS = [3_000, 3_000, 5_000, 10_000, 30_000];
/**
 * The same while nobody watches: minutes apart. The end still raises a notification, a minute or
 * so later, and an idle browser is not woken every few seconds (alarms fire 30 s apart at best).
 */
const UNWATCHED_ORDER_POLL_DELAYS_MS = [60_000, 60_000, 120_000, 300_000];

/** How long an order job keeps asking a service it cannot reach before it gives up asking. */
export const ORDER_GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

/**
 * The wait before asking about an order again after `polls` asks (a `Retry-After` up to the cap):
 * seconds apart while `watched` (a page shows the jobs), minutes apart otherwise.
 */
export function orderPollDelayMs(polls: number, retryAfterMs?: number, watched = true): number {
  const delays = watched ? ORDER_POLL_DELAYS_MS : UNWATCHED_ORDER_POLL_DELAYS_MS;
  const backoff = delays[Math.min(Math.max(0, polls), delays.length - 1)]!;
  return retryDelayMs(backoff, retryAfterMs);
}

/**
 * When to ask about an order again, from now: its backoff after `polls` asks, or the `Retry-After`
 * of the failure that made it wait (up to the cap); seconds apart while a page watches.
 */
export function nextOrderPollAt(
  polls: number,
  context: { now(): number; watched(): boolean },
  error?: unknown,
): number {
  const retryAfterMs = error instanceof ServiceError ? error.retryAfterMs : undefined;
  return context.now() + orderPollDelayMs(polls, retryAfterMs, context.watched());
}

/**
 * What an order job saves when asking about its order failed and it will ask again: one poll more,
 * the next ask after its backoff (or the failure's `Retry-After`), and the failure's code and text.
 */
export function orderPollFailed(
  polls: number,
  context: { now(): number; watched(): boolean },
  error: unknown,
  message: (code: string) => string,
) {
  const code = error instanceof ServiceError ? error.code : 'unknown';
  return {
    data: { polls: polls + 1 },
    nextRunAt: nextOrderPollAt(polls, context, error),
    error: { code, message: message(code) },
  };
}
