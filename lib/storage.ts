/**
 * Every persisted item, defined once. The zod schema is the stored shape; what fails to parse is
 * repaired on read (field by field where the schema says how, else back to the default) instead of
 * crashing the worker, and the repair is stored by the next write. Only the background writes; UI pages see views of these items through messages.
 */
import { storage, type StorageItemKey } from '#imports';
import { z } from 'zod';
import { jobRecordSchema } from './jobs/schema';
import { createSerialQueue } from './queue';
import { DEFAULT_SETTINGS, perCustomService, settingsFields } from './config/settings-fields';

/** A section whose fields each fall back to their default, and all of them when it is no object. */
function withDefaults<S extends Record<string, z.ZodType>>(
  shape: S,
  defaults: { [K in keyof S]: z.output<S[K]> },
) {
  const repaired = Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, field.catch(defaults[key])]),
  ) as { [K in keyof S]: z.ZodCatch<S[K]> };
  return z.object(repaired).catch(defaults as z.output<z.ZodObject<typeof repaired>>);
}

/** A stored custom address: a URL, or none when what is stored is not one. */
const customAddress = () => z.url().optional().catch(undefined);

const fields = settingsFields();

/**
 * Settings the user controls on the options page (fields in lib/config/settings-fields.ts). The
 * merchant gateway's address is stored and read with the custom ones, but no message sets it.
 */
export const settingsSchema = z.object({
  network: withDefaults(
    {
      ...fields.network,
      custom: z.object({ ...perCustomService(customAddress), gateway: customAddress() }),
    },
    DEFAULT_SETTINGS.network,
  ),
  badges: withDefaults(fields.badges, DEFAULT_SETTINGS.badges),
  privacy: withDefaults(fields.privacy, DEFAULT_SETTINGS.privacy),
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
  const serialized = createSerialQueue();
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

/** The part of Chromium's `storage.local` that sets who may use it (absent in Firefox). */
interface AccessLevelArea {
  setAccessLevel?: (details: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
}

/**
 * Keeps `storage.local` for extension pages and the worker (Chromium lets content scripts read and
 * write it by default, and a content script runs beside pages that may be hostile). Firefox has no
 * such switch: there only the sealing of the kept session protects what is stored, so a job written
 * by a content script is not yet refused there.
 */
export async function restrictStorageToExtension(
  local: AccessLevelArea | undefined = (globalThis as { chrome?: { storage?: { local?: AccessLevelArea } } })
    .chrome?.storage?.local,
): Promise<boolean> {
  if (typeof local?.setAccessLevel !== 'function') return false;
  await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
  return true;
}
