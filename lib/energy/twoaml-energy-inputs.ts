/** The TRX amount of a 2aml wallet top-up, checked before anything is sent (exact text → sun). */
import { AmountError, parseTrx } from '@/lib/tron/units';

export type TopupAmountCheck =
  { sun: bigint } | { code: 'amount_invalid' } | { code: 'amount_below_minimum' };

/** `text` as sun: a decimal with at most 6 places, above zero and at least `minSun`. */
export function checkTopupAmount(text: string, minSun: bigint): TopupAmountCheck {
  let sun: bigint;
  try {
    sun = parseTrx(text.trim());
  } catch (error) {
    if (error instanceof AmountError) return { code: 'amount_invalid' };
    throw error;
  }
  if (sun <= 0n) return { code: 'amount_invalid' };
  if (sun < minSun) return { code: 'amount_below_minimum' };
  return { sun };
}
