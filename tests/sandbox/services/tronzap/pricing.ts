/**
 * TronZap's sandbox price list. The contract publishes no prices; these are plausible 2025 rates
 * (renting 65,000 energy for an hour ≈ 5.47 TRX against ≈ 6.5 TRX burned at 100 sun per energy).
 * Prices are sun per 1,000 units; a charge is rounded up to whole sun.
 */
import { trxNumber } from '../tronnrg/money';

export type ZapService = 'energy' | 'bandwidth' | 'activate_address';
export type ResourceService = Exclude<ZapService, 'activate_address'>;

interface Tier {
  duration: number;
  minAmount: number;
  maxAmount: number;
  sunPerThousand: bigint;
}

export const TIERS: Record<ResourceService, Tier[]> = {
  energy: [
    { duration: 1, minAmount: 32_000, maxAmount: 5_000_000, sunPerThousand: 84_100n },
    { duration: 24, minAmount: 32_000, maxAmount: 5_000_000, sunPerThousand: 97_500n },
  ],
  bandwidth: [{ duration: 1, minAmount: 300, maxAmount: 100_000, sunPerThousand: 600_000n }],
};

export const ACTIVATION_FEE_SUN = 1_400_000n;

/** The tier for `service` and `duration`, if that duration is sold. */
export function tierFor(service: ResourceService, duration: number): Tier | undefined {
  return TIERS[service].find((tier) => tier.duration === duration);
}

/** The price of `amount` units on `tier`, in sun. */
export function priceSun(tier: Tier, amount: number): bigint {
  const total = BigInt(amount) * tier.sunPerThousand;
  return (total + 999n) / 1000n;
}

/** The `/v1/services` catalogue for the services currently on sale. */
export function servicesCatalogue(enabled: Record<ZapService, boolean>): Record<string, unknown> {
  const catalogue: Record<string, unknown> = {};
  if (enabled.energy) {
    catalogue.energy = TIERS.energy.map((tier) => ({
      duration: tier.duration,
      min_amount: tier.minAmount,
      max_amount: tier.maxAmount,
      // Deprecated aliases the SDKs still read.
      min_energy: tier.minAmount,
      max_energy: tier.maxAmount,
      price: trxNumber(tier.sunPerThousand),
      price_32k: trxNumber(priceSun(tier, 32_000)),
      price_65k: trxNumber(priceSun(tier, 65_000)),
      price_131k: trxNumber(priceSun(tier, 131_000)),
    }));
  }
  if (enabled.bandwidth) {
    catalogue.bandwidth = TIERS.bandwidth.map((tier) => ({
      duration: tier.duration,
      min_amount: tier.minAmount,
      max_amount: tier.maxAmount,
      price: trxNumber(tier.sunPerThousand),
    }));
  }
  if (enabled.activate_address) catalogue.activate_address = { price: trxNumber(ACTIVATION_FEE_SUN) };
  return catalogue;
}
