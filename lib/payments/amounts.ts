/**
 * What the merchant types for a payment, checked before anything is sent: `amount_usd` as bigint
 * cents within the gateway's 0.01 … 999,999.99, and an optional https `postback_url` of at most 500
 * characters (plain http only to loopback, and only while the gateway itself runs on this machine).
 * Zod-free: the popup shows the same verdict as it types that the background applies.
 */
import { checkServiceUrl } from '../config/custom-services';
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

/**
 * Whether `url`'s host is this machine's loopback: the custom-service rule (lib/config) accepts
 * plain http to exactly those hosts, so it is asked rather than a second list kept here.
 */
function isLoopback(url: URL): boolean {
  return checkServiceUrl(`http://${url.host}`).ok;
}

/** Whether the stored gateway base URL (absent before set-up) is on this machine's loopback. */
function gatewayIsLocal(baseUrl: string | null): boolean {
  if (baseUrl === null) return false;
  try {
    return isLoopback(new URL(baseUrl));
  } catch {
    return false;
  }
}

/**
 * An optional postback URL: empty is none; otherwise https and at most 500 characters. The gateway,
 * not Ampere, posts to it, so plain http to loopback means the gateway's own machine: it is taken
 * only when `gatewayBaseUrl` is itself on loopback (a local test gateway or the sandbox's), the same
 * allowance as every custom service address, and never for a gateway elsewhere.
 */
export function checkPostbackUrl(
  text: string,
  gatewayBaseUrl: string | null = null,
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
  const localHttp = url.protocol === 'http:' && isLoopback(url) && gatewayIsLocal(gatewayBaseUrl);
  if (url.protocol !== 'https:' && !localHttp) return { ok: false, problem: 'not_https' };
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
