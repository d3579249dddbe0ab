import {
  FREE_NET_LIMIT,
  SLOT_MS,
  SUN_PER_TRX,
  TOTAL_ENERGY_LIMIT,
  TOTAL_ENERGY_WEIGHT,
  TOTAL_NET_LIMIT,
  TOTAL_NET_WEIGHT,
  WINDOW_SLOTS,
} from './constants';
import type { Account } from './state';
import type { Resource } from './transaction';

/** A resource's usage as last written, decaying from `slot`. */
export interface Usage {
  used: number;
  slot: number;
}

/** The 3-second slot a time falls in; TRON measures recovery in slots, not milliseconds. */
export function slotOf(timeMs: number): number {
  return Math.floor(timeMs / SLOT_MS);
}

/** Usage recovered linearly over the 24-hour window since it was last written. */
export function usageAt(usage: Usage, slot: number): number {
  const elapsed = slot - usage.slot;
  if (elapsed <= 0) return usage.used;
  if (elapsed >= WINDOW_SLOTS) return 0;
  return Math.round((usage.used * (WINDOW_SLOTS - elapsed)) / WINDOW_SLOTS);
}

/** Adds `amount` to a usage after letting it recover up to `slot`. */
export function consume(usage: Usage, amount: number, slot: number): Usage {
  return { used: usageAt(usage, slot) + amount, slot };
}

/** Whole staked TRX backing a resource: own stake (not delegated away) plus stake delegated in. */
function stakedTrx(account: Account, resource: Resource): number {
  return Number((account.frozen[resource] + account.acquired[resource]) / SUN_PER_TRX);
}

/** Energy per day from staking. */
export function energyLimit(account: Account): number {
  return Math.floor((stakedTrx(account, 'ENERGY') * TOTAL_ENERGY_LIMIT) / TOTAL_ENERGY_WEIGHT);
}

/** Staked bandwidth per day (the free 600 come on top). */
export function netLimit(account: Account): number {
  return Math.floor((stakedTrx(account, 'BANDWIDTH') * TOTAL_NET_LIMIT) / TOTAL_NET_WEIGHT);
}

/** Units of a resource that `trxSun` staked gives; the inverse of `stakeFor`. */
export function unitsFor(resource: Resource, trxSun: bigint): number {
  const trx = Number(trxSun / SUN_PER_TRX);
  return resource === 'ENERGY'
    ? Math.floor((trx * TOTAL_ENERGY_LIMIT) / TOTAL_ENERGY_WEIGHT)
    : Math.floor((trx * TOTAL_NET_LIMIT) / TOTAL_NET_WEIGHT);
}

/** Staked sun needed to give at least `units` of a resource (rounded up to whole TRX). */
export function stakeFor(resource: Resource, units: number): bigint {
  const [limit, weight] =
    resource === 'ENERGY' ? [TOTAL_ENERGY_LIMIT, TOTAL_ENERGY_WEIGHT] : [TOTAL_NET_LIMIT, TOTAL_NET_WEIGHT];
  const trx = Math.ceil((units * weight) / limit);
  return BigInt(trx) * SUN_PER_TRX;
}

/** What an account has and has used of every resource at a time, as getaccountresource reports it. */
export function resourceSnapshot(account: Account, timeMs: number) {
  const slot = slotOf(timeMs);
  return {
    energyLimit: energyLimit(account),
    energyUsed: usageAt(account.energyUsage, slot),
    netLimit: netLimit(account),
    netUsed: usageAt(account.netUsage, slot),
    freeNetLimit: FREE_NET_LIMIT,
    freeNetUsed: usageAt(account.freeNetUsage, slot),
  };
}
