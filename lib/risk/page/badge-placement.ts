/**
 * Placing badge hosts: a scan finds the anchors of a subtree, each gets one host per address right
 * after it, in order, once the background confirmed which of its candidates are addresses; an anchor
 * the page re-rendered (new href or text) is brought up to date, and one the page removed is forgotten.
 */
import { candidatesOfLink, candidatesOfText, findCandidates, type Found } from './scan';
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

  /** Badges the candidates of newly found anchors: at once where every answer is known, else later. */
  function place(found: Found[]): number {
    let placed = 0;
    for (const { anchor, candidates } of found) {
      drawing.near.watch(anchor);
      const addresses = validity.settle(anchor, candidates);
      if (addresses) placed += placeBadges(anchor, addresses);
    }
    return placed;
  }

  /** Places one badge per address after `anchor` (which has none), in order; marks it handled. */
  function placeBadges(anchor: Element | Text, addresses: string[]): number {
    registry.mark(anchor);
    const drawNow = drawing.near.watch(anchor);
    const now = Date.now();
    let after: ChildNode = anchor;
    for (const address of addresses) {
      const handle = createBadge(doc, address, anchor);
      // `after` rather than `parent.insertBefore`: no wrapper for the parent in our isolated world.
      after.after(handle.host);
      after = handle.host;
      registry.add(handle);
      if (drawNow) drawing.draw(handle, now);
      parts.wantBadge(address);
    }
    return addresses.length;
  }

  return {
    placeBadges,
    /** Finds and badges the anchors under each root; returns how many badges it placed. */
    scan(roots: Iterable<Node>): number {
      let placed = 0;
      // Placed root by root: a root nested in another (added in the same batch) then finds its
      // anchors already handled instead of decorating them twice.
      for (const root of roots) {
        const found: Found[] = [];
        const started = parts.metrics ? performance.now() : 0;
        findCandidates(root, isHandled, found);
        const placing = parts.metrics ? performance.now() : 0;
        placed += place(found);
        parts.metrics?.phases(placing - started, performance.now() - placing);
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
      if (anchor.nodeType === 3) anchor = anchor.parentElement?.closest('a') ?? anchor;
      if (!anchor.isConnected) return 0;
      let candidates: string[];
      if (anchor.nodeType === 3) candidates = candidatesOfText(anchor as Text);
      else if ((anchor as Element).localName === 'a') candidates = candidatesOfLink(anchor as Element);
      else return 0;
      const addresses = validity.settle(anchor as Element | Text, candidates);
      if (addresses && registry.shows(anchor, addresses)) return 0;
      // Its badges named what it showed before; if the new candidates need an answer, it waits bare.
      registry.remove(anchor);
      return addresses ? placeBadges(anchor as Element | Text, addresses) : 0;
    },
  };
}

export type BadgePlacement = ReturnType<typeof createBadgePlacement>;
