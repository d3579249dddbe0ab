/** Assembles the badges for a batch of addresses from the free signals and the cached paid results. */
import { findLookalike } from '@/lib/risk/lookalike';
import { riskBadgeFor, type BadgeSettings, type RiskBadges } from '@/lib/risk/badge-model';
import type { BlacklistCache } from '@/lib/risk/blacklist-cache';
import type { RiskSources } from './sources';

/** Badge building over `sources` (kept in memory) and the blacklist cache. */
export function createBadgeBuilder(sources: RiskSources, blacklist: () => BlacklistCache) {
  return {
    /** The badge settings a content script obeys. */
    async settings(): Promise<BadgeSettings> {
      const { enabled, freeSignals } = await sources.badgeSettings();
      return { enabled, freeSignals };
    },
    /**
     * Badges for `addresses` (already validated). Free signals are local reads plus the cached
     * blacklist; nothing here calls a paid service, and with free signals off neither the known
     * addresses nor the blacklist are read at all.
     */
    async build(addresses: readonly string[]): Promise<RiskBadges> {
      const settings = await sources.badgeSettings();
      const view = { enabled: settings.enabled, freeSignals: settings.freeSignals };
      const unique = [...new Set(addresses)];
      if (!settings.enabled || unique.length === 0) return { settings: view, badges: [] };
      const [known, results, blacklisted] = await Promise.all([
        settings.freeSignals ? sources.knownAddresses() : Promise.resolve([]),
        sources.results(),
        settings.freeSignals
          ? blacklist().lookup(unique)
          : Promise.resolve(new Map<string, boolean | null>()),
      ]);
      return {
        settings: view,
        badges: unique.map((address) =>
          riskBadgeFor({
            address,
            lookalikeOf: settings.freeSignals
              ? findLookalike(address, known, settings.lookalikeSensitivity)
              : null,
            blacklisted: blacklisted.get(address) ?? null,
            result: results[address] ?? null,
          }),
        ),
      };
    },
  };
}

export type BadgeBuilder = ReturnType<typeof createBadgeBuilder>;
