/**
 * How a TronLink result changes a rental, as pure functions the job and the background share: the
 * error codes a rental can show, and the checks that make a forged result harmless (a txid counts
 * only as the payer's transfer on the chain, a signature only when it recovers to the payer).
 */
import type { TransactionView } from '../tron/node-schemas';
import type { Job, JobPatch } from '../jobs/runner';
import { recoverMessageSignerV2 } from '../tron/signature';
import type { BridgeOp } from '../tronlink/protocol';
import { rawReportSchema } from '../tronlink/schemas';
import { movedNoMoney, outcomeOf, type BridgeOutcome } from '../tronlink/outcome';
import { claimMessage, type NrgClaimData } from './claim-data';
import { CHAIN_CLOCK_SLACK_MS } from './claim-timing';

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

type Claim = Job<NrgClaimData>;

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
