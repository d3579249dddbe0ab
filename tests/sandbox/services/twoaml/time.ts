/** Sandbox-clock time helpers: every timestamp the 2aml API returns is ISO 8601 on the world clock. */

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** ISO 8601 for a millisecond timestamp, or null for a missing one. */
export function isoOrNull(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

/** ISO 8601 for a millisecond timestamp. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
