/**
 * What a TronNRG rental costs and what it saves against burning. Everything in sun (`bigint`);
 * energy is a plain count of resource units, never money.
 */

export const SUN_PER_TRX = 1_000_000n;

/** The terms a price is computed under: the live `/supply` values, or the documented fallbacks. */
export interface RentalTerms {
  energyPerTrx: number;
  minPaymentSun: bigint;
  maxPaymentSun: bigint;
}

/** seeds/001 and seeds/README: linear 16,250 energy per TRX, 4..1,000 TRX per payment. */
export const DOCUMENTED_TERMS: RentalTerms = {
  energyPerTrx: 16_250,
  minPaymentSun: 4n * SUN_PER_TRX,
  maxPaymentSun: 1_000n * SUN_PER_TRX,
};

/** Energy delivered for a payment: `floor(trx × energyPerTrx)`, computed in sun so nothing rounds early. */
export function energyForPayment(paymentSun: bigint, terms: RentalTerms): number {
  return Number((paymentSun * BigInt(terms.energyPerTrx)) / SUN_PER_TRX);
}

/** The smallest and largest energy an order can have under `terms`. */
export function energyBounds(terms: RentalTerms): { min: number; max: number } {
  return {
    min: energyForPayment(terms.minPaymentSun, terms),
    max: energyForPayment(terms.maxPaymentSun, terms),
  };
}

export type PriceProblem = 'energy_invalid' | 'energy_above_maximum';

export interface RentalPrice {
  /** Whole TRX, in sun: `ceil(energy / energyPerTrx)` raised to the minimum payment. */
  priceSun: bigint;
  /** What TronNRG delegates for `priceSun` (at least the energy asked for). */
  energy: number;
  /** True when the minimum order, not the energy asked for, set the price. */
  minimumApplied: boolean;
}

/**
 * The price of `energy` under `terms`, in whole TRX: ceil(energy / energyPerTrx), never below the
 * minimum payment. Whole TRX because that is how TronNRG documents its orders (4 TRX → 65,000) and
 * what a person can check at a glance in TronLink's approval window.
 */
export function priceForEnergy(energy: number, terms: RentalTerms): RentalPrice | PriceProblem {
  if (!Number.isSafeInteger(energy) || energy <= 0) return 'energy_invalid';
  const perTrx = BigInt(terms.energyPerTrx);
  const wholeTrx = (BigInt(energy) + perTrx - 1n) / perTrx;
  let priceSun = wholeTrx * SUN_PER_TRX;
  let minimumApplied = false;
  if (priceSun < terms.minPaymentSun) {
    // A fractional live minimum (say 4.5 TRX) is paid as the next whole TRX, like any other price.
    priceSun = ((terms.minPaymentSun + SUN_PER_TRX - 1n) / SUN_PER_TRX) * SUN_PER_TRX;
    minimumApplied = true;
  }
  if (priceSun > terms.maxPaymentSun) return 'energy_above_maximum';
  return { priceSun, energy: energyForPayment(priceSun, terms), minimumApplied };
}

/** TRX burned for `energy` when the account has none: energy × the chain's `getEnergyFee`. */
export function burnCostSun(energy: number, energyFeeSun: bigint): bigint {
  return BigInt(Math.max(0, Math.trunc(energy))) * energyFeeSun;
}
