/**
 * Placing badges: a scan finds the anchors of a subtree and puts a badge host after each candidate at
 * once, in the same task, before the page lays out what it just added (see page-changes below): the
 * page's own first layout of new rows then already holds the hosts, and nothing we do later changes
 * the size of anything. A host is an empty box of the badge's fixed size until the background
 * confirmed its address and the anchor is near the viewport; then badge-drawing.ts fills its shadow
 * root (paint only). A candidate the background rejects loses its host in an idle moment. An anchor
 * the page re-rendered (new href or text) is brought up to date, one it removed is forgotten.
 *
 * Why hosts go in before the answer: inserting anything into a table cell that is laid out lays the
 * whole table out again (227–476 ms for 100 hosts in a 10,000-row table, whatever the host's
 * display or containment), so every host must be in place before that first layout.
 */
import {
  candidatesOfLink,
  candidatesOfSplit,
  candidatesOfText,
  findCandidates,
  pageAddressOf,
  type Found,
} from './scan';
import { createBadge, type BadgeHandle } from './badge-host';
import type { BadgeRegistry } from './badge-registry';
import type { BadgeDrawing } from './badge-drawing';
import type { BadgeMetrics } from './metrics';
import type { Validity } from './validity';
import { createSpotReader, insertAt } from './badge-spots';

export interface BadgePlacementParts {
  registry: BadgeRegistry;
  validity: Validity;
  drawing: BadgeDrawing;
  /** Asks the background for an address's badge unless it already answered. */
  wantBadge(address: string): void;
  /** Follows our own insertions and removals (their mutation records are ours, not the page's). */
  afterOwnChanges(): void;
  metrics: BadgeMetrics | null;
}

type Anchor = Element | Text;

/** Creates the placement of badges in `doc`. */
export function createBadgePlacement(doc: Document, parts: BadgePlacementParts) {
  const { registry, validity, drawing } = parts;
  const win = doc.defaultView!;
  const isHandled = (node: Node) => registry.isMarked(node);
  // Hosts of rejected candidates, removed together when the page is idle.
  const rejected = new Set<HTMLElement>();
  let removalQueued = false;

  function removeRejected(): void {
    removalQueued = false;
    for (const host of rejected) host.remove();
    rejected.clear();
    parts.afterOwnChanges();
  }

  function queueRemoval(host: HTMLElement): void {
    rejected.add(host);
    if (removalQueued) return;
    removalQueued = true;
    if (typeof win.requestIdleCallback === 'function')
      win.requestIdleCallback(removeRejected, { timeout: 1_000 });
    else win.setTimeout(removeRejected, 200);
  }

  /**
   * Puts one host per candidate after each anchor, in order: every spot is read first (one style
   * recalculation for the batch), then every host inserted. Returns how many were confirmed already.
   */
  function placeAll(found: Found[]): number {
    if (found.length === 0) return 0;
    const spots = createSpotReader(win);
    const work = found.map(({ anchor, candidates }) => {
      registry.mark(anchor);
      const handles = candidates.map((candidate) => createBadge(doc, candidate, anchor));
      for (const handle of handles) registry.add(handle);
      return { anchor, candidates, handles, spot: spots.spotOf(anchor) };
    });
    for (const { spot, handles } of work) {
      insertAt(
        spot,
        handles.map((handle) => handle.host),
      );
    }
    let confirmed = 0;
    for (const { anchor, candidates } of work) {
      drawing.near.watch(anchor);
      const addresses = validity.settle(anchor, candidates);
      if (addresses) confirmed += settle(anchor, addresses);
    }
    return confirmed;
  }

  /**
   * The background answered for every candidate of `anchor`: its confirmed badges count and are
   * drawn when near the viewport, the others leave. Returns how many were confirmed.
   */
  function settle(anchor: Anchor, addresses: string[]): number {
    const handles = registry.badgesAfter(anchor);
    if (!handles) return 0;
    const valid = new Set(addresses);
    let confirmed = 0;
    for (const handle of handles) {
      if (handle.valid !== null) continue;
      if (valid.has(handle.address)) {
        registry.confirm(handle);
        parts.wantBadge(handle.address);
        confirmed++;
      } else {
        registry.reject(handle);
        queueRemoval(handle.host);
      }
    }
    if (confirmed > 0 && drawing.near.watch(anchor)) drawing.queue(anchor);
    return confirmed;
  }

  /** The candidates `anchor` shows now: a link, a split address's second part, or a text. */
  function candidatesOf(anchor: Node): string[] | null {
    if (anchor.nodeType === 3) return candidatesOfText(anchor as Text);
    const element = anchor as Element;
    if (element.localName === 'a') return candidatesOfLink(element, pageAddressOf(doc));
    if (registry.isMarked(element)) return candidatesOfSplit(element);
    return null;
  }

  /** The second part of a split address whose text `text` is in, when it is one of our anchors. */
  function splitAnchorOf(text: Node): Element | null {
    const part = text.parentElement;
    if (!part) return null;
    if (isHandled(part)) return part;
    const next = part.nextElementSibling;
    return next && isHandled(next) ? next : null;
  }

  function unplace(anchor: Node): void {
    validity.forget(anchor);
    registry.remove(anchor);
  }

  return {
    settle,
    /** Finds the anchors under each root and puts their hosts in; returns how many were confirmed. */
    scan(roots: Iterable<Node>): number {
      const timed = parts.metrics !== null;
      const started = timed ? performance.now() : 0;
      const found: Found[] = [];
      // A root nested in another (added in the same batch) finds the same anchors again: once each.
      const seen = new Set<Node>();
      const sink = {
        push(one: Found): void {
          if (seen.has(one.anchor)) return;
          seen.add(one.anchor);
          found.push(one);
        },
      };
      for (const root of roots) findCandidates(root, isHandled, sink, pageAddressOf(doc));
      const foundAt = timed ? performance.now() : 0;
      const confirmed = placeAll(found);
      if (timed) parts.metrics!.phases(foundAt - started, performance.now() - foundAt);
      return confirmed;
    },
    /** Removes an anchor's badges from the page and from every index, and stops waiting for it. */
    unplace,
    /** Brings an anchor whose href or text changed (a re-render of the same node) up to date. */
    reevaluate(node: Node): number {
      let anchor = node;
      if (anchor.nodeType === 3)
        anchor = anchor.parentElement?.closest('a') ?? splitAnchorOf(anchor) ?? anchor;
      if (!anchor.isConnected) return 0;
      const candidates = candidatesOf(anchor);
      if (!candidates) return 0;
      if (registry.shows(anchor, candidates)) return 0;
      unplace(anchor);
      return candidates.length > 0 ? placeAll([{ anchor: anchor as Anchor, candidates }]) : 0;
    },
    /** Removes the hosts of rejected candidates now (badges were turned off). */
    dropRejected(): void {
      if (rejected.size > 0) removeRejected();
    },
  };
}

export type BadgePlacement = ReturnType<typeof createBadgePlacement>;
export type { BadgeHandle };
