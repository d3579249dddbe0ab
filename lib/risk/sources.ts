/**
 * What badges are built from, kept in memory: the badge settings, the known addresses, the cached
 * paid results and the stored blacklist answers. Each is read from storage once, then replaced by
 * its storage watcher on every change, whoever wrote it. Why: a TronScan tab sends several lookups
 * per scan while the user waits for badges, and reading and validating four storage items for each
 * was most of the background's answer time. A change reaches the mirror a moment after the write,
 * and the same change resets the tabs (see index.ts), so they ask again and get the new answer.
 */
import { settingsItem } from '@/lib/storage';
import { knownAddressesItem, riskResultsItem, usdtBlacklistItem } from './schemas';
import type { ValidatedItem } from '@/lib/storage';
import type { BlacklistStore } from '@/lib/risk/blacklist-cache';
import { knownAddressesAsList } from '@/lib/risk/known-addresses';

/** Reads of the sources; each answers from memory after the first. */
export function createRiskSources() {
  const blacklist = mirror(usdtBlacklistItem, (entries) => entries);
  return {
    badgeSettings: mirror(settingsItem, (settings) => settings.badges),
    knownAddresses: mirror(knownAddressesItem, knownAddressesAsList),
    results: mirror(riskResultsItem, (results) => results),
    /** The blacklist cache's store: reads from memory, writes through to storage. */
    blacklistStore: {
      get: blacklist,
      update: (change) => usdtBlacklistItem.update(change),
    } satisfies BlacklistStore,
  };
}

export type RiskSources = ReturnType<typeof createRiskSources>;

/** A reader of `view(item)` that reads storage only until the first answer, then follows the watcher. */
function mirror<T, V>(item: ValidatedItem<T>, view: (value: T) => V): () => Promise<V> {
  let current: Promise<V> | null = null;
  item.watch((value) => {
    current = Promise.resolve(view(value));
  });
  return () => {
    if (current) return current;
    const read = item.get().then(view);
    current = read;
    // A failed read is not remembered: the next lookup reads again.
    read.catch(() => {
      if (current === read) current = null;
    });
    return read;
  };
}
