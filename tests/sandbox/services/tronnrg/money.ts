/** TRX amounts: `bigint` sun inside; on the wire either a trimmed decimal string or a bare JSON number. */
import { JsonDecimal } from './json-decimal';

export const SUN_PER_TRX = 1_000_000n;

/** `4_500_000n` → `"4.5"`: TRX with trailing zeros trimmed. */
export function trxText(sun: bigint): string {
  const sign = sun < 0n ? '-' : '';
  const abs = sun < 0n ? -sun : sun;
  const fraction = (abs % SUN_PER_TRX).toString().padStart(6, '0').replace(/0+$/, '');
  return `${sign}${abs / SUN_PER_TRX}${fraction ? `.${fraction}` : ''}`;
}

/** TRX as a bare JSON number (`4.5`), for fields the contracts document as numbers. */
export function trxNumber(sun: bigint): JsonDecimal {
  return new JsonDecimal(trxText(sun));
}
