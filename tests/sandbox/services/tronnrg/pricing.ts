/** TronNRG's documented pricing: linear 16,250 energy per TRX, 4 to 1,000 TRX per payment. */
import { SUN_PER_TRX } from './money';

export const ENERGY_PER_TRX = 16_250n;
export const MIN_PAYMENT_SUN = 4n * SUN_PER_TRX;
export const MAX_PAYMENT_SUN = 1_000n * SUN_PER_TRX;

/** `floor(trx × 16,250)` for a payment in sun. */
export function energyForPayment(paymentSun: bigint): number {
  return Number((paymentSun * ENERGY_PER_TRX) / SUN_PER_TRX);
}
