/**
 * The rental history: one entry per `nrg-claim` job, kept apart from the jobs themselves so that
 * dismissing a finished job from Activity never loses the record of what was paid and delegated.
 */
import { z } from 'zod';
import { claimReceiptSchema, claimRefundSchema, NRG_CLAIM_STATES, nrgClaimDataSchema } from './claim-data';
import type { JobRecord } from '../jobs/schema';
import { defineValidatedItem } from '../storage';

/** Oldest entries go first beyond this. */
export const RENTAL_HISTORY_MAX = 100;

const sunText = z.string().regex(/^\d{1,19}$/);

export const rentalHistoryEntrySchema = z.object({
  jobId: z.string().min(1),
  createdAt: z.number(),
  updatedAt: z.number(),
  state: z.enum(NRG_CLAIM_STATES),
  terminal: z.boolean(),
  payer: z.string(),
  receiver: z.string(),
  energy: z.number().int().nonnegative(),
  priceSun: sunText,
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
