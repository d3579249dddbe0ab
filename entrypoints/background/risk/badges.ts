/** Assembles the badges for a batch of addresses from the free signals and the cached paid results. */
import { settingsItem, riskResultsItem } from '@/lib/storage';
import { knownAddressList } from '@/lib/risk/known-addresses';
import { findLookalike } from '@/lib/risk/lookalike';
import { riskBadgeFor, type BadgeSettings, type RiskBadges } from '@/lib/risk/badge-model';
import type { BlacklistCache } from '@/lib/risk/blacklist-cache';

/** The badge settings a content script obeys. */
export async function badgeSettings(): Promise<BadgeSettings> {
  const { enabled, freeSignals } = (await settingsItem.get()).badges;
  return { enabled, freeSignals };
}

/**
 * Badges for `addresses` (already validated). Free signals are local reads plus the cached blacklist;
 * nothing here calls a paid service, and with free signals off neither the known addresses nor the
 * blacklist are read at all.
 */
export async function buildRiskBadges(
  addresses: readonly string[],
  blacklist: BlacklistCache,
): Promise<RiskBadges> {
  const { badges: settings } = await settingsItem.get();
  const view = { enabled: settings.enabled, freeSignals: settings.freeSignals };
  const unique = [...new Set(addresses)];
  if (!settings.enabled || unique.length === 0) return { settings: view, badges: [] };
  const [known, results, blacklisted] = await Promise.all([
    settings.freeSignals ? knownAddressList() : Promise.resolve([]),
    riskResultsItem.get(),
    settings.freeSignals ? blacklist.lookup(unique) : Promise.resolve(new Map<string, boolean | null>()),
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
}
