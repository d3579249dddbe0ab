/**
 * The background side of the TronScan badges: answers `risk.lookup` from free signals and cached
 * results (never a paid call), opens the extension-owned confirmation for `risk.requestCheck`, and
 * pushes updates to TronScan tabs when results, the blacklist, known addresses or settings change.
 *
 * `createRiskHandlers` registers its storage and window listeners synchronously, so it must be called
 * once per worker start while the background wires itself (as `defineBackground` does).
 */
import { MessageRefused, type Handlers } from '@/lib/messaging';
import { settingsItem } from '@/lib/storage';
import { knownAddressesItem, riskResultsItem } from './schemas';
import {
  createBlacklistCache,
  type BlacklistCache,
  type UsdtBlacklistReader,
} from '@/lib/risk/blacklist-cache';
import { riskBadgeFor, type BadgeSettings, type RiskBadges, type RiskUpdate } from '@/lib/risk/badge-model';
import { findLookalike } from '@/lib/risk/lookalike';
import type { KnownAddresses } from '@/lib/risk/schemas';
import { isTronAddress } from '@/lib/tron/address';
import { createRiskSources, type RiskSources } from './sources';
import { createTabUpdates, type TabUpdates } from './tab-updates';
import { createCheckWindows } from './windows';
import { createChainBlacklistReader } from './chain-blacklist';
import { createLogger } from '@/lib/log';
import { createSerialQueue } from '@/lib/queue';

export interface RiskDeps {
  /** USDT `isBlackListed` from the chain; defaults to the node of the active network profile. */
  blacklistReader?: UsdtBlacklistReader;
  /** Where updates go; injectable for tests. */
  tabUpdates?: TabUpdates;
}

/** How long pushes are gathered before one update goes out (blacklist answers arrive in batches). */
const PUSH_COALESCE_MS = 50;

const log = createLogger('risk');

/** The handlers of the risk messages; also starts the update pushes. */
export function createRiskHandlers(deps: RiskDeps = {}): Handlers {
  const tabUpdates = deps.tabUpdates ?? createTabUpdates();
  const sources = createRiskSources();
  const push = createPushQueue(tabUpdates);
  const badges = createBadgeBuilder(sources, () => blacklist);
  const pushChanged = createChangePusher(push, badges);
  const blacklist: BlacklistCache = createBlacklistCache({
    reader: deps.blacklistReader ?? createChainBlacklistReader(),
    store: sources.blacklistStore,
    onChange: pushChanged,
  });
  const windows = createCheckWindows();
  watchForUpdates(push, pushChanged, badges);
  browser.tabs.onRemoved.addListener((tabId) => void tabUpdates.untrack(tabId));

  const requireAddress = (type: string, address: string) => {
    if (!isTronAddress(address)) throw new MessageRefused('invalid_payload', `${type}: not a TRON address`);
  };

  return {
    'risk.lookup': async ({ addresses }, { role, tabId }) => {
      const { valid, invalid } = splitByChecksum(addresses);
      if (role === 'content' && tabId !== undefined) await tabUpdates.track(tabId);
      return { ...(await badges.build(valid)), invalid };
    },
    'risk.requestCheck': async ({ address }) => {
      requireAddress('risk.requestCheck', address);
      await windows.requestCheck(address);
    },
    'risk.openCheckPage': async ({ address }, { tabId }) => {
      requireAddress('risk.openCheckPage', address);
      await windows.openCheckPage(address, tabId);
    },
  };
}

/**
 * The content script sends whatever on the page is shaped like an address and leaves the checksum to
 * us: the valid ones get badges, the others are listed back so the page shows no badge for them.
 * Cheap for any batch a page can cause (200 at most, by the protocol): `isTronAddress` is two
 * SHA-256 of 21 bytes and remembers its answers, so a page repeating strings costs no hashing.
 */
function splitByChecksum(addresses: readonly string[]): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const address of new Set(addresses)) (isTronAddress(address) ? valid : invalid).push(address);
  return { valid, invalid };
}

type PushQueue = (build: () => Promise<RiskUpdate>) => void;

/**
 * Sends updates to the tabs one at a time, each built only when its turn comes. Why: an update
 * carries the settings it was built under; built early and sent late, it could reach a tab after the
 * reset announcing newer settings and put the old ones back (badges saying free signals are on
 * after they were turned off). In one queue, an update built before a settings change always
 * arrives before that change's reset.
 */
function createPushQueue(tabUpdates: TabUpdates): PushQueue {
  const inTurn = createSerialQueue();
  return (build) => {
    void inTurn(async () => tabUpdates.broadcast(await build())).catch((error: unknown) =>
      log.warn('a badge update could not be built or sent; the next one goes on', error),
    );
  };
}

/** Gathers changed addresses for a moment, then pushes their fresh badges to every tab. */
function createChangePusher(push: PushQueue, badges: BadgeBuilder) {
  const changed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (addresses: readonly string[]) => {
    for (const address of addresses) changed.add(address);
    timer ??= setTimeout(() => {
      timer = undefined;
      const batch = [...changed];
      changed.clear();
      push(async () => ({ ...(await badges.build(batch)), reset: false }));
    }, PUSH_COALESCE_MS);
  };
}

/** Storage watchers: a new paid result updates its address; settings or known addresses reset tabs. */
function watchForUpdates(
  push: PushQueue,
  pushChanged: (addresses: string[]) => void,
  badges: BadgeBuilder,
): void {
  let lastResults: Promise<Record<string, unknown>> = riskResultsItem.get();
  riskResultsItem.watch((results) => {
    lastResults = lastResults.then((before) => {
      const changed = Object.keys(results).filter(
        (address) => JSON.stringify(before[address]) !== JSON.stringify(results[address]),
      );
      const removed = Object.keys(before).filter((address) => !(address in results));
      if (changed.length + removed.length > 0) pushChanged([...changed, ...removed]);
      return results;
    });
  });

  const reset = (settings?: BadgeSettings) =>
    push(async () => ({ settings: settings ?? (await badges.settings()), badges: [], reset: true }));
  let lastBadges = settingsItem.get().then((s) => JSON.stringify(s.badges));
  settingsItem.watch((settings) => {
    const next = JSON.stringify(settings.badges);
    lastBadges = lastBadges.then((before) => {
      if (before !== next)
        reset({ enabled: settings.badges.enabled, freeSignals: settings.badges.freeSignals });
      return next;
    });
  });
  // Lookalike warnings depend on which addresses are known and why, not on when they were last used:
  // a feature refreshing `lastUsedAt` must not make every tab look everything up again.
  const knownSignature = (known: KnownAddresses) =>
    Object.keys(known)
      .sort()
      .map((address) => `${address}:${known[address]!.sources.join(',')}`)
      .join(' ');
  let lastKnown = knownAddressesItem.get().then(knownSignature);
  knownAddressesItem.watch((known) => {
    const next = knownSignature(known);
    lastKnown = lastKnown.then((before) => {
      if (before !== next) reset();
      return next;
    });
  });
}

// ── The badges of a lookup ──

/** Assembles the badges for a batch of addresses from the free signals and the cached paid results. */
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
