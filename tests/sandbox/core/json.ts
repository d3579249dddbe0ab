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

/**
 * JSON.parse that keeps integers beyond 2^53 exact: such literals arrive as decimal strings (which
 * every int64 schema of the sandbox accepts) instead of silently rounded numbers.
 */
export function parseJsonKeepingBigIntegers(text: string): unknown {
  let out = '';
  let inString = false;
  // A number starts only after these (or at the start): digits after a '.' or 'e' are not a new number.
  let numberMayStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (numberMayStart && (ch === '-' || (ch >= '0' && ch <= '9'))) {
      const integer = /^-?\d+(?![.eE\d])/.exec(text.slice(i, i + 40));
      if (integer && !Number.isSafeInteger(Number(integer[0]))) {
        out += `"${integer[0]}"`;
        i += integer[0].length - 1;
        numberMayStart = false;
        continue;
      }
    }
    if (ch === '"') inString = true;
    out += ch;
    if (!/\s/.test(ch)) numberMayStart = ch === ':' || ch === ',' || ch === '[';
  }
  return JSON.parse(out);
}
