/**
 * What each finished rental saved against burning the same energy at the chain's energy fee, kept
 * apart from the jobs (dismissing a job from Activity keeps its saving) and from the history rows
 * (a row written before savings existed has none, and none is guessed for it). One record per job,
 * written once when the rental is ready on the chain, with the fee the chain charged at that time.
 */
import { z } from 'zod';
import type { JobRecord } from '../jobs/schema';
import { defineValidatedItem } from '../storage';
import { ENERGY_ORDER_KIND, ZAP_ORDER_KIND, NRG_CLAIM_KIND } from './job-names';

/** Oldest records go first beyond this; the total counts what is kept. */
export const SAVINGS_MAX = 500;

const sunText = z.string().regex(/^\d{1,19}$/);

export const savingRecordSchema = z.object({
  jobId: z.string().min(1),
  kind: z.string().min(1),
  finishedAt: z.number(),
  energy: z.number().int().positive(),
  /** What the rental cost, sun. */
  paidSun: sunText,
  /** Sun per burned energy unit when the rental finished (`getEnergyFee`). */
  energyFeeSun: sunText,
  /** `energy × energyFeeSun − paidSun`; negative when burning would have been cheaper. */
  savedSun: z.string().regex(/^-?\d{1,19}$/),
});
export type SavingRecord = z.output<typeof savingRecordSchema>;

/** Records newest first; one that no longer parses is dropped, the rest kept. */
export const savingsSchema = z.array(z.unknown()).transform((raw) =>
  raw.flatMap((record) => {
    const parsed = savingRecordSchema.safeParse(record);
    return parsed.success ? [parsed.data] : [];
  }),
);

export const savingsItem = defineValidatedItem('local:rentalSavings', savingsSchema, { fallback: [] });

const digits = (value: unknown): bigint | null =>
  typeof value === 'string' && /^\d{1,19}$/.test(value) ? BigInt(value) : null;
const units = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;

/**
 * The energy a finished rental delivered and what it cost, or null for a job that is not a rental
 * ready on the chain: TronNRG `delegated` (the receipt's energy and cost), a TronZap energy order
 * `ready`, a 2aml energy order `ready` (what 2aml charged, else the confirmed price).
 */
export function rentalOutcomeOf(job: JobRecord): { energy: number; paidSun: bigint } | null {
  const data = job.data;
  if (job.kind === NRG_CLAIM_KIND && job.state === 'delegated') {
    const receipt = (data.receipt ?? null) as { energy?: unknown; costSun?: unknown } | null;
    const energy = units(receipt?.energy) ?? units(data.energy);
    const paid = digits(receipt?.costSun) ?? digits(data.priceSun);
    return energy !== null && paid !== null ? { energy, paidSun: paid } : null;
  }
  if (job.kind === ZAP_ORDER_KIND && job.state === 'ready' && data.service === 'energy') {
    const energy = units(data.amount);
    const paid = digits(data.priceSun);
    return energy !== null && paid !== null ? { energy, paidSun: paid } : null;
  }
  if (job.kind === ENERGY_ORDER_KIND && job.state === 'ready') {
    const energy = units(data.energy);
    const paid = digits(data.chargedSun) ?? digits(data.priceSun);
    return energy !== null && paid !== null ? { energy, paidSun: paid } : null;
  }
  return null;
}

/** The saving record of a finished rental at `energyFeeSun`, or null for any other job. */
export function savingOf(job: JobRecord, energyFeeSun: bigint, at: number): SavingRecord | null {
  const outcome = rentalOutcomeOf(job);
  if (!outcome) return null;
  const burned = BigInt(outcome.energy) * energyFeeSun;
  return {
    jobId: job.id,
    kind: job.kind,
    finishedAt: at,
    energy: outcome.energy,
    paidSun: outcome.paidSun.toString(),
    energyFeeSun: energyFeeSun.toString(),
    savedSun: (burned - outcome.paidSun).toString(),
  };
}

/** Adds `record` unless its job already has one (the first fee read is the one kept). */
export function addSaving(records: SavingRecord[], record: SavingRecord, max = SAVINGS_MAX): SavingRecord[] {
  if (records.some((r) => r.jobId === record.jobId)) return records;
  return [record, ...records].sort((a, b) => b.finishedAt - a.finishedAt).slice(0, max);
}

/** The sum of every kept saving, sun (negative savings count against it). */
export function totalSavedSun(records: SavingRecord[]): bigint {
  return records.reduce((sum, r) => sum + BigInt(r.savedSun), 0n);
}
