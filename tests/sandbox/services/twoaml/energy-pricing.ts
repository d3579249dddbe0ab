/** Lease periods and the price rule of TRON energy orders. */

export const MIN_ORDER_ENERGY = 10_000;
/** The most one order may ask for (the contract is silent; this is the simulated pool's per-order cap). */
export const MAX_ORDER_ENERGY = 5_000_000;

/** Flat service fee added to every order. */
const ORDER_FEE_SUN = 1_000_000n;
/** Sun per unit of energy for a one-hour lease. */
const HOURLY_RATE_SUN = 90n;
/** Sun per unit of energy for one day; each further day adds `EXTRA_DAY_RATE_SUN`. */
const DAILY_RATE_SUN = 208n;
const EXTRA_DAY_RATE_SUN = 52n;

export interface Lease {
  /** 0 means one hour; 1..30 means that many days (the documented `duration`). */
  durationDays: number;
  /** `1H` or `<n>D`. */
  period: string;
}

/** The lease `period`/`duration` describe, or null when they are invalid or disagree. Neither given means one day. */
export function resolveLease(period: string | undefined, duration: number | undefined): Lease | null {
  let fromPeriod: number | undefined;
  if (period !== undefined) {
    const match = /^(?:(1)H|(\d{1,2})D)$/i.exec(period.trim());
    if (!match) return null;
    fromPeriod = match[1] ? 0 : Number(match[2]);
    if (fromPeriod < 0 || fromPeriod > 30 || (!match[1] && fromPeriod === 0)) return null;
  }
  if (duration !== undefined && (!Number.isInteger(duration) || duration < 0 || duration > 30)) return null;
  if (fromPeriod !== undefined && duration !== undefined && fromPeriod !== duration) return null;
  const durationDays = fromPeriod ?? duration ?? 1;
  return { durationDays, period: durationDays === 0 ? '1H' : `${durationDays}D` };
}

/** How long the delegation is locked on chain for a lease. */
export function leaseSeconds(lease: Lease): number {
  return lease.durationDays === 0 ? 3600 : lease.durationDays * 86_400;
}

/**
 * Price in sun: a 1 TRX fee plus a per-energy rate that grows with the lease. Reproduces the documented
 * example: 65,000 energy for 1D = 1 TRX + 65,000 x 208 sun = 14.520000 TRX.
 */
export function energyPriceSun(energy: number, lease: Lease): bigint {
  const rate =
    lease.durationDays === 0
      ? HOURLY_RATE_SUN
      : DAILY_RATE_SUN + EXTRA_DAY_RATE_SUN * BigInt(lease.durationDays - 1);
  return ORDER_FEE_SUN + BigInt(energy) * rate;
}
