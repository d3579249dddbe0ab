/**
 * The USDT blacklist, read from the chain and cached: one batched read for the addresses a lookup
 * misses, fresh answers used as they are, stale ones used while a re-read runs (stale-while-
 * revalidate), and nothing re-read for a while after a failed read so a down node is not hammered.
 */
import { createLogger } from '@/lib/log';

const log = createLogger('risk');

/** Reads `isBlackListed` on the USDT contract for several addresses (the chain client implements it). */
export interface UsdtBlacklistReader {
  isBlackListed(addresses: string[]): Promise<Map<string, boolean>>;
}

export interface BlacklistEntry {
  blacklisted: boolean;
  /** Epoch ms of the chain read. */
  readAt: number;
}

export type BlacklistEntries = Record<string, BlacklistEntry>;

/** Where entries persist (the `local:usdtBlacklist` item in the extension, a plain object in tests). */
export interface BlacklistStore {
  get(): Promise<BlacklistEntries>;
  update(change: (current: BlacklistEntries) => BlacklistEntries): Promise<unknown>;
}

export interface BlacklistCacheOptions {
  reader: UsdtBlacklistReader;
  store: BlacklistStore;
  now?: () => number;
  /** Younger than this, an entry is used without a re-read. */
  freshMs?: number;
  /** Older than this, an entry is not shown at all (it is re-read first). */
  maxStaleMs?: number;
  /** Addresses per reader call. */
  batchSize?: number;
  /** After a failed read, the same address is not asked again for this long. */
  retryAfterFailureMs?: number;
  /** How long a read waits for more addresses to join it. */
  batchWindowMs?: number;
  /** Entries kept at most; the least recently read go first. */
  maxEntries?: number;
  /** Called with the addresses whose stored entry changed, after the write. */
  onChange?: (addresses: string[]) => void;
}

// Tether adds addresses to the blacklist a few times a week and almost never removes them: ten
// minutes of freshness costs nothing real, and a day-old answer beats none while a re-read runs.
export const BLACKLIST_FRESH_MS = 10 * 60_000;
export const BLACKLIST_MAX_STALE_MS = 24 * 60 * 60_000;
export const BLACKLIST_BATCH_SIZE = 50;
export const BLACKLIST_RETRY_AFTER_FAILURE_MS = 60_000;
export const BLACKLIST_MAX_ENTRIES = 5_000;
export const BLACKLIST_BATCH_WINDOW_MS = 20;

/** Creates the cache; `lookup` answers from storage at once and schedules whatever needs reading. */
export function createBlacklistCache(options: BlacklistCacheOptions) {
  const now = options.now ?? Date.now;
  const freshMs = options.freshMs ?? BLACKLIST_FRESH_MS;
  const maxStaleMs = options.maxStaleMs ?? BLACKLIST_MAX_STALE_MS;
  const batchSize = options.batchSize ?? BLACKLIST_BATCH_SIZE;
  const retryAfterFailureMs = options.retryAfterFailureMs ?? BLACKLIST_RETRY_AFTER_FAILURE_MS;
  const maxEntries = options.maxEntries ?? BLACKLIST_MAX_ENTRIES;
  const batchWindowMs = options.batchWindowMs ?? BLACKLIST_BATCH_WINDOW_MS;

  const queued = new Set<string>();
  const inFlight = new Set<string>();
  const failedAt = new Map<string, number>();
  let flushing: Promise<void> | null = null;

  function wanted(address: string): boolean {
    if (queued.has(address) || inFlight.has(address)) return false;
    const failed = failedAt.get(address);
    return failed === undefined || now() - failed >= retryAfterFailureMs;
  }

  async function readBatch(batch: string[]): Promise<void> {
    for (const address of batch) inFlight.add(address);
    try {
      const answers = await options.reader.isBlackListed(batch);
      const readAt = now();
      const changed: string[] = [];
      await options.store.update((current) => {
        const next = { ...current };
        for (const address of batch) {
          const blacklisted = answers.get(address);
          if (blacklisted === undefined) {
            failedAt.set(address, readAt);
            continue;
          }
          failedAt.delete(address);
          // A tab showed nothing for a missing or too-old entry, so even an unchanged answer is news.
          const before = next[address];
          if (!before || readAt - before.readAt >= maxStaleMs || before.blacklisted !== blacklisted) {
            changed.push(address);
          }
          next[address] = { blacklisted, readAt };
        }
        return evictOldest(next, maxEntries);
      });
      if (changed.length > 0) options.onChange?.(changed);
    } catch (error) {
      // The node is down or refused: keep whatever we had and try these again later.
      log.debug(`the blacklist answers for ${batch.length} addresses failed; asked again later`, error);
      const failed = now();
      for (const address of batch) failedAt.set(address, failed);
    } finally {
      for (const address of batch) inFlight.delete(address);
    }
  }

  async function flush(): Promise<void> {
    // Lookups arrive as separate messages (one per content-script batch): wait a moment so the
    // ones sent together join one read.
    await new Promise((resolve) => setTimeout(resolve, batchWindowMs));
    while (queued.size > 0) {
      const batch = [...queued].slice(0, batchSize);
      for (const address of batch) queued.delete(address);
      await readBatch(batch);
    }
  }

  function schedule(addresses: string[]): void {
    for (const address of addresses) if (wanted(address)) queued.add(address);
    if (queued.size === 0 || flushing) return;
    flushing = flush().finally(() => {
      flushing = null;
      if (queued.size > 0) schedule([]);
    });
  }

  return {
    /**
     * What is known now for each address: `true`/`false` from a fresh or usable stale entry, `null`
     * when nothing usable is stored. Missing and stale entries are read in the background; their
     * answers arrive through `onChange`.
     */
    async lookup(addresses: readonly string[]): Promise<Map<string, boolean | null>> {
      const entries = await options.store.get();
      const at = now();
      const known = new Map<string, boolean | null>();
      const toRead: string[] = [];
      for (const address of addresses) {
        const entry = entries[address];
        const age = entry ? at - entry.readAt : Infinity;
        known.set(address, entry && age < maxStaleMs ? entry.blacklisted : null);
        if (age >= freshMs) toRead.push(address);
      }
      schedule(toRead);
      return known;
    },
    /** Resolves once no read is queued or running (tests and the benchmark wait on it). */
    async idle(): Promise<void> {
      while (flushing) await flushing;
    },
  };
}

export type BlacklistCache = ReturnType<typeof createBlacklistCache>;

function evictOldest(entries: BlacklistEntries, maxEntries: number): BlacklistEntries {
  const addresses = Object.keys(entries);
  if (addresses.length <= maxEntries) return entries;
  const byAge = addresses.sort((a, b) => entries[a]!.readAt - entries[b]!.readAt);
  const kept: BlacklistEntries = {};
  for (const address of byAge.slice(addresses.length - maxEntries)) kept[address] = entries[address]!;
  return kept;
}
