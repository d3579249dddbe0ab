/**
 * What the merchant types for a payment, checked before anything is sent: `amount_usd` as bigint
 * cents within the gateway's 0.01 … 999,999.99, and an optional https `postback_url` of at most 500
 * characters. Zod-free: the popup shows the same verdict as it types that the background applies.
 */
import { AmountError, parseUsd } from '../tron/units';

export const MIN_AMOUNT_CENTS = 1n;
export const MAX_AMOUNT_CENTS = 99_999_999n;
export const MAX_TRANSACTION_ID = 255;
export const MAX_POSTBACK_URL = 500;

export type AmountProblem = 'empty' | 'not_a_number' | 'too_precise' | 'too_small' | 'too_large';

/** `text` as cents, or why it is not an amount the gateway takes ("1,000" and "1e3" are refused). */
export function parseAmountUsd(
  text: string,
): { ok: true; cents: bigint } | { ok: false; problem: AmountProblem } {
  let cents: bigint;
  try {
    cents = parseUsd(text);
  } catch (error) {
    if (!(error instanceof AmountError)) throw error;
    if (error.code === 'empty' || error.code === 'too_precise' || error.code === 'too_large') {
      return { ok: false, problem: error.code };
    }
    return { ok: false, problem: 'not_a_number' };
  }
  if (cents < MIN_AMOUNT_CENTS) return { ok: false, problem: 'too_small' };
  if (cents > MAX_AMOUNT_CENTS) return { ok: false, problem: 'too_large' };
  return { ok: true, cents };
}

export type PostbackUrlProblem = 'not_https' | 'invalid' | 'too_long';

/** An optional postback URL: empty is none; otherwise https and at most 500 characters. */
export function checkPostbackUrl(
  text: string,
): { ok: true; url: string | null } | { ok: false; problem: PostbackUrlProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, url: null };
  if (trimmed.length > MAX_POSTBACK_URL) return { ok: false, problem: 'too_long' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol !== 'https:') return { ok: false, problem: 'not_https' };
  if (!url.hostname || url.username || url.password) return { ok: false, problem: 'invalid' };
  return { ok: true, url: trimmed };
}

/** A fresh transaction id: the date for the merchant's eye, random hex so two never collide. */
export function newTransactionId(now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const random = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) =>
    b.toString(16).padStart(2, '0'),
  );
  return `ampere-${stamp}-${random.join('')}`;
}
