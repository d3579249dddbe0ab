/** Who is calling: the partner behind `X-API-Key` (or `?api_key=`), within 1,000 requests a minute. */
import type { Context } from 'hono';
import { GatewayError } from './errors';
import type { GatewayState, Partner } from './state';

export const REQUESTS_PER_MINUTE = 1_000;
const WINDOW_MS = 60_000;

/** Counts each key's requests in fixed one-minute windows of `now()`. */
export function createMinuteLimiter(now: () => number, limit = REQUESTS_PER_MINUTE) {
  const windows = new Map<string, { startMs: number; count: number }>();
  return {
    /** Counts one request; throws API_LIMIT_EXCEEDED (with Retry-After) past the limit. */
    take(key: string): void {
      const nowMs = now();
      let window = windows.get(key);
      if (!window || nowMs - window.startMs >= WINDOW_MS) {
        window = { startMs: nowMs, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count > limit) {
        const retryAfter = Math.max(1, Math.ceil((window.startMs + WINDOW_MS - nowMs) / 1000));
        throw new GatewayError(
          'API_LIMIT_EXCEEDED',
          `API rate limit exceeded: ${limit} requests per minute per API key.`,
          { limit, retry_after: retryAfter },
          { 'retry-after': String(retryAfter) },
        );
      }
    },
    reset(): void {
      windows.clear();
    },
  };
}

export type MinuteLimiter = ReturnType<typeof createMinuteLimiter>;

/**
 * The calling partner. The contract documents no authentication error, so a missing or unknown key
 * and a suspended account are PARTNER_ERROR (400, "partner-related"), told apart by `details.reason`.
 */
export function callingPartner(c: Context, state: GatewayState): Partner {
  const key = c.req.header('x-api-key') ?? c.req.query('api_key');
  const partner = key ? state.partners.find((p) => p.apiKey === key) : undefined;
  if (!partner) {
    throw new GatewayError(
      'PARTNER_ERROR',
      key
        ? 'Invalid API key.'
        : 'API key is required: send the X-API-Key header or the api_key query parameter.',
      { reason: key ? 'invalid_api_key' : 'missing_api_key' },
    );
  }
  if (partner.status !== 'active') {
    throw new GatewayError('PARTNER_ERROR', 'Partner account is suspended.', { reason: 'partner_suspended' });
  }
  return partner;
}
