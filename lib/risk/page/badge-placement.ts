/**
 * Placing badges: a scan finds the anchors of a subtree, each gets one badge per address, in order,
 * once the background confirmed which of its candidates are addresses; the badges of an anchor near
 * the viewport are queued for drawing (badge-drawing.ts inserts them where they can be seen). An
 * anchor the page re-rendered (new href or text) is brought up to date, one it removed is forgotten.
 */
import {
  candidatesOfLink,
  candidatesOfSplit,
  candidatesOfText,
  findCandidates,
  pageAddressOf,
  type Found,
} from './scan';
import { createBadge } from './badge-host';
import type { BadgeRegistry } from './badge-registry';
import type { BadgeDrawing } from './badge-drawing';
import type { BadgeMetrics } from './metrics';
import type { Validity } from './validity';

export interface BadgePlacementParts {
  registry: BadgeRegistry;
  validity: Validity;
  drawing: BadgeDrawing;
  /** Asks the background for an address's badge unless it already answered. */
  wantBadge(address: string): void;
  metrics: BadgeMetrics | null;
}

/** Creates the placement of badges in `doc`. */
export function createBadgePlacement(doc: Document, parts: BadgePlacementParts) {
  const { registry, validity, drawing } = parts;
  const isHandled = (node: Node) => registry.isMarked(node) || validity.isWaiting(node);

  /** Badges the candidates of a newly found anchor: at once where every answer is known, else later. */
  function place({ anchor, candidates }: Found): number {
    drawing.near.watch(anchor);
    const addresses = validity.settle(anchor, candidates);
    return addresses ? placeBadges(anchor, addresses) : 0;
  }

  /**
   * Records one badge per address of `anchor` (which has none), in order, and marks it handled; they
   * are queued for drawing when it is near the viewport (the caller flushes the drawing).
   */
  function placeBadges(anchor: Element | Text, addresses: string[]): number {
    registry.mark(anchor);
    for (const address of addresses) {
      registry.add(createBadge(doc, address, anchor));
      parts.wantBadge(address);
    }
    if (addresses.length > 0 && drawing.near.watch(anchor)) drawing.queue(anchor);
    return addresses.length;
  }

  /** The candidates `anchor` shows now: a link, a split address's second part, or a text. */
  function candidatesOf(anchor: Node): string[] | null {
    if (anchor.nodeType === 3) return candidatesOfText(anchor as Text);
    const element = anchor as Element;
    if (element.localName === 'a') return candidatesOfLink(element, pageAddressOf(doc));
    if (registry.isMarked(element) || validity.isWaiting(element)) return candidatesOfSplit(element);
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

  return {
    placeBadges,
    /** Finds and badges the anchors under each root; returns how many badges it placed. */
    scan(roots: Iterable<Node>): number {
      let placed = 0;
      // Placed root by root: a root nested in another (added in the same batch) then finds its
      // anchors already handled instead of decorating them twice.
      // Each anchor is placed as it is found, so the first lookup (the top of the page, see
      // lookups.ts) leaves after a few dozen links instead of after the whole scan of a long list.
      const timed = parts.metrics !== null;
      for (const root of roots) {
        let placing = 0;
        const started = timed ? performance.now() : 0;
        const sink = {
          push(found: Found): void {
            const at = timed ? performance.now() : 0;
            placed += place(found);
            if (timed) placing += performance.now() - at;
          },
        };
        findCandidates(root, isHandled, sink, pageAddressOf(doc));
        parts.metrics?.phases(performance.now() - started - placing, placing);
      }
      return placed;
    },
    /** Removes an anchor's badges from the page and from every index, and stops waiting for it. */
    unplace(anchor: Node): void {
      validity.forget(anchor);
      registry.remove(anchor);
    },
    /** Brings an anchor whose href or text changed (a re-render of the same node) up to date. */
    reevaluate(node: Node): number {
      let anchor = node;
      if (anchor.nodeType === 3)
        anchor = anchor.parentElement?.closest('a') ?? splitAnchorOf(anchor) ?? anchor;
      if (!anchor.isConnected) return 0;
      const candidates = candidatesOf(anchor);
      if (!candidates) return 0;
      const addresses = validity.settle(anchor as Element | Text, candidates);
      if (addresses && registry.shows(anchor, addresses)) return 0;
      // Its badges named what it showed before; if the new candidates need an answer, it waits bare.
      registry.remove(anchor);
      return addresses ? placeBadges(anchor as Element | Text, addresses) : 0;
    },
  };
}

export type BadgePlacement = ReturnType<typeof createBadgePlacement>;
