/**
 * What every step of a rental shares: the error codes, how a TronLink result changes the job (the
 * checks that make a forged result harmless), the failure patch, the job's collaborators
 * (`NrgClaimDeps`) and the writer each step saves through.
 */

import type { TransactionView } from '../tron/node-schemas';
import type { Job, JobPatch, StepContext } from '../jobs/runner';
import { recoverMessageSignerV2 } from '../tron/signature';
import type { BridgeOp, RelayPeek, TronLinkBridgeApi } from '../tronlink/protocol';
import { rawReportSchema, movedNoMoney, outcomeOf, type BridgeOutcome } from '../tronlink/reports';
import { claimMessage, type NrgClaimData, CHAIN_CLOCK_SLACK_MS } from './claim-data';
import type { TronNrgDelegation } from './tronnrg-client';
import type { JobRecord } from '../jobs/schema';

/*
 * How a TronLink result changes a rental, as pure functions the job and the background share: the
 * error codes a rental can show, and the checks that make a forged result harmless (a txid counts
 * only as the payer's transfer on the chain, a signature only when it recovers to the payer).
 */
/** Every error a rental can end (or wait) with; each has a string under `energy.errors.` in locales/en.yml. */
export const NRG_CLAIM_ERROR_CODES = [
  'tronlink_unreachable',
  'tronlink_not_installed',
  'tronlink_locked',
  'tronlink_request_pending',
  'tronlink_wrong_account',
  'tronlink_no_answer',
  'tronlink_error',
  'payment_rejected',
  'payment_not_found',
  'signature_declined',
  'signature_lost',
  'signature_wrong_account',
  'payment_not_indexed',
  'payment_refused',
  'hash_already_used',
  'delegation_failed',
  'below_minimum',
  'refund_queued',
  'claim_refused',
  'service_refused',
  'service_unavailable',
] as const;
export type NrgClaimErrorCode = (typeof NRG_CLAIM_ERROR_CODES)[number];

/** Readable text for an error code (locales: `energy.errors.*`), with substitutions. */
export type ClaimMessages = (code: NrgClaimErrorCode, substitutions?: string[]) => string;

/** The signature is the payer's over `{txid}:{receiver}`, checked locally before anything trusts it. */
export function signatureSigner(
  data: Pick<NrgClaimData, 'txid' | 'receiver'>,
  signature: string,
): string | null {
  if (!data.txid) return null;
  return recoverMessageSignerV2(claimMessage(data.txid, data.receiver), signature);
}

/** What a chain transaction is to a job: its payment, its payment once sealed in a block, or not its payment. */
export type PaymentVerdict = 'payment' | 'pending' | 'other';

/**
 * Payer → pay_to, the quoted amount, not failed, and sealed in a block no earlier than the job
 * started (less the clock slack): an older transfer of the same amount, such as the payment of an
 * earlier rental, is never taken for this one. Without a block time yet it is only `pending`.
 */
export function paymentVerdict(data: NrgClaimData, tx: TransactionView): PaymentVerdict {
  const matches =
    tx.type === 'TransferContract' &&
    tx.from === data.payer &&
    tx.to === data.payTo &&
    tx.amountSun === BigInt(data.priceSun) &&
    (tx.contractRet === undefined || tx.contractRet === 'SUCCESS');
  if (!matches) return 'other';
  if (tx.blockTimestampMs === undefined) return 'pending';
  return tx.blockTimestampMs >= data.startedAt - CHAIN_CLOCK_SLACK_MS ? 'payment' : 'other';
}

/** True when the chain's transaction is the job's payment (see `paymentVerdict`). */
export function isJobPayment(data: NrgClaimData, tx: TransactionView): boolean {
  return paymentVerdict(data, tx) === 'payment';
}

/**
 * The change a bridge result makes to a job, or null when it does not concern it (wrong phase, an
 * unknown nonce, a signature that recovers to nobody). Pure: the background and the job's own
 * watch step both apply results through it.
 */
export function bridgeResultPatch(
  job: Claim,
  nonce: string,
  op: BridgeOp,
  outcome: BridgeOutcome,
  now: number,
  message: ClaimMessages,
): JobPatch<NrgClaimData> | null {
  const data = job.data;
  if (!data.nonces.includes(nonce)) return null;
  const current = data.request?.nonce === nonce && !data.request.settled ? data.request : null;
  const settle = current ? { request: { ...current, settled: true } } : {};

  if (op === 'pay') {
    if (data.txid) return null;
    if (outcome.status === 'paid') {
      const txid = outcome.txid.toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(txid) || data.reportedTxids.includes(txid)) return null;
      // Only a claim to check on the chain.
      const revive = job.terminal
        ? // A job that ended meanwhile (a page may have forged its refusal) wakes to check the txid.
          {
            state: 'awaiting_payment',
            terminal: false,
            data: { request: { nonce, op, sentAt: now, settled: true } },
          }
        : { data: settle };
      return {
        state: revive.state,
        terminal: revive.terminal,
        data: { reportedTxids: [...data.reportedTxids, txid], ...revive.data },
        error: null,
        nextRunAt: now,
      };
    }
    if (!current || job.terminal) return null;
    if (outcome.status === 'rejected') {
      return {
        state: 'cancelled',
        terminal: true,
        data: settle,
        error: { code: 'payment_rejected', message: message('payment_rejected') },
      };
    }
    if (movedNoMoney(outcome)) {
      const code = failureCodeOf(outcome);
      return {
        state: 'failed',
        terminal: true,
        data: settle,
        error: {
          code,
          message: message(code, outcome.status === 'wrong_account' ? [outcome.account, data.payer] : []),
        },
      };
    }
    if (outcome.status === 'error') {
      // TronLink may have signed and broadcast before failing: only the chain can tell, so keep watching.
      const txid = outcome.txid?.toLowerCase();
      const reported =
        txid && /^[0-9a-f]{64}$/.test(txid) && !data.reportedTxids.includes(txid) ? [txid] : [];
      return {
        data: { ...settle, reportedTxids: [...data.reportedTxids, ...reported] },
        error: { code: 'tronlink_error', message: message('tronlink_error', [outcome.detail]) },
        nextRunAt: now,
      };
    }
    return null;
  }

  if (op === 'sign') {
    if (!data.txid || data.signature || job.terminal) return null;
    if (outcome.status === 'signed') {
      const signer = signatureSigner(data, outcome.signature);
      if (signer === data.payer) {
        return {
          state: 'signed',
          data: { signature: outcome.signature, action: null, ...settle },
          error: null,
          nextRunAt: now,
        };
      }
      // Garbage proves nothing and may be a page's noise; a real signature by another key means
      // TronLink is on another account: stop before claiming and ask again.
      if (signer === null || !current) return null;
      return waitForSignature(
        settle,
        'signature_wrong_account',
        message('signature_wrong_account', [signer, data.payer]),
      );
    }
    if (!current) return null;
    if (outcome.status === 'signature_declined' || outcome.status === 'rejected') {
      return waitForSignature(settle, 'signature_declined', message('signature_declined'));
    }
    if (outcome.status === 'error') {
      return waitForSignature(settle, 'tronlink_error', message('tronlink_error', [outcome.detail]));
    }
    if (movedNoMoney(outcome)) {
      const code = failureCodeOf(outcome);
      return waitForSignature(
        settle,
        code,
        message(code, outcome.status === 'wrong_account' ? [outcome.account, data.payer] : []),
      );
    }
  }
  return null;
}

function waitForSignature(
  settle: Partial<NrgClaimData>,
  code: NrgClaimErrorCode,
  text: string,
): JobPatch<NrgClaimData> {
  // The money is paid: never fail here. The job waits for "Sign again".
  return { data: { ...settle, action: 'sign_again' }, error: { code, message: text }, nextRunAt: null };
}

function failureCodeOf(outcome: BridgeOutcome): NrgClaimErrorCode {
  switch (outcome.status) {
    case 'not_installed':
      return 'tronlink_not_installed';
    case 'locked':
      return 'tronlink_locked';
    case 'request_pending':
      return 'tronlink_request_pending';
    case 'wrong_account':
      return 'tronlink_wrong_account';
    default:
      return 'tronlink_error';
  }
}

/** Reads a relay's raw report into an outcome, or null when it does not parse (a page's noise). */
export function parseReport(op: BridgeOp, report: unknown): BridgeOutcome | null {
  const parsed = rawReportSchema.safeParse(report);
  return parsed.success ? outcomeOf(op, parsed.data) : null;
}

/* The patch that ends a rental with an error, shared by every step that can give up. */
/** Ends the job as `failed` with `code` and its readable text. */
export function failedPatch(
  message: ClaimMessages,
  code: NrgClaimErrorCode,
  substitutions: string[] = [],
): JobPatch<NrgClaimData> {
  return { state: 'failed', terminal: true, error: { code, message: message(code, substitutions) } };
}

/*
 * What the `nrg-claim` job needs from the world (TronLink through a host tab, the chain, TronNRG,
 * storage), and the job as its steps see it. Each step module takes only the part it reads.
 */
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

/*
 * How a step of the `nrg-claim` job writes: every patch through the runner (then `onSaved`), and wake-up
 * times that never overwrite a result which landed from outside while the step ran.
 */
export type ClaimSave = StepContext<NrgClaimData>['save'] & {
  /**
   * Writes a new wake-up time unless an outside result changed the job while this step ran (the
   * runner skips a job that is mid-step, so that result's "run now" must not be overwritten).
   */
  reschedule(nextRunAt: number, data?: Partial<NrgClaimData>): Promise<void>;
};

/** The writer of one step of `job`: saves through `context`, reads the stored job to reschedule. */
export function createClaimSave(
  job: Claim,
  context: StepContext<NrgClaimData>,
  deps: Pick<NrgClaimDeps, 'readJob' | 'onSaved'>,
): ClaimSave {
  let lastSeen: Pick<JobRecord, 'updatedAt' | 'state' | 'nextRunAt'> = job;
  const save = async (patch: JobPatch<NrgClaimData>) => {
    const saved = await context.save(patch);
    lastSeen = saved;
    await deps.onSaved?.(saved as unknown as JobRecord);
    return saved;
  };
  return Object.assign(save, {
    async reschedule(nextRunAt: number, data?: Partial<NrgClaimData>) {
      const stored = await deps.readJob(job.id);
      const untouched =
        stored !== undefined &&
        stored.updatedAt === lastSeen.updatedAt &&
        stored.state === lastSeen.state &&
        stored.nextRunAt === lastSeen.nextRunAt;
      if (untouched) await save({ nextRunAt, data });
      else if (data) await save({ data });
    },
  });
}
