// A marker no real string value contains; bigints become bare JSON numbers after stringify.
const BIGINT_MARK = '\u{10FFFF}bigint:';
const BIGINT_PATTERN = new RegExp(`"${BIGINT_MARK}(-?\\d+)"`, 'gu');

export interface BigintJsonOptions {
  /** Write bigints as strings, as a TRON node does for `int64_as_string=true`. */
  bigintAsString?: boolean;
}

/** JSON text in which `bigint` values are written as plain numbers, as a TRON node writes int64. */
export function stringifyWithBigints(value: unknown, options: BigintJsonOptions = {}): string {
  if (options.bigintAsString) {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint' ? `${BIGINT_MARK}${v.toString()}` : v,
  );
  return text.replace(BIGINT_PATTERN, '$1');
}

/** A JSON response whose bigints are written as numbers (Hono's `c.json` cannot serialise them). */
export function jsonResponse(
  value: unknown,
  init: { status?: number; headers?: Record<string, string> } & BigintJsonOptions = {},
): Response {
  return new Response(stringifyWithBigints(value, init), {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json; charset=utf-8', ...init.headers },
  });
}
