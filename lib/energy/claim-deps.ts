/**
 * What the `nrg-claim` job needs from the world (TronLink through a host tab, the chain, TronNRG,
 * storage), and the job as its steps see it. Each step module takes only the part it reads.
 */
import type { TronNrgDelegation } from './tronnrg-api';
import type { TransactionView } from '../tron/node-schemas';
import type { NrgClaimData } from './claim-data';
import type { BridgeOp, RelayPeek, TronLinkBridgeApi } from '../tronlink/protocol';
import type { Job } from '../jobs/runner';
import type { JobRecord } from '../jobs/schema';
import type { ClaimMessages } from './claim-results';

/** A rental job with its data parsed. */
export type Claim = Job<NrgClaimData>;

/** TronLink as a rental's steps reach it (the bridge tab, lib/tronlink/bridge.ts). */
export type NrgClaimBridge = TronLinkBridgeApi;
export type { RelayPeek };

export interface NrgClaimChain {
  /** The transaction with its block time once it is in a block (`blockTimestampMs`). */
  transaction(txid: string): Promise<TransactionView | undefined>;
  /** The earliest confirmed TRX transfer of exactly `amountSun` from → to since `sinceMs`. */
  findPayment(query: {
    from: string;
    to: string;
    amountSun: bigint;
    sinceMs: number;
    excludeTxids: string[];
  }): Promise<TransactionView | undefined>;
  /** A confirmed energy delegation to `receiver` since `sinceMs`. */
  findDelegation(query: { receiver: string; sinceMs: number }): Promise<TransactionView | undefined>;
}

export interface NrgClaimDeps {
  bridge: NrgClaimBridge;
  chain: NrgClaimChain;
  delegate(input: { tx_hash: string; delegate_to: string; signature: string }): Promise<TronNrgDelegation>;
  newNonce(): string;
  /** txids other rental jobs already own, so a chain search never takes another job's payment. */
  claimedTxids(exceptJobId: string): Promise<string[]>;
  /**
   * Takes `txid` as `jobId`'s payment in a set that outlives the jobs (dismissed ones included);
   * false when another job took it first.
   */
  consumeTxid(txid: string, jobId: string): Promise<boolean>;
  /** A report that came straight back from the tab (the worker lived); routed like a relay result. */
  deliverReport(result: { nonce: string; op: BridgeOp; report: unknown }): void;
  /** Readable text for an error code (locales: `energy.errors.*`), with substitutions. */
  message: ClaimMessages;
  /** The job as stored now (to tell whether an outside result landed while a step was running). */
  readJob(id: string): Promise<JobRecord | undefined>;
  /** Called after every write, e.g. to keep the rental history in step. */
  onSaved?(job: JobRecord): void | Promise<void>;
}
