/**
 * Gateway amounts. USD is `bigint` cents; crypto is `bigint` in 6-decimal base units (sun for TRX,
 * 10^-6 USDT), written with the API's 8 decimals ("100.50001200": the last two are always 0 because
 * the chain cannot carry them).
 */

export type Asset = 'TRX' | 'USDT';

const UNITS_PER_COIN = 1_000_000n;
const UNITS_PER_CENT = 10_000n;
/** The sandbox's fixed TRX price: 0.25 USD per TRX, in micro-USD. */
export const TRX_PRICE_MICRO_USD = 250_000n;
/** Unique suffixes live in decimals 3 to 6, so the base amount is rounded up to 0.01 of a coin. */
const BASE_STEP_UNITS = 10_000n;
export const MAX_UNIQUE_SUFFIX = 9_999n;

export const MIN_USD_CENTS = 1n;
export const MAX_USD_CENTS = 99_999_999n;

/** Parses "100.50" (at most 2 decimals) into cents, or null. */
export function parseUsdCents(text: string): bigint | null {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** Cents as "100.50". */
export function formatUsd(cents: bigint): string {
  return `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
}

/** Base units as the API's 8-decimal string. */
export function formatCrypto(units: bigint): string {
  return `${units / UNITS_PER_COIN}.${(units % UNITS_PER_COIN).toString().padStart(6, '0')}00`;
}

/** What `cents` is worth in `asset`, rounded up to 0.01 of a coin (USDT is 1:1 with USD). */
export function baseCryptoUnits(asset: Asset, cents: bigint): bigint {
  const exact =
    asset === 'USDT'
      ? cents * UNITS_PER_CENT
      : (cents * UNITS_PER_CENT * UNITS_PER_COIN) / TRX_PRICE_MICRO_USD;
  return ((exact + BASE_STEP_UNITS - 1n) / BASE_STEP_UNITS) * BASE_STEP_UNITS;
}
