/**
 * What a rental stores: the `nrg-claim` job's data, the timings its steps keep, and the rental
 * history entry that outlives the job.
 */

import { z } from 'zod';
import { tronAddress } from '../api/common-schemas';
import { NRG_CLAIM_ACTIONS, NRG_CLAIM_STATES } from './job-names';
import type { JobRecord } from '../jobs/schema';
import { defineValidatedItem } from '../storage';

export {
  NRG_CLAIM_ACTIONS,
  NRG_CLAIM_KIND,
  NRG_CLAIM_STATES,
  NRG_CLAIM_TERMINAL_STATES,
  type NrgClaimAction,
  type NrgClaimState,
} from './job-names';

/*
 * The stored data of an `nrg-claim` job (DESIGN.md, "Durable jobs"): the quote it was started with,
 * the outstanding TronLink request, and every fact learned on the way (txid, signature, receipt).
 * Amounts are decimal strings of sun: storage holds JSON, and no JS number may carry money.
 */
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

/*
 * How long the `nrg-claim` job waits, watches and retries: the windows after which it gives up, the
 * guards written while a request is in flight, and the backoff schedules between attempts.
 */
/** After this long without a payment on the chain, a request that ended without a txid moved nothing. */
export const PAYMENT_WINDOW_MS = 3 * 60_000;
/**
 * `payment_verification_failed` is retried (seeds/001: most often "not indexed yet, wait and retry")
 * for at most 75 s and 20 claims in a row, whichever comes first.
 */
export const NOT_INDEXED_RETRY_MS = 75_000;
export const NOT_INDEXED_MAX_ATTEMPTS = 20;
/**
 * Transient claim failures (429, 5xx, a lost or unreadable answer) are retried for at most 60 minutes
 * and 30 claims in a row, whichever comes first; a `Retry-After` counts up to lib/jobs/retry.ts's cap.
 * The claim is keyed by the payment's hash, so no repeat can delegate twice.
 */
export const TRANSIENT_RETRY_MS = 60 * 60_000;
export const TRANSIENT_MAX_ATTEMPTS = 30;
/** Local and chain clocks differ a little; a payment this much "before" the job still counts. */
export const CHAIN_CLOCK_SLACK_MS = 60_000;
/** How long the chain is searched for our delegation after `hash_already_used` (a block or a few). */
export const ALREADY_USED_SEARCH_MS = 30_000;
/** How long a provider may take to appear in a tab that is still loading. */
export const WAIT_FOR_PROVIDER_MS = 4_000;
/**
 * Due times written while a request is in flight (a claim may take three 15 s attempts; opening a
 * TronScan tab takes a while too). A live worker never steps a job twice at once, so they matter only
 * after the worker died mid-request; the background then resumes such jobs at its next start.
 */
export const CLAIM_IN_FLIGHT_GUARD_MS = 60_000;
export const START_IN_FLIGHT_GUARD_MS = 30_000;

export const NOT_INDEXED_DELAYS_MS = [250, 500, 1_000, 2_000, 3_000];
export const TRANSIENT_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000];
export const WATCH_DELAYS_MS = [3_000, 5_000, 10_000, 20_000, 30_000];
export const PROPAGATION_RECHECK_MS = 1_000;
/** How long the relay must stay silent about a signing request before its answer counts as lost. */
export const RELAY_SILENCE_MS = 6_000;

/** The delay for the `attempt`-th retry (0-based): the schedule's last entry once it runs out. */
export const backoff = (delays: number[], attempt: number) => delays[Math.min(attempt, delays.length - 1)]!;

/** The watch interval while a TronLink prompt is open, growing the longer it stays open. */
export function watchDelay(openForMs: number): number {
  return backoff(WATCH_DELAYS_MS, Math.floor(openForMs / 30_000));
}

/*
 * The rental history: one entry per `nrg-claim` job, kept apart from the jobs themselves so that
 * dismissing a finished job from Activity never loses the record of what was paid and delegated.
 */
/** Oldest entries go first beyond this. */
export const RENTAL_HISTORY_MAX = 100;

const historySunText = z.string().regex(/^\d{1,19}$/);

export const rentalHistoryEntrySchema = z.object({
  jobId: z.string().min(1),
  createdAt: z.number(),
  updatedAt: z.number(),
  state: z.enum(NRG_CLAIM_STATES),
  terminal: z.boolean(),
  payer: z.string(),
  receiver: z.string(),
  energy: z.number().int().nonnegative(),
  priceSun: historySunText,
  txid: z.string().optional(),
  receipt: claimReceiptSchema.optional(),
  refund: claimRefundSchema.optional(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type RentalHistoryEntry = z.output<typeof rentalHistoryEntrySchema>;

/** Entries newest first; an entry that no longer parses is dropped, the rest are kept. */
export const rentalHistorySchema = z.array(z.unknown()).transform((raw) =>
  raw.flatMap((entry) => {
    const parsed = rentalHistoryEntrySchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  }),
);

/** The history entry for a rental job, or null for another kind or unreadable data. */
export function historyEntryOf(job: JobRecord): RentalHistoryEntry | null {
  const data = nrgClaimDataSchema.safeParse(job.data);
  const state = z.enum(NRG_CLAIM_STATES).safeParse(job.state);
  if (!data.success || !state.success) return null;
  return {
    jobId: job.id,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    state: state.data,
    terminal: job.terminal,
    payer: data.data.payer,
    receiver: data.data.receiver,
    energy: data.data.receipt?.energy ?? data.data.energy,
    priceSun: data.data.priceSun,
    txid: data.data.txid,
    receipt: data.data.receipt,
    refund: data.data.refund,
    error: job.error,
  };
}

/** Replaces (or adds) the entry of its job, newest first, at most `max` entries. */
export function upsertHistory(
  entries: RentalHistoryEntry[],
  entry: RentalHistoryEntry,
  max = RENTAL_HISTORY_MAX,
): RentalHistoryEntry[] {
  const rest = entries.filter((e) => e.jobId !== entry.jobId);
  return [entry, ...rest].sort((a, b) => b.createdAt - a.createdAt).slice(0, max);
}

/** Every TronNRG rental, newest first; kept when its job is dismissed from Activity. */
export const rentalHistoryItem = defineValidatedItem('local:rentalHistory', rentalHistorySchema, {
  fallback: [],
});
