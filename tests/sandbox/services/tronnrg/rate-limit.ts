/** TronNRG's documented limit: 20 requests per second per client IP, in one-second windows. */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export const REQUESTS_PER_SECOND = 20;

/**
 * The caller's IP: the first `X-Forwarded-For` hop (as behind the production proxy, and so a test can
 * act as several clients), else the socket's address when the server passes Node's bindings. Without
 * either, every caller shares one bucket, which on the loopback-only sandbox is one IP anyway.
 */
export function clientIp(c: Context): string {
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'loopback';
  } catch {
    return 'loopback';
  }
}

/** Counts requests per key in fixed one-second windows of `now()`. */
export function createPerSecondLimiter(now: () => number, limit = REQUESTS_PER_SECOND) {
  const windows = new Map<string, { second: number; count: number }>();
  return {
    /** Counts one request for `key`; false when it is over the limit for the current second. */
    allow(key: string): boolean {
      const second = Math.floor(now() / 1000);
      const window = windows.get(key);
      if (!window || window.second !== second) {
        windows.set(key, { second, count: 1 });
        return true;
      }
      window.count += 1;
      return window.count <= limit;
    },
    reset(): void {
      windows.clear();
    },
  };
}

export type PerSecondLimiter = ReturnType<typeof createPerSecondLimiter>;
