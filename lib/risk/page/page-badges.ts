/**
 * Keeps one badge beside every address occurrence of the page, and only one: scans the page once,
 * then only what changes (one MutationObserver, each callback handled at once, before the page's
 * next layout; only added subtrees scanned), follows SPA navigation, puts a fixed-size host after
 * every candidate as it is found, asks the background in batches which candidates are addresses and
 * what their badges say, draws the confirmed ones near the viewport, removes the others when idle,
 * and applies the updates it pushes.
 *
 * This module wires the parts and turns badges on and off: the registry of placed badges
 * (badge-registry.ts), their placement (badge-placement.ts) and drawing near the viewport
 * (badge-drawing.ts), the page's changes (mutation-batches.ts, page-changes.ts), the questions to the
 * background (badge-lookups.ts) and what a person does with a badge (badge-interactions.ts).
 *
 * Test URLs: https://tronscan.org/#/address/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t (rows arrive after
 * load and on hash navigation), the sandbox's `/tronscan/` pages, `/tronscan/#/transfers?rows=10000`.
 */
import type { BadgeSettings, RiskBadge, RiskUpdate } from '@/lib/risk/badge-model';
import { adoptHostSheet } from './styles';
import type { BadgeMetrics, BatchKind } from './metrics';
import { createValidity } from './validity';
import { createBadgeRegistry } from './badge-registry';
import { createBadgeLookups } from './badge-lookups';
import { createBadgeInteractions } from './badge-interactions';
import { createBadgeDrawing } from './badge-drawing';
import { createBadgePlacement } from './badge-placement';
import { readPageChanges } from './page-changes';
import { createMutationBatches, type MutationBatch } from './mutation-batches';
import type { RiskChannel } from './risk-channel';

export type { RiskChannel } from './risk-channel';

/** The badge layer of one document. */
export function createPageBadges(doc: Document, channel: RiskChannel, metrics: BadgeMetrics | null) {
  const win = doc.defaultView!;
  let settings: BadgeSettings = { enabled: false, freeSignals: false };
  let attached = false;

  const registry = createBadgeRegistry();
  // What the background said about each address.
  const riskBadges = new Map<string, RiskBadge>();
  const view = {
    badgeOf: (address: string) => riskBadges.get(address),
    ofHost: registry.ofHost,
  };

  const lookups = createBadgeLookups(channel, metrics, {
    onAnswer: (answer) => applyAnswer(answer.settings, answer.badges, answer.invalid),
    stillNeeded: (address) =>
      validity.isWaitedFor(address) || (registry.has(address) && !riskBadges.has(address)),
  });
  // Candidates become badges only once the background confirmed they are addresses.
  const validity = createValidity({
    ask: (candidate) => lookups.want(candidate),
    onSettled: (anchor, addresses) => {
      if (attached) placement.settle(anchor, addresses);
    },
  });
  const interactions = createBadgeInteractions(doc, channel, view);
  // Badges are drawn near the viewport only; anchors are watched from the moment they are found.
  const drawing = createBadgeDrawing(win, registry, view, {
    onNearDrawn: (started) => report('render', started, started, 0),
    markShown: metrics !== null,
  });
  const placement = createBadgePlacement(doc, {
    registry,
    validity,
    drawing,
    wantBadge: (address) => {
      if (!riskBadges.has(address)) lookups.want(address);
    },
    // Runs only in our own tasks, after our insertions: the records queued now are ours.
    afterOwnChanges: () => {
      if (attached) mutations.dropOwnRecords();
    },
    metrics,
  });
  const mutations = createMutationBatches(doc, scanChanges);

  /** Reports one finished batch to the sandbox metrics (production builds have none). */
  function report(kind: BatchKind, noticedAt: number, startedAt: number, placed: number): void {
    if (!metrics) return;
    const drawn = drawing.takeFirstDraws();
    metrics.batch({
      kind,
      noticedAt,
      startedAt,
      placed,
      drawn,
      badges: registry.count,
      waiting: validity.waiting,
    });
  }

  /** Brings the badges up to date with one batch of the page's changes. */
  function scanChanges({ records, sweep, noticedAt, startedAt }: MutationBatch): void {
    const { changed, roots } = readPageChanges(records, registry, placement.unplace);
    let badged = 0;
    for (const node of changed) badged += placement.reevaluate(node);
    badged += placement.scan(sweep ? [doc.body ?? doc.documentElement] : roots);
    drawing.flush();
    // Nothing else ran since this batch started, so the records queued now are only our own
    // insertions and removals: drop them instead of walking them in another callback.
    mutations.dropOwnRecords();
    report(sweep ? 'sweep' : 'mutations', noticedAt, startedAt, badged);
  }

  function attach(): void {
    attached = true;
    adoptHostSheet(doc);
    const root = doc.body ?? doc.documentElement;
    const started = performance.now();
    const badged = placement.scan([root]);
    drawing.flush();
    report('initial', started, started, badged);
    // The whole document: at `document_start` there is no body yet.
    mutations.observe(doc.documentElement);
  }

  function detach(): void {
    attached = false;
    mutations.disconnect();
    interactions.hideTooltip();
    placement.dropRejected();
    registry.clear();
    validity.clearWaits();
    drawing.near.reset();
    const now = performance.now();
    report('detached', now, now, 0);
  }

  function applySettings(next: BadgeSettings): void {
    const changed = next.enabled !== settings.enabled || next.freeSignals !== settings.freeSignals;
    settings = next;
    if (next.enabled && !attached) attach();
    else if (!next.enabled && attached) detach();
    else if (changed) drawing.redrawAll();
  }

  /** Applies the background's badges (and the candidates it found invalid): redraws, then places. */
  function applyAnswer(next: BadgeSettings, badges: RiskBadge[], invalid: string[]): void {
    const started = performance.now();
    applySettings(next);
    if (!attached) return;
    for (const badge of badges) riskBadges.set(badge.address, badge);
    const before = registry.count;
    drawing.near.catchUp();
    validity.learn(
      badges.map((badge) => badge.address),
      invalid,
    );
    // Reads and insertions first, then the redraws of badges already shown (writes only).
    drawing.flush();
    for (const badge of badges) drawing.redrawAddress(badge);
    // This task runs only our code (the page's earlier changes reached the observer already), so
    // what it queued now is our own insertions: drop them instead of walking thousands next frame.
    if (attached) mutations.dropOwnRecords();
    report('answer', started, started, registry.count - before);
  }

  return {
    /** Learns the settings from the background, then draws badges if they are on. */
    async start(): Promise<void> {
      const current = await lookups.settings();
      if (current) applySettings(current);
    },
    /** Applies an update the background pushed to this tab. */
    applyUpdate(update: RiskUpdate): void {
      if (update.reset) {
        lookups.reset();
        riskBadges.clear();
        applySettings(update.settings);
        for (const address of registry.addresses()) lookups.want(address);
      }
      applyAnswer(update.settings, update.badges, []);
    },
    /** Removes every badge and listener (the extension was reloaded or disabled). */
    stop(): void {
      detach();
      interactions.stop();
    },
  };
}
