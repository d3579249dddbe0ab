/**
 * The sandbox's shared world: one chain, one clock, one ledger, one outbox, shared by every
 * simulated service. Services receive a `World` and never reach into each other.
 *
 * Money is `bigint` in the chain's smallest unit (sun for TRX, 10^-6 for USDT).
 */
import type { Hono } from 'hono';

/** Virtual time. `now()` is real time plus every `advance()`; services use it for expiries. It never goes back, not even on reset. */
export interface SandboxClock {
  now(): number;
  advance(seconds: number): void;
  /** Calls `fn` once `now()` reaches `atMs` (checked on every tick and on every advance). */
  at(atMs: number, fn: () => void): () => void;
}

export interface KeyPair {
  /** Base58 T-address. */
  address: string;
  /** 64 hex chars, no 0x. */
  privateKey: string;
}

export type TxStatus = 'pending' | 'confirmed' | 'failed';

/** A transaction as the services see it (a read model over the node's own records). */
export interface ChainTx {
  txid: string;
  status: TxStatus;
  /** `SUCCESS`, `REVERT`, `OUT_OF_ENERGY`… once confirmed. */
  contractRet?: string;
  blockNumber?: number;
  /** Block timestamp once confirmed, else the tx timestamp. */
  timestampMs: number;
  kind: 'trx_transfer' | 'usdt_transfer' | 'delegate_resource' | 'undelegate_resource' | 'other';
  from: string;
  to?: string;
  /** TRX in sun for `trx_transfer`, USDT base units for `usdt_transfer`, resource units for delegation. */
  amount?: bigint;
  resource?: 'ENERGY' | 'BANDWIDTH';
  /** TRX burned for energy and bandwidth, in sun. */
  feeSun: bigint;
  energyUsed: number;
}

export interface AccountResources {
  energyLimit: number;
  energyUsed: number;
  netLimit: number;
  netUsed: number;
  freeNetLimit: number;
  freeNetUsed: number;
}

/**
 * The simulated TRON node. Reads answer the head state (pending transactions included), as a full
 * node does. `POST /__sandbox/reset` restores the chain as it was once every service had been
 * created, so seeding done in a service's factory (mint, stake, blacklist) survives a reset and must
 * not be repeated in its `reset()`.
 */
export interface SandboxChain {
  readonly usdtContract: string;
  /** A deterministic key pair for a name (same name, same key on every start). */
  keypair(name: string): KeyPair;
  blockNumber(): number;
  /** Seals the pending pool into a block now (the clock also does it every few seconds). */
  produceBlock(): void;
  /** True once the address exists on chain (has received TRX or was activated). */
  isActivated(address: string): boolean;
  trxBalance(address: string): bigint;
  usdtBalance(address: string): bigint;
  resources(address: string): AccountResources;
  /** Faucet: credits without a transaction (control API only). */
  mint(address: string, amounts: { trxSun?: bigint; usdt?: bigint }): void;
  /**
   * Seeding only: adds `trxSun` of TRX staked (FreezeBalanceV2) for `resource` to `address`, without a
   * transaction and without touching its liquid balance. In the sandbox 1 staked TRX gives 10 energy or
   * 1 bandwidth per day, so 6,500 TRX staked for ENERGY can delegate 65,000 energy.
   */
  stake(address: string, resource: 'ENERGY' | 'BANDWIDTH', trxSun: bigint): void;
  /** Builds, signs with `privateKey`, and broadcasts like any wallet; confirmed with the next block. */
  sendTrx(privateKey: string, to: string, amountSun: bigint): Promise<string>;
  sendUsdt(privateKey: string, to: string, amount: bigint): Promise<string>;
  /** A real DelegateResourceContract from `privateKey`'s staked resources to `receiver`. */
  delegateResource(
    privateKey: string,
    receiver: string,
    resource: 'ENERGY' | 'BANDWIDTH',
    amount: number,
    lockSeconds?: number,
  ): Promise<string>;
  transaction(txid: string): ChainTx | undefined;
  /** Confirmed transfers, oldest first (successful ones only: a reverted transfer moved nothing). */
  transfers(filter: { to?: string; from?: string; kind?: ChainTx['kind']; sinceMs?: number }): ChainTx[];
  /** Called once for every transaction as it is confirmed in a block (failed ones too: check `status`). */
  onConfirmed(listener: (tx: ChainTx) => void): () => void;
  setBlacklisted(address: string, blacklisted: boolean): void;
  isBlacklisted(address: string): boolean;
  /** Energy a USDT transfer from `from` to `to` would consume now. */
  estimateUsdtTransferEnergy(from: string, to: string): number;
  /** Verifies a `signMessageV2` signature and returns the signer's address, or null. */
  recoverMessageSigner(message: string, signature: string): string | null;
}

/** Every charge, refund and delegation a service makes, for exactly-once assertions. */
export interface LedgerEntry {
  at: string;
  service: '2aml-energy' | '2aml-aml' | 'tronnrg' | 'tronzap' | 'gateway';
  kind: 'payment' | 'charge' | 'refund' | 'delegation' | 'credit' | 'activation' | 'postback';
  account?: string;
  amount?: string;
  unit?: 'TRX' | 'USDT' | 'credits' | 'energy' | 'bandwidth';
  ref?: string;
  txid?: string;
  note?: string;
}

export interface Ledger {
  record(entry: Omit<LedgerEntry, 'at'>): void;
  entries(): LedgerEntry[];
}

export interface OutboxMessage {
  at: string;
  to: string;
  subject: string;
  text: string;
  /** Tokens a test needs (e-mail verification token…). */
  data: Record<string, string>;
}

export interface Outbox {
  send(message: Omit<OutboxMessage, 'at'>): void;
  messages(): OutboxMessage[];
}

export interface World {
  /** The sandbox's own origin, e.g. `http://127.0.0.1:8787`. */
  origin: string;
  clock: SandboxClock;
  chain: SandboxChain;
  ledger: Ledger;
  outbox: Outbox;
  /** Identities each service seeds; printed on start and served by `GET /__sandbox/accounts`. */
  seeded: Record<string, unknown>;
}

/**
 * A service's routes, mounted under `prefix`; `reset` restores its seeded state.
 *
 * Control hooks (all optional, for tests and scripts, never for the extension):
 * - `control`: extra routes the server mounts at `/__sandbox<prefix>`, e.g. the 2aml service's
 *   `control.get('/users', …)` answers `GET /__sandbox/2aml/users`. Fault injection never applies there.
 * - `totpCode(email)`: the code an authenticator app would show now (virtual clock) for an account
 *   with 2FA, or `undefined` when this service has none for that e-mail. `GET /__sandbox/totp?email=`
 *   asks every service in turn and answers the first code found.
 *
 * Clock timers (`world.clock.at`) and `chain.onConfirmed` listeners survive `POST /__sandbox/reset`;
 * a service that armed timers for per-request state should cancel them in its own `reset()`.
 */
export interface SandboxService {
  prefix: string;
  routes: Hono;
  reset(): void;
  control?: Hono;
  totpCode?(email: string): string | undefined;
}
