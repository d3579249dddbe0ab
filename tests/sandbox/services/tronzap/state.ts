/** What TronZap remembers: API accounts with their TRX balances, and every transaction. */
import { createHash } from 'node:crypto';
import type { ZapService } from './pricing';

export interface ZapAccount {
  name: string;
  token: string;
  secret: string;
  /** The account's internal TRX wallet; `null` when it has none (answers code 5). */
  balanceSun: bigint | null;
}

export type ZapStatus = 'new' | 'pending' | 'success' | 'failed';

export interface ZapTransaction {
  id: string;
  accountToken: string;
  externalId: string | null;
  service: ZapService;
  /** The request's `params`, echoed back as sent. */
  params: Record<string, unknown>;
  address: string;
  /** Energy or bandwidth units (0 for an activation). */
  resourceAmount: number;
  durationHours: number;
  /** True when the address must be activated before the resource is delegated (fee included). */
  activates: boolean;
  status: ZapStatus;
  amountSun: bigint;
  createdAtMs: number;
  hash: string | null;
}

/** A failure a test asked for with `POST /__sandbox/tronzap/fail-next`. */
export type ForcedFailure = 'transaction_failed' | 'internal_error';

export interface ZapState {
  accounts: Map<string, ZapAccount>;
  transactions: Map<string, ZapTransaction>;
  enabled: Record<ZapService, boolean>;
  forcedFailures: ForcedFailure[];
  /** Cancels the clock timers of transactions not started yet. */
  timers: Set<() => void>;
}

/** A deterministic credential, so the seeded token and secret are the same on every start. */
function credential(label: string, length: number): string {
  return createHash('sha256').update(`sandbox-tronzap:${label}`).digest('hex').slice(0, length);
}

export const SEEDED_BALANCE_SUN = 200_000_000n;

/** The seeded accounts: `main` with 200 TRX, and `no-wallet` whose internal wallet is missing. */
export function seedAccounts(): ZapAccount[] {
  return [
    {
      name: 'main',
      token: credential('main-token', 40),
      secret: credential('main-secret', 64),
      balanceSun: SEEDED_BALANCE_SUN,
    },
    {
      name: 'no-wallet',
      token: credential('no-wallet-token', 40),
      secret: credential('no-wallet-secret', 64),
      balanceSun: null,
    },
  ];
}

/** A fresh state, as after a start or a reset. */
export function createZapState(): ZapState {
  return {
    accounts: new Map(seedAccounts().map((account) => [account.token, account])),
    transactions: new Map(),
    enabled: { energy: true, bandwidth: true, activate_address: true },
    forcedFailures: [],
    timers: new Set(),
  };
}

/** Removes and returns the next forced failure of `kind`, if one is queued. */
export function takeForcedFailure(state: ZapState, kind: ForcedFailure): boolean {
  const index = state.forcedFailures.indexOf(kind);
  if (index < 0) return false;
  state.forcedFailures.splice(index, 1);
  return true;
}
