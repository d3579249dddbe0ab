/**
 * The stored data of an `nrg-claim` job (DESIGN.md, "Durable jobs"): the quote it was started with,
 * the outstanding TronLink request, and every fact learned on the way (txid, signature, receipt).
 * Amounts are decimal strings of sun: storage holds JSON, and no JS number may carry money.
 */
import { z } from 'zod';
import { tronAddress } from '../api/common-schemas';
import { NRG_CLAIM_ACTIONS } from './claim-states';

export * from './claim-states';

const sunText = z.string().regex(/^\d{1,19}$/, 'sun as decimal digits');
const txid = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex');

/** One request handed to TronLink; its nonce routes the result back to this job. */
export const bridgeRequestRecordSchema = z.object({
  nonce: z.string().min(8),
  op: z.enum(['pay', 'sign']),
  sentAt: z.number(),
  /** Set once TronLink answered without a usable result (the request is over). */
  settled: z.boolean().default(false),
});
export type BridgeRequestRecord = z.output<typeof bridgeRequestRecordSchema>;

export const claimReceiptSchema = z.object({
  /** TronNRG's reference (absent when the delegation was recovered from the chain). */
  ref: z.string().optional(),
  energy: z.number().int().nonnegative(),
  costSun: sunText,
  delegations: z.array(z.object({ tx: z.string().min(1), energy: z.number().int().optional() })),
  /** True when found on the chain after a claim whose answer was lost. */
  recovered: z.boolean().default(false),
});
export type ClaimReceipt = z.output<typeof claimReceiptSchema>;

export const claimRefundSchema = z.object({ to: z.string(), amountSun: sunText });

export const nrgClaimDataSchema = z.object({
  payer: tronAddress,
  receiver: tronAddress,
  payTo: tronAddress,
  priceSun: sunText,
  /** Energy the price buys (what TronNRG should delegate). */
  energy: z.number().int().positive(),
  /** Energy the person needed (the sizing minus what the receiver had). */
  neededEnergy: z.number().int().positive(),
  /** When the job began: a payment found on the chain must be at or after this. */
  startedAt: z.number(),
  /** The tab hosting the latest request (the signature is asked for where the payment was). */
  hostTabId: z.number().int().nullable().default(null),
  /** Every nonce this job handed out (a valid late result may arrive for an older one). */
  nonces: z.array(z.string()).default([]),
  request: bridgeRequestRecordSchema.nullable().default(null),
  /** txids the bridge reported and the chain has not confirmed yet; kept until checked. */
  reportedTxids: z.array(txid).default([]),
  /** The verified payment; once set, never cleared and never paid again. */
  txid: txid.optional(),
  paidAt: z.number().optional(),
  signature: z.string().optional(),
  /** `POST /delegate` attempts made (counted before each one is sent). */
  claimAttempts: z.number().int().nonnegative().default(0),
  /** First `payment_verification_failed` 404 of the current streak (the payment not indexed yet). */
  notIndexedSince: z.number().optional(),
  /** Claims in the current not-indexed streak. */
  notIndexedAttempts: z.number().int().nonnegative().default(0),
  /** When the claim keeps failing for transient reasons, the first such failure. */
  failingSince: z.number().optional(),
  /** Claims in the current streak of transient failures. */
  failingAttempts: z.number().int().nonnegative().default(0),
  action: z.enum(NRG_CLAIM_ACTIONS).nullable().default(null),
  /** Bumped by "Sign again": a signature is asked for once per round. */
  signRound: z.number().int().nonnegative().default(0),
  /** First `hash_already_used` answer: the chain is searched for our delegation a little longer. */
  alreadyUsedSince: z.number().optional(),
  receipt: claimReceiptSchema.optional(),
  refund: claimRefundSchema.optional(),
});

export type NrgClaimData = z.output<typeof nrgClaimDataSchema>;
export type NrgClaimDataInput = z.input<typeof nrgClaimDataSchema>;

/** The exact text the payer signs for TronNRG: `{tx_hash}:{delegate_to}`. */
export function claimMessage(txidHex: string, receiver: string): string {
  return `${txidHex}:${receiver}`;
}
