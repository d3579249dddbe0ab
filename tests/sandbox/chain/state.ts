import type { Usage } from './resources';
import type { Resource } from './transaction';

/** One account on the sandbox chain. Addresses are hex `41…`; money is sun. */
export interface Account {
  address: string;
  balance: bigint;
  createTimeMs: number;
  latestOperationTimeMs: number;
  /** Own stake (FreezeBalanceV2) not delegated away. */
  frozen: Record<Resource, bigint>;
  /** Own stake delegated to others. */
  delegatedOut: Record<Resource, bigint>;
  /** Stake others delegated to this account. */
  acquired: Record<Resource, bigint>;
  /** Unstaked TRX waiting out the unfreeze delay. */
  unfreezing: Array<{ resource: Resource; amount: bigint; expireTimeMs: number }>;
  energyUsage: Usage;
  netUsage: Usage;
  freeNetUsage: Usage;
}

/** A delegation record; TRON keeps locked and unlocked delegations of a pair apart, and so do we. */
export interface Delegation {
  from: string;
  to: string;
  resource: Resource;
  balance: bigint;
  /** 0 for an unlocked delegation. */
  expireTimeMs: number;
}

/** Everything transactions change. Cloned whole for the confirmed (solidity) view and for reset. */
export interface ChainState {
  accounts: Map<string, Account>;
  usdtBalances: Map<string, bigint>;
  usdtBlacklist: Set<string>;
  usdtTotalSupply: bigint;
  /** Keyed by `from:to:resource:locked|unlocked`. */
  delegations: Map<string, Delegation>;
}

/** An empty chain state. */
export function emptyState(): ChainState {
  return {
    accounts: new Map(),
    usdtBalances: new Map(),
    usdtBlacklist: new Set(),
    usdtTotalSupply: 0n,
    delegations: new Map(),
  };
}

const zeroResources = (): Record<Resource, bigint> => ({ BANDWIDTH: 0n, ENERGY: 0n });

/** A fresh account as activation creates it. */
export function newAccount(address: string, timeMs: number): Account {
  return {
    address,
    balance: 0n,
    createTimeMs: timeMs,
    latestOperationTimeMs: timeMs,
    frozen: zeroResources(),
    delegatedOut: zeroResources(),
    acquired: zeroResources(),
    unfreezing: [],
    energyUsage: { used: 0, slot: 0 },
    netUsage: { used: 0, slot: 0 },
    freeNetUsage: { used: 0, slot: 0 },
  };
}

/** The key of a delegation record. */
export function delegationKey(from: string, to: string, resource: Resource, locked: boolean): string {
  return `${from}:${to}:${resource}:${locked ? 'locked' : 'unlocked'}`;
}

/** A deep copy (Maps, Sets and bigints included). */
export function cloneState(state: ChainState): ChainState {
  return structuredClone(state);
}
