/**
 * Every payment txid a rental has taken as its own, kept apart from the jobs so that dismissing a
 * finished rental from Activity never frees its payment for another job to claim again. A txid is
 * taken atomically (one storage update), so two jobs can never both take the same payment.
 */
import { z } from 'zod';
import { defineValidatedItem } from '../storage';

/**
 * Entries are forgotten after this long. A rental only accepts a payment whose block time is after it
 * started (less a minute of clock slack), and it looks for one for minutes, not days: a txid this old
 * can no longer pass that rule for any new rental, so the set stays small without reopening a door.
 */
export const CONSUMED_TXID_KEEP_MS = 30 * 24 * 60 * 60_000;

const entrySchema = z.object({ jobId: z.string().min(1), at: z.number() });
const txidSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** txid → the job that took it; an entry that does not parse is dropped, the rest are kept. */
const consumedSchema = z.record(z.string(), z.unknown()).transform((raw) => {
  const kept: Record<string, z.output<typeof entrySchema>> = {};
  for (const [txid, entry] of Object.entries(raw)) {
    const parsed = entrySchema.safeParse(entry);
    if (txidSchema.safeParse(txid).success && parsed.success) kept[txid] = parsed.data;
  }
  return kept;
});

export const consumedTxidsItem = defineValidatedItem('local:energyConsumedTxids', consumedSchema, {
  fallback: {},
});

/** Takes `txid` for `jobId`; false when another job already took it (then it is not this job's payment). */
export async function consumeTxid(txid: string, jobId: string, now = Date.now()): Promise<boolean> {
  const key = txid.toLowerCase();
  let taken = false;
  await consumedTxidsItem.update((entries) => {
    const owner = entries[key];
    if (owner && owner.jobId !== jobId) return entries;
    taken = true;
    const kept = Object.fromEntries(
      Object.entries(entries).filter(([, entry]) => now - entry.at < CONSUMED_TXID_KEEP_MS),
    );
    return { ...kept, [key]: owner ?? { jobId, at: now } };
  });
  return taken;
}

/** txids taken by any job but `exceptJobId`. */
export async function txidsConsumedByOthers(exceptJobId: string): Promise<string[]> {
  const entries = await consumedTxidsItem.get();
  return Object.entries(entries)
    .filter(([, entry]) => entry.jobId !== exceptJobId)
    .map(([txid]) => txid);
}
