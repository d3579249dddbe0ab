/**
 * What the bridge reports and what it means: the schemas every report is validated with (it crosses
 * the page, so it is untrusted input), and the outcome read from a valid report.
 */

import { z } from 'zod';
import { BRIDGE_OPS, PROVIDERS, type BridgeOp, type Provider } from './protocol';

/* Validation of everything the bridge reports: it crosses the page, so it is untrusted input. */
const text = (max: number) => z.string().max(max);
const errorCode = z.union([z.number(), text(80)]);

/** The wallet that answered: its TIP-6963 announcement when it made one, else the injected flags. */
export const walletIdentitySchema = z.object({
  name: z.string().min(1).max(60),
  rdns: z.string().max(100).nullable(),
  source: z.enum(['announced', 'flags', 'unknown']),
});
export type WalletIdentity = z.output<typeof walletIdentitySchema>;
/** Optional: reports from before the wallet was named, and a page's own reports, may lack it. */
const wallet = walletIdentitySchema.optional().catch(undefined);

/**
 * What the main-world function reports, before any interpretation: the raw shapes TronLink gave
 * (error codes, the legacy `{code}` answers, the bare string TronWeb rejects with).
 */
export const rawReportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('connected'), via: z.enum(PROVIDERS), account: text(64), wallet }),
  z.object({ kind: z.literal('paid'), via: z.enum(PROVIDERS), account: text(64), txid: text(80), wallet }),
  z.object({
    kind: z.literal('signed'),
    via: z.enum(PROVIDERS),
    account: text(64),
    signature: text(200),
    wallet,
  }),
  z.object({ kind: z.literal('absent') }),
  z.object({ kind: z.literal('locked'), via: z.enum(PROVIDERS).optional() }),
  z.object({ kind: z.literal('wrong_account'), account: text(64) }),
  z.object({
    kind: z.literal('error'),
    stage: z.enum(['accounts', 'pay', 'sign', 'input']),
    /** TIP-1193 `error.code`, or the node's broadcast code when TronWeb resolved `{result: false}`. */
    code: errorCode.optional(),
    /** The legacy `tronLink.request` answer code (200, 4000, 4001). */
    legacyCode: z.number().optional(),
    /** What was thrown when it was a bare string (TronWeb's "Confirmation declined by user"). */
    thrown: text(300).optional(),
    message: text(300).optional(),
    /** A txid TronWeb returned with a failed broadcast: the payment may still land. */
    txid: text(80).optional(),
  }),
]);
export type RawReport = z.output<typeof rawReportSchema>;

/** What the relay keeps per nonce, and what the background reads back after a worker restart. */
export const relayRecordSchema = z.object({
  op: z.enum(BRIDGE_OPS),
  phase: z.enum(['started', 'done']),
  report: z.unknown().optional(),
});
export type RelayRecord = z.output<typeof relayRecordSchema>;

/** The `bridge.result` message payload the relay sends to the background. */
export const bridgeResultSchema = z.object({
  nonce: z.string().min(8).max(100),
  op: z.enum(BRIDGE_OPS),
  report: rawReportSchema,
});
export type BridgeResult = z.output<typeof bridgeResultSchema>;

/*
 * Every way a TronLink request can end, as one clear state. TronLink answers in three dialects:
 * TIP-1193 errors (`{code: 4001 | -32002 | -32000 | 4200}`), the legacy `tronLink.request` answers
 * (`{code: 200 | 4000 | 4001}`, empty while locked), and TronWeb's signing calls, which reject with
 * the bare string "Confirmation declined by user".
 */
export type BridgeOutcome =
  | { status: 'connected'; account: string; via: Provider; wallet?: WalletIdentity }
  | { status: 'paid'; account: string; txid: string }
  | { status: 'signed'; account: string; signature: string }
  | { status: 'not_installed' }
  | { status: 'locked' }
  /** The person declined the connection or the payment in TronLink. */
  | { status: 'rejected' }
  /** TronLink already has a prompt open (its own -32002 / legacy 4000). */
  | { status: 'request_pending' }
  | { status: 'wrong_account'; account: string }
  | { status: 'signature_declined' }
  /** Anything else; for a payment, `txid` when TronWeb built and signed one whose broadcast failed. */
  | { status: 'error'; detail: string; txid?: string };

export type BridgeStatus = BridgeOutcome['status'];

/**
 * What TronWeb inside TronLink rejects a declined signature with. A platform string, not our choice:
 * TronLink gives no code for it, and dapps everywhere compare against this exact text.
 */
export const TRONLINK_DECLINED = 'Confirmation declined by user';

const TIP1193_REJECTED = 4001;
const TIP1193_PENDING = -32002;
/** TronLink's answer to `eth_requestAccounts` while it is locked. */
const TIP1193_LOCKED = -32000;
const LEGACY_PENDING = 4000;
const LEGACY_REJECTED = 4001;

/** Interprets one raw report for the operation that asked for it. */
export function outcomeOf(op: BridgeOp, report: RawReport): BridgeOutcome {
  switch (report.kind) {
    case 'connected':
      return report.wallet
        ? { status: 'connected', account: report.account, via: report.via, wallet: report.wallet }
        : { status: 'connected', account: report.account, via: report.via };
    case 'paid':
      return { status: 'paid', account: report.account, txid: report.txid };
    case 'signed':
      return { status: 'signed', account: report.account, signature: report.signature };
    case 'absent':
      return { status: 'not_installed' };
    case 'locked':
      return { status: 'locked' };
    case 'wrong_account':
      return { status: 'wrong_account', account: report.account };
    case 'error':
      return errorOutcome(op, report);
  }
}

function errorOutcome(op: BridgeOp, report: Extract<RawReport, { kind: 'error' }>): BridgeOutcome {
  const declined =
    report.code === TIP1193_REJECTED ||
    report.legacyCode === LEGACY_REJECTED ||
    report.thrown === TRONLINK_DECLINED;
  if (declined)
    return op === 'sign' && report.stage === 'sign'
      ? { status: 'signature_declined' }
      : { status: 'rejected' };
  if (report.stage === 'accounts') {
    if (report.code === TIP1193_PENDING || report.legacyCode === LEGACY_PENDING)
      return { status: 'request_pending' };
    if (report.code === TIP1193_LOCKED) return { status: 'locked' };
  }
  const detail =
    report.thrown ?? report.message ?? (report.code !== undefined ? String(report.code) : 'unknown error');
  return { status: 'error', detail, txid: report.txid };
}

/** True when the outcome proves no payment can follow from this request. */
export function movedNoMoney(outcome: BridgeOutcome): boolean {
  return (
    outcome.status === 'not_installed' ||
    outcome.status === 'locked' ||
    outcome.status === 'rejected' ||
    outcome.status === 'request_pending' ||
    outcome.status === 'wrong_account'
  );
}
