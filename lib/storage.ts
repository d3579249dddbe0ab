/**
 * Every persisted item, defined once. The zod schema is the stored shape; what fails to parse is
 * repaired on read (field by field where the schema says how, else back to the default) instead of
 * crashing the worker, and the repair is stored by the next write. Only the background writes; UI pages see views of these items through messages.
 */
import { storage, type StorageItemKey } from '#imports';
import { z } from 'zod';
import { jobRecordSchema } from './jobs/schema';
import { LOOKALIKE_SENSITIVITIES, NETWORK_PROFILES } from './config/choices';

/** Settings the user controls on the options page. */
export const settingsSchema = z.object({
  network: z
    .object({
      profile: z.enum(NETWORK_PROFILES).catch('production'),
      custom: z
        .object({
          twoAml: z.url().optional().catch(undefined),
          tronNrg: z.url().optional().catch(undefined),
          tronZap: z.url().optional().catch(undefined),
          tronNode: z.url().optional().catch(undefined),
          gateway: z.url().optional().catch(undefined),
        })
        .catch({}),
    })
    .catch({ profile: 'production', custom: {} }),
  badges: z
    .object({
      enabled: z.boolean().catch(true),
      freeSignals: z.boolean().catch(true),
      lookalikeSensitivity: z.enum(LOOKALIKE_SENSITIVITIES).catch('normal'),
    })
    .catch({ enabled: true, freeSignals: true, lookalikeSensitivity: 'normal' }),
  privacy: z
    .object({
      keepSignedIn: z.boolean().catch(false),
      sendFingerprint: z.boolean().catch(false),
    })
    .catch({ keepSignedIn: false, sendFingerprint: false }),
});
export type Settings = z.output<typeof settingsSchema>;

/** Durable jobs by id; an entry that no longer parses is dropped, the rest are kept. */
export const jobsSchema = z.record(z.string(), z.unknown()).transform((entries) => {
  const valid: Record<string, z.output<typeof jobRecordSchema>> = {};
  for (const [id, raw] of Object.entries(entries)) {
    const parsed = jobRecordSchema.safeParse(raw);
    if (parsed.success) valid[id] = parsed.data;
  }
  return valid;
});
export type JobsById = z.output<typeof jobsSchema>;

export interface ValidatedItem<T> {
  readonly key: StorageItemKey;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  /** Read-modify-write, serialized per item so concurrent updates in one worker never lose a write. */
  update(change: (current: T) => T | Promise<T>): Promise<T>;
  watch(callback: (value: T) => void): () => void;
}

/** Defines one stored item whose schema both validates and repairs what is read. */
export function defineValidatedItem<S extends z.ZodType>(
  key: StorageItemKey,
  schema: S,
  options: {
    fallback: z.output<S>;
    version?: number;
    migrations?: Record<number, (old: unknown) => unknown>;
  },
): ValidatedItem<z.output<S>> {
  type T = z.output<S>;
  const item = storage.defineItem<unknown>(key, {
    fallback: options.fallback,
    version: options.version ?? 1,
    migrations: options.migrations,
  });
  const repair = (raw: unknown): T => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : structuredClone(options.fallback);
  };
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <R>(work: () => Promise<R>): Promise<R> => {
    const run = queue.then(work, work);
    // The caller gets the failure through `run`; the queue only has to keep going.
    queue = run.catch(() => undefined);
    return run;
  };
  // Reads never write: a repair is persisted by the next update, inside the write queue, so a read
  // can never race an update and roll it back.
  const read = async (): Promise<T> => repair(await item.getValue());
  return {
    key,
    get: read,
    set: (value) => serialized(() => item.setValue(schema.parse(value))),
    update: (change) =>
      serialized(async () => {
        const next = schema.parse(await change(await read())) as T;
        await item.setValue(next);
        return next;
      }),
    watch: (callback) => item.watch((raw) => callback(repair(raw))),
  };
}

export const settingsItem = defineValidatedItem('local:settings', settingsSchema, {
  fallback: settingsSchema.parse({}),
});

export const jobsItem = defineValidatedItem('local:jobs', jobsSchema, { fallback: {} });

/**
 * Keeps `storage.local` for extension pages and the worker (Chromium lets content scripts read and
 * write it by default, and a content script runs beside pages that may be hostile). Firefox has no
 * such switch; there nothing secret is in `storage.local` in clear (sealed sessions), and jobs are
 * re-validated by the code that runs them.
 */
export async function restrictStorageToExtension(
  local: { setAccessLevel?: (details: { accessLevel: string }) => Promise<void> } | undefined = (
    globalThis as {
      chrome?: { storage?: { local?: { setAccessLevel?: (d: { accessLevel: string }) => Promise<void> } } };
    }
  ).chrome?.storage?.local,
): Promise<boolean> {
  if (typeof local?.setAccessLevel !== 'function') return false;
  await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
  return true;
}
