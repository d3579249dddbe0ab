/** TRX amounts: `bigint` sun inside, fixed-decimal strings on the wire (6 or 8 places, as each field shows). */

export const SUN_PER_TRX = 1_000_000n;

/** Formats sun as TRX with exactly `places` decimals (6 for balances and prices, 8 for history rows). */
export function formatTrx(sun: bigint, places: 6 | 8 = 6): string {
  const negative = sun < 0n;
  const abs = negative ? -sun : sun;
  const whole = abs / SUN_PER_TRX;
  const fraction = (abs % SUN_PER_TRX).toString().padStart(6, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}${places === 8 ? '00' : ''}`;
}

/** Parses a TRX decimal string with at most 6 decimals into sun; anything else is rejected. */
export function parseTrx(text: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (!match) throw new Error(`not a TRX amount: ${text}`);
  return BigInt(match[1]!) * SUN_PER_TRX + BigInt((match[2] ?? '').padEnd(6, '0'));
}

/** `part` percent of `sun`, rounded down to whole sun (discounts never round in the buyer's disfavour). */
export function percentOf(sun: bigint, percent: bigint): bigint {
  return (sun * percent) / 100n;
}
