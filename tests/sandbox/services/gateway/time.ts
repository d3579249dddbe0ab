/** The gateway writes timestamps with microseconds, as Laravel does: "2024-01-15T10:25:00.000000Z". */

/** `ms` as "YYYY-MM-DDTHH:MM:SS.ffffffZ". */
export function gatewayTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Like `gatewayTime`, or null when there is no time. */
export function gatewayTimeOrNull(ms: number | null): string | null {
  return ms === null ? null : gatewayTime(ms);
}
