import {
  BANDWIDTH_FEE_SUN,
  CREATE_ACCOUNT_BANDWIDTH_FEE_SUN,
  FREE_NET_LIMIT,
  RESULT_SIZE_BYTES,
} from './constants';
import { consume, netLimit, slotOf, usageAt } from './resources';
import type { Account } from './state';

/** How a transaction pays for its bytes, decided before it runs (as java-tron's BandwidthProcessor). */
export type BandwidthPlan =
  { source: 'staked' | 'free'; units: number; feeSun: 0n } | { source: 'burn'; units: 0; feeSun: bigint };

/** Bandwidth a transaction consumes: its serialized size (signatures included) plus the result slot. */
export function bandwidthBytes(serializedSize: number): number {
  return serializedSize + RESULT_SIZE_BYTES;
}

/**
 * Staked bandwidth first, then the free daily 600, else burn 1,000 sun a byte. A transfer that creates
 * its receiver may not use free bandwidth: it uses staked bandwidth or burns a flat 0.1 TRX.
 * Returns null when the account cannot pay at all.
 */
export function planBandwidth(
  account: Account,
  bytes: number,
  createsAccount: boolean,
  nowMs: number,
): BandwidthPlan | null {
  const slot = slotOf(nowMs);
  const stakedLeft = netLimit(account) - usageAt(account.netUsage, slot);
  if (stakedLeft >= bytes) return { source: 'staked', units: bytes, feeSun: 0n };
  if (createsAccount) {
    return account.balance >= CREATE_ACCOUNT_BANDWIDTH_FEE_SUN
      ? { source: 'burn', units: 0, feeSun: CREATE_ACCOUNT_BANDWIDTH_FEE_SUN }
      : null;
  }
  const freeLeft = FREE_NET_LIMIT - usageAt(account.freeNetUsage, slot);
  if (freeLeft >= bytes) return { source: 'free', units: bytes, feeSun: 0n };
  const feeSun = BigInt(bytes) * BANDWIDTH_FEE_SUN;
  return account.balance >= feeSun ? { source: 'burn', units: 0, feeSun } : null;
}

/** Applies a plan to the account. */
export function payBandwidth(account: Account, plan: BandwidthPlan, nowMs: number): void {
  const slot = slotOf(nowMs);
  if (plan.source === 'staked') account.netUsage = consume(account.netUsage, plan.units, slot);
  else if (plan.source === 'free') account.freeNetUsage = consume(account.freeNetUsage, plan.units, slot);
  else account.balance -= plan.feeSun;
}
