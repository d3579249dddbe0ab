/**
 * Keeps one badge beside every address occurrence of the page, and only one: scans the page once,
 * then only what changes (one MutationObserver, records batched per animation frame, only added
 * subtrees scanned), follows SPA navigation, asks the background in batches which candidates are
 * addresses and what their badges say, places badges only for the addresses it confirmed, and
 * applies the updates it pushes.
 *
 * Test URLs: https://tronscan.org/#/address/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t (rows arrive after
 * load and on hash navigation), the sandbox's `/tronscan/` pages, `/tronscan/#/transfers?rows=10000`.
 */
import {
  badgeAction,
  type BadgeSettings,
  type RiskBadge,
  type RiskLookupAnswer,
  type RiskUpdate,
} from '@/lib/risk/badge-model';
import { BADGE_TAG, candidatesOfLink, candidatesOfText, findCandidates, type Found } from './scan';
import { createBadge, listenToBadges, renderBadge, type BadgeHandle } from './badge-host';
import { badgeWords } from './labels';
import { createTooltip } from './tooltip';
import { adoptHostSheet, tooltipSheet } from './styles';
import type { BadgeMetrics, BatchKind } from './metrics';
import { createLookupQueue } from './lookups';
import { createValidity } from './validity';
import { createNearViewport } from './near-viewport';

/** The background calls a content script may make (all `content`-role messages). */
export interface RiskChannel {
  lookup(addresses: string[]): Promise<RiskLookupAnswer>;
  requestCheck(address: string): Promise<void>;
  openCheckPage(address: string): Promise<void>;
  checkPageUrl(address: string): string;
}

/** The badge layer of one document. */
export function createPageBadges(doc: Document, channel: RiskChannel, metrics: BadgeMetrics | null) {
  const win = doc.defaultView!;
  let settings: BadgeSettings = { enabled: false, freeSignals: false };
  let attached = false;

  // What is on the page: badges per anchor (the "handled" mark), per address, and per host.
  let anchors = new WeakMap<Node, BadgeHandle[]>();
  const byAddress = new Map<string, Set<BadgeHandle>>();
  const byHost = new WeakMap<Node, BadgeHandle>();
  let badgeCount = 0;

  // What the background said about each address, and the calls asking it.
  const data = new Map<string, RiskBadge>();
  // Bumped by every reset the background pushes: an answer to a question asked before it may carry
  // the old settings (a lookup answered just before badges were turned off) and must not undo it.
  let generation = 0;
  const lookups = createLookupQueue({
    lookup: async (addresses) => {
      const askedIn = generation;
      const sentAt = metrics ? performance.now() : 0;
      const answer = await channel.lookup(addresses);
      metrics?.roundTrip(performance.now() - sentAt);
      return askedIn === generation ? answer : null;
    },
    onAnswer: (answer) => applyAnswer(answer.settings, answer.badges, answer.invalid),
    stillNeeded: (address) => validity.isWaitedFor(address) || (byAddress.has(address) && !data.has(address)),
    onPending: metrics ? (count) => metrics.asking(count) : undefined,
  });
  // Candidates become badges only once the background confirmed they are addresses.
  const validity = createValidity({
    ask: (candidate) => lookups.want(candidate),
    onSettled: (anchor, addresses) => {
      if (attached) placeBadges(anchor, addresses);
    },
  });

  const tooltip = createTooltip(doc, tooltipSheet, (address) => void channel.openCheckPage(address));
  const stopListening = listenToBadges(
    doc,
    {
      activate(handle, event) {
        // Only a person's click or key press on our own shadow-root button; never a page script.
        if (!event.isTrusted) return;
        const badge = data.get(handle.address);
        if (!badge) return;
        void (
          badgeAction(badge) === 'check'
            ? channel.requestCheck(handle.address)
            : channel.openCheckPage(handle.address)
        ).catch(() => undefined);
      },
      show(handle) {
        const badge = data.get(handle.address);
        const now = Date.now();
        renderBadge(handle, badge, settings, now);
        tooltip.show(
          handle.host,
          badgeWords(badge, settings, now),
          channel.checkPageUrl(handle.address),
          handle.address,
        );
      },
      hide(_handle, soon) {
        tooltip.hide(soon);
      },
    },
    (target) => (target ? byHost.get(target as Node) : undefined),
  );

  // Badges are drawn near the viewport only; anchors are watched from the moment they are found.
  const near = createNearViewport(win, (came) => {
    const started = performance.now();
    const now = Date.now();
    for (const anchor of came) for (const handle of anchors.get(anchor) ?? []) draw(handle, now);
    report('render', started, started, 0);
  });
  let firstDraws = 0;

  /** Draws a placed badge for the first time (a no-op once drawn: updates go through `renderBadge`). */
  function draw(handle: BadgeHandle, now: number): void {
    if (handle.button) return;
    renderBadge(handle, data.get(handle.address), settings, now);
    firstDraws++;
  }

  // ── placing and forgetting badges ──

  /** Badges the candidates of newly found anchors: at once where every answer is known, else later. */
  function place(found: Found[]): number {
    let placed = 0;
    for (const { anchor, candidates } of found) {
      near.watch(anchor);
      const addresses = validity.settle(anchor, candidates);
      if (addresses) placed += placeBadges(anchor, addresses);
    }
    return placed;
  }

  /** Places one badge per address after `anchor` (which has none), in order; marks it handled. */
  function placeBadges(anchor: Element | Text, addresses: string[]): number {
    const list: BadgeHandle[] = [];
    anchors.set(anchor, list);
    const drawNow = near.watch(anchor);
    const now = Date.now();
    let after: ChildNode = anchor;
    for (const address of addresses) {
      const handle = createBadge(doc, address, anchor);
      // `after` rather than `parent.insertBefore`: no wrapper for the parent in our isolated world.
      after.after(handle.host);
      after = handle.host;
      list.push(handle);
      byHost.set(handle.host, handle);
      let same = byAddress.get(address);
      if (!same) byAddress.set(address, (same = new Set()));
      same.add(handle);
      badgeCount++;
      if (drawNow) draw(handle, now);
      if (!data.has(address)) lookups.want(address);
    }
    return addresses.length;
  }

  /** Removes an anchor's badges from the page and from every index, and stops waiting for it. */
  function unplace(anchor: Node): void {
    validity.forget(anchor);
    removeBadges(anchor);
  }

  function removeBadges(anchor: Node): void {
    const list = anchors.get(anchor);
    if (!list) return;
    anchors.delete(anchor);
    for (const handle of list) {
      // Forgotten before removal, so the observer's record of our own removal is ignored.
      byHost.delete(handle.host);
      handle.host.remove();
      const same = byAddress.get(handle.address);
      if (same?.delete(handle)) badgeCount--;
      if (same?.size === 0) byAddress.delete(handle.address);
    }
  }

  /** True when `anchor`'s badges name exactly `addresses`. */
  function shows(anchor: Node, addresses: string[]): boolean {
    const list = anchors.get(anchor);
    return (
      list !== undefined &&
      list.length === addresses.length &&
      list.every((h, i) => h.address === addresses[i] && h.host.isConnected)
    );
  }

  /** Brings an anchor whose href or text changed (a re-render of the same node) up to date. */
  function reevaluate(node: Node): number {
    let anchor = node;
    if (anchor.nodeType === 3) anchor = anchor.parentElement?.closest('a') ?? anchor;
    if (!anchor.isConnected) return 0;
    let candidates: string[];
    if (anchor.nodeType === 3) candidates = candidatesOfText(anchor as Text);
    else if ((anchor as Element).localName === 'a') candidates = candidatesOfLink(anchor as Element);
    else return 0;
    const addresses = validity.settle(anchor as Element | Text, candidates);
    if (addresses && shows(anchor, addresses)) return 0;
    // Its badges named what it showed before; if the new candidates need an answer, it waits bare.
    removeBadges(anchor);
    return addresses ? placeBadges(anchor as Element | Text, addresses) : 0;
  }

  /** Bookkeeping for nodes the page removed; our own hosts removed by the page are put back. */
  function removed(node: Node, reevaluateLater: Set<Node>): void {
    if (node.isConnected) return; // moved within this batch: its badges moved with it
    const own = byHost.get(node);
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
      const handle = byHost.get(hosts[i]!);
      if (handle) unplace(handle.anchor);
    }
  }

  // ── scanning ──

  const isHandled = (node: Node) => anchors.has(node) || validity.isWaiting(node);

  function scanRoots(roots: Iterable<Node>): number {
    let placed = 0;
    // Placed root by root: a root nested in another (added in the same batch) then finds its
    // anchors already handled instead of decorating them twice.
    for (const root of roots) {
      const found: Found[] = [];
      const started = metrics ? performance.now() : 0;
      findCandidates(root, isHandled, found);
      const placing = metrics ? performance.now() : 0;
      placed += place(found);
      metrics?.phases(placing - started, performance.now() - placing);
    }
    return placed;
  }

  /** Reports one finished batch to the sandbox metrics. */
  function report(kind: BatchKind, noticedAt: number, startedAt: number, placed: number): void {
    const drawn = firstDraws;
    firstDraws = 0;
    metrics?.batch({
      kind,
      noticedAt,
      startedAt,
      placed,
      drawn,
      badges: badgeCount,
      waiting: validity.waiting,
    });
  }

  let records: MutationRecord[] = [];
  let frameQueued = false;
  let sweepQueued = false;
  let noticedAt = 0;

  function processRecords(): void {
    frameQueued = false;
    if (!attached) return;
    const started = performance.now();
    const batch = records.concat(observer.takeRecords());
    records = [];
    const added = new Set<Node>();
    const changed = new Set<Node>();
    for (const record of batch) {
      if (record.type === 'childList') {
        for (const node of record.removedNodes) removed(node, changed);
        for (const node of record.addedNodes) {
          if (byHost.has(node) || !node.isConnected) continue;
          // Text or elements added inside a link change that link's text: re-read the whole link.
          const link = node.parentElement?.closest('a');
          if (link) changed.add(link);
          else added.add(node);
        }
      } else if (!byHost.has(record.target)) {
        changed.add(record.target);
      }
    }
    let badged = 0;
    for (const node of changed) badged += reevaluate(node);
    // A subtree added together with its parent is scanned once, with the parent.
    const roots = [...added].filter((node) => !node.parentNode || !added.has(node.parentNode));
    if (sweepQueued) {
      sweepQueued = false;
      roots.splice(0, roots.length, doc.body ?? doc.documentElement);
    }
    badged += scanRoots(roots);
    // Nothing else ran since this batch started, so the records queued now are only our own
    // insertions and removals: drop them instead of walking thousands of them next frame.
    observer.takeRecords();
    report(batch.length === 0 ? 'sweep' : 'mutations', noticedAt, started, badged);
  }

  function queueFrame(): void {
    if (frameQueued) return;
    frameQueued = true;
    noticedAt = performance.now();
    // Hidden tabs get no animation frames; their badges still have to be right when shown.
    if (doc.hidden) win.setTimeout(processRecords, 100);
    else win.requestAnimationFrame(processRecords);
  }

  const observer = new win.MutationObserver((list) => {
    records.push(...list);
    queueFrame();
  });

  // SPA navigation replaces content through the DOM, which the observer sees; a sweep of the whole
  // page on navigation also catches nodes the app reused and re-filled (handled anchors cost nothing).
  const onNavigate = () => {
    sweepQueued = true;
    queueFrame();
  };

  function attach(): void {
    attached = true;
    adoptHostSheet(doc);
    const root = doc.body ?? doc.documentElement;
    const started = performance.now();
    const badged = scanRoots([root]);
    report('initial', started, started, badged);
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
  }

  function detach(): void {
    attached = false;
    observer.disconnect();
    records = [];
    win.removeEventListener('hashchange', onNavigate);
    win.removeEventListener('popstate', onNavigate);
    (win as { navigation?: EventTarget }).navigation?.removeEventListener('navigatesuccess', onNavigate);
    tooltip.hide(false);
    for (const handles of byAddress.values()) {
      for (const handle of handles) {
        byHost.delete(handle.host);
        handle.host.remove();
      }
    }
    byAddress.clear();
    anchors = new WeakMap();
    validity.clearWaits();
    near.reset();
    badgeCount = 0;
    const now = performance.now();
    report('detached', now, now, 0);
  }

  // ── badge data ──

  function applySettings(next: BadgeSettings): void {
    const changed = next.enabled !== settings.enabled || next.freeSignals !== settings.freeSignals;
    settings = next;
    if (next.enabled && !attached) attach();
    else if (!next.enabled && attached) detach();
    else if (changed) redrawAll();
  }

  function redrawAll(): void {
    const now = Date.now();
    for (const handles of byAddress.values()) {
      for (const handle of handles)
        if (handle.button) renderBadge(handle, data.get(handle.address), settings, now);
    }
  }

  /** Applies the background's badges (and the candidates it found invalid): redraws, then places. */
  function applyAnswer(next: BadgeSettings, badges: RiskBadge[], invalid: string[]): void {
    const started = performance.now();
    applySettings(next);
    if (!attached) return;
    const now = Date.now();
    for (const badge of badges) {
      data.set(badge.address, badge);
      for (const handle of byAddress.get(badge.address) ?? []) {
        if (handle.button) renderBadge(handle, badge, settings, now);
      }
    }
    const before = badgeCount;
    near.catchUp();
    validity.learn(
      badges.map((badge) => badge.address),
      invalid,
    );
    // This task runs only our code (the page's earlier changes reached the observer already), so
    // what it queued now is our own insertions: drop them instead of walking thousands next frame.
    if (attached) observer.takeRecords();
    report('answer', started, started, badgeCount - before);
  }

  return {
    /** Learns the settings from the background, then draws badges if they are on. */
    async start(): Promise<void> {
      const askedIn = generation;
      const answer = await channel.lookup([]);
      if (askedIn === generation) applySettings(answer.settings);
    },
    /** Applies an update the background pushed to this tab. */
    applyUpdate(update: RiskUpdate): void {
      if (update.reset) {
        generation++;
        data.clear();
        applySettings(update.settings);
        for (const address of byAddress.keys()) lookups.want(address);
      }
      applyAnswer(update.settings, update.badges, []);
    },
    /** Removes every badge and listener (the extension was reloaded or disabled). */
    stop(): void {
      detach();
      stopListening();
      tooltip.destroy();
    },
  };
}
