/**
 * Keeps one badge beside every address occurrence of the page, and only one: scans the page once,
 * then only what changes (one MutationObserver, each callback handled at once, before the page's
 * next layout; only added subtrees scanned), follows SPA navigation, puts a fixed-size host after
 * every candidate as it is found, asks the background in batches which candidates are addresses and
 * what their badges say, draws the confirmed ones near the viewport, removes the others when idle,
 * and applies the updates it pushes.
 *
 * This module wires the parts and turns badges on and off: the registry of placed badges
 * and their placement (badge-placement.ts), drawing near the viewport (badge-drawing.ts), the page's
 * changes (below), the questions to the background (badge-lookups.ts) and what a person does with a
 * badge (badge-interactions.ts).
 *
 * Test URLs: https://tronscan.org/#/address/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t (rows arrive after
 * load and on hash navigation), the sandbox's `/tronscan/` pages, `/tronscan/#/transfers?rows=10000`.
 */
import { IS_SANDBOX_BUILD } from '@/lib/config/build-mode';
import type { BadgeSettings, RiskBadge, RiskUpdate } from '@/lib/risk/badge-model';
import { adoptHostSheet } from './badge-host';
import type { BadgeMetrics, BatchKind } from './metrics';
import { createBadgeLookups, createValidity, type RiskChannel } from './badge-lookups';
import { createBadgeInteractions } from './badge-interactions';
import { createBadgeDrawing } from './badge-drawing';
import { createBadgePlacement, createBadgeRegistry, type BadgeRegistry } from './badge-placement';
import { BADGE_TAG } from './scan';

export type { RiskChannel } from './badge-lookups';

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
    markShown: IS_SANDBOX_BUILD && metrics !== null,
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
    // A production build folds this to `return` and drops the rest.
    if (!IS_SANDBOX_BUILD || !metrics) return;
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
  function scanChanges({ records, sweep }: MutationBatch): void {
    // Handled as the observer reports them: noticed and started at once.
    const started = IS_SANDBOX_BUILD ? performance.now() : 0;
    const { changed, roots } = readPageChanges(records, registry, placement.unplace);
    let badged = 0;
    for (const node of changed) badged += placement.reevaluate(node);
    badged += placement.scan(sweep ? [doc.body ?? doc.documentElement] : roots);
    drawing.flush();
    // Nothing else ran since this batch started, so the records queued now are only our own
    // insertions and removals: drop them instead of walking them in another callback.
    mutations.dropOwnRecords();
    report(sweep ? 'sweep' : 'mutations', started, started, badged);
  }

  function attach(): void {
    attached = true;
    adoptHostSheet(doc);
    const root = doc.body ?? doc.documentElement;
    const started = IS_SANDBOX_BUILD ? performance.now() : 0;
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
    const now = IS_SANDBOX_BUILD ? performance.now() : 0;
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
    const started = IS_SANDBOX_BUILD ? performance.now() : 0;
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

// ── The page's changes, in batches ──

/**
 * The page's changes, in batches: one MutationObserver on the whole document, each of its callbacks
 * one batch, handled at once. The callback is a microtask right after the page's own script that
 * changed the DOM, before the browser's next style and layout: badge hosts put in now are laid out
 * with the page's new rows in the same pass, instead of laying out a long table a second time
 * (see badge-placement.ts). A sweep of the whole page is queued on SPA navigation, for the next
 * animation frame (a timer in hidden tabs, which get no frames).
 */
/** One batch of the page's changes. */
export interface MutationBatch {
  records: MutationRecord[];
  /** Navigation happened: the whole page is to be scanned, not just what was added. */
  sweep: boolean;
}

/** Creates the batching for `doc`; nothing is observed until `observe`. */
export function createMutationBatches(doc: Document, onBatch: (batch: MutationBatch) => void) {
  const win = doc.defaultView!;
  let observing = false;
  let sweepQueued = false;

  const observer = new win.MutationObserver((list) => {
    if (observing) onBatch({ records: list, sweep: false });
  });

  function sweep(): void {
    sweepQueued = false;
    if (observing) onBatch({ records: observer.takeRecords(), sweep: true });
  }

  // SPA navigation replaces content through the DOM, which the observer sees; a sweep of the whole
  // page on navigation also catches nodes the app reused and re-filled (handled anchors cost nothing).
  const onNavigate = () => {
    if (sweepQueued) return;
    sweepQueued = true;
    // Hidden tabs get no animation frames; their badges still have to be right when shown.
    if (doc.hidden) win.setTimeout(sweep, 100);
    else win.requestAnimationFrame(sweep);
  };

  return {
    /** Starts observing `root` (links' hrefs, text, and what is added or removed) and navigation. */
    observe(root: Node): void {
      observing = true;
      observer.observe(root, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['href'],
      });
      win.addEventListener('hashchange', onNavigate);
      win.addEventListener('popstate', onNavigate);
      (win as { navigation?: EventTarget }).navigation?.addEventListener('navigatesuccess', onNavigate);
    },
    /**
     * Drops the records queued since the batch started. Call only when nothing but our own code ran
     * since: they are then our own insertions and removals, not worth a callback of their own.
     */
    dropOwnRecords(): void {
      observer.takeRecords();
    },
    /** Stops observing and forgets the records not handled yet. */
    disconnect(): void {
      observing = false;
      observer.disconnect();
      win.removeEventListener('hashchange', onNavigate);
      win.removeEventListener('popstate', onNavigate);
      (win as { navigation?: EventTarget }).navigation?.removeEventListener('navigatesuccess', onNavigate);
    },
  };
}

// ── What a batch of changes means for the badges ──

/**
 * What one batch of the page's changes means for the badges: nodes it removed are forgotten at once
 * (and our own hosts it removed are put back), links whose text or href changed are re-read, and the
 * subtrees it added are scanned, each once.
 */
export interface PageChanges {
  /** Anchors (or text in them) that may show other candidates now. */
  changed: Set<Node>;
  /** The topmost added nodes: a subtree added together with its parent is scanned with the parent. */
  roots: Node[];
}

/** Sorts a batch of records; removals are booked through `unplace` as they are read. */
export function readPageChanges(
  batch: MutationRecord[],
  registry: BadgeRegistry,
  unplace: (anchor: Node) => void,
): PageChanges {
  /** Bookkeeping for a node the page removed; our own hosts removed by the page are put back. */
  function removed(node: Node, reevaluateLater: Set<Node>): void {
    if (node.isConnected) return; // moved within this batch: its badges moved with it
    const own = registry.ofHost(node);
    if (own) {
      if (own.anchor.isConnected) reevaluateLater.add(own.anchor);
      unplace(own.anchor);
      return;
    }
    unplace(node);
    if (node.nodeType !== 1) return;
    // Badges inside a removed subtree left with it; forget them so a re-insert gets fresh ones.
    // (Anchors inside it that still wait for an answer are dropped when it comes, if still detached.)
    const hosts = (node as Element).getElementsByTagName(BADGE_TAG);
    for (let i = hosts.length - 1; i >= 0; i--) {
      const handle = registry.ofHost(hosts[i]!);
      if (handle) unplace(handle.anchor);
    }
  }

  const added = new Set<Node>();
  const changed = new Set<Node>();
  for (const record of batch) {
    if (record.type === 'childList') {
      for (const node of record.removedNodes) removed(node, changed);
      for (const node of record.addedNodes) {
        if (registry.ofHost(node) || !node.isConnected) continue;
        // Text or elements added inside a link change that link's text: re-read the whole link.
        const link = node.parentElement?.closest('a');
        if (link) changed.add(link);
        else added.add(node);
      }
    } else if (!registry.ofHost(record.target)) {
      changed.add(record.target);
    }
  }
  const roots = [...added].filter((node) => !node.parentNode || !added.has(node.parentNode));
  return { changed, roots };
}
