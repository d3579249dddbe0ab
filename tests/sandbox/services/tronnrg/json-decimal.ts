/**
 * JSON numbers written from decimal text. Some contracts document money as a JSON number (TronNRG
 * `cost: 4`, TronZap `amount: 8.25`); this writes such numbers straight from a decimal string so an
 * amount never has to pass through a JavaScript `number` on its way out.
 */
import { randomBytes } from 'node:crypto';

/** A per-process marker, so no client-supplied string can be mistaken for a decimal. */
const MARKER = `json-decimal-${randomBytes(6).toString('hex')}`;
const MARKED = new RegExp(`"${MARKER}:(-?\\d+(?:\\.\\d+)?)"`, 'g');

/** A value that serialises as a bare JSON number with exactly the digits of `text`. */
export class JsonDecimal {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`not a decimal: ${text}`);
  }

  toJSON(): string {
    return `${MARKER}:${this.text}`;
  }
}

/** `JSON.stringify` that turns every `JsonDecimal` into a bare number. */
export function stringifyWithDecimals(value: unknown): string {
  return JSON.stringify(value).replace(MARKED, '$1');
}

/** A JSON response whose `JsonDecimal` values are bare numbers. */
export function decimalJsonResponse(
  value: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(stringifyWithDecimals(value), {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
  });
}
