/** The stored shape shared by every durable job; each kind validates its own `data`. */
import { z } from 'zod';

export const jobErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
});
export type JobError = z.output<typeof jobErrorSchema>;

export const jobRecordSchema = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  state: z.string().min(1),
  /** Terminal jobs are never stepped again. */
  terminal: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** When the runner should step the job next; null = waiting on an outside event only. */
  nextRunAt: z.number().nullable(),
  attempts: z.number().int().nonnegative(),
  error: jobErrorSchema.nullable(),
  data: z.record(z.string(), z.unknown()),
  /** Each state the job entered, in order (write-ahead: written before the side effect). */
  log: z.array(z.object({ state: z.string(), at: z.number() })),
});
export type JobRecord = z.output<typeof jobRecordSchema>;
