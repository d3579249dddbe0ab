/** TronNRG's documented limit: 20 requests per second per client IP, in one-second windows. */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export const REQUESTS_PER_SECOND = 20;

/** The caller's IP when served by Node; requests made in-process (`routes.request`) share one bucket. */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process';
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
