/**
 * Placing badges: a scan finds the anchors of a subtree and puts a badge host after each candidate at
 * once, in the same task, before the page lays out what it just added (see page-badges.ts): the
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
import { IS_SANDBOX_BUILD } from '@/lib/config/build-mode';
import {
  candidatesOfLink,
  candidatesOfSplit,
  candidatesOfText,
  findCandidates,
  pageAddressOf,
  type Found,
} from './scan';
import { createBadge, type BadgeHandle } from './badge-host';
import type { BadgeMetrics } from './metrics';
import type { Validity } from './badge-lookups';

/** What placement needs of the drawing (badge-drawing.ts, which reads this module's registry). */
export interface DrawingQueue {
  near: {
    /** Watches `anchor`; true when it is near the viewport now. */
    watch(anchor: Element | Text): boolean;
  };
  /** Queues `anchor`'s confirmed badges for drawing. */
  queue(anchor: Element | Text): void;
}

export interface BadgePlacementParts {
  registry: BadgeRegistry;
  validity: Validity;
  drawing: DrawingQueue;
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
    win.requestIdleCallback(removeRejected, { timeout: 1_000 });
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
      const timed = IS_SANDBOX_BUILD && parts.metrics !== null;
      const started = timed ? performance.now() : 0;
      const found: Found[] = [];
      // Marked as found: a root nested in another (added in the same batch) then skips them.
      const sink = {
        push(one: Found): void {
          registry.mark(one.anchor);
          found.push(one);
        },
      };
      for (const root of roots) findCandidates(root, isHandled, sink, pageAddressOf(doc));
      const foundAt = timed ? performance.now() : 0;
      const confirmed = placeAll(found);
      if (IS_SANDBOX_BUILD && timed) parts.metrics!.phases(foundAt - started, performance.now() - foundAt);
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

// ── The registry of placed badges ──

/**
 * The badges on the page, indexed three ways: per anchor (which is also the "handled" mark a scan
 * skips; it lists one badge per candidate the anchor shows, in order, rejected ones included), per
 * address (to redraw every badge of an address an answer names), and per host (to tell our own nodes
 * from the page's). A badge is placed for every candidate as it is found and counted once the
 * background confirmed its address; a rejected one is dropped from the address and host indexes.
 */
/** Creates the empty registry of one document. */
export function createBadgeRegistry() {
  let anchors = new WeakMap<Node, BadgeHandle[]>();
  const byAddress = new Map<string, Set<BadgeHandle>>();
  const byHost = new WeakMap<Node, BadgeHandle>();
  let count = 0;

  return {
    /** Marks `anchor` handled, with no badge yet. */
    mark(anchor: Node): void {
      anchors.set(anchor, []);
    },
    /** Records a badge placed after its anchor (marked before), under its address and its host. */
    add(handle: BadgeHandle): void {
      anchors.get(handle.anchor)!.push(handle);
      byHost.set(handle.host, handle);
      let same = byAddress.get(handle.address);
      if (!same) byAddress.set(handle.address, (same = new Set()));
      same.add(handle);
      if (handle.valid) count++;
    },
    /** The background confirmed the badge's address: it counts, and may be drawn. */
    confirm(handle: BadgeHandle): void {
      if (handle.valid !== null) return;
      handle.valid = true;
      count++;
    },
    /**
     * The background said the candidate is no address: the badge leaves the indexes at once (so the
     * removal of its host, done later by the caller, reads as ours), and stays in its anchor's list.
     */
    reject(handle: BadgeHandle): void {
      if (handle.valid !== null) return;
      handle.valid = false;
      byHost.delete(handle.host);
      const same = byAddress.get(handle.address);
      same?.delete(handle);
      if (same?.size === 0) byAddress.delete(handle.address);
    },
    /** True when a scan must skip `anchor`: its badges are placed (or it has none to place). */
    isMarked: (anchor: Node) => anchors.has(anchor),
    /** The badges after `anchor`, in order; undefined when it is not marked. */
    badgesAfter: (anchor: Node) => anchors.get(anchor),
    /** The badge whose host is `node`, if it is one of ours. */
    ofHost: (node: Node) => byHost.get(node),
    /** Every badge of `address` on the page. */
    ofAddress: (address: string) => byAddress.get(address),
    /** True while some badge of `address` is on the page. */
    has: (address: string) => byAddress.has(address),
    /** Every address with a badge on the page. */
    addresses: () => byAddress.keys(),
    /** Calls `visit` for every badge on the page. */
    each(visit: (handle: BadgeHandle) => void): void {
      for (const handles of byAddress.values()) for (const handle of handles) visit(handle);
    },
    /** True when `anchor`'s badges name exactly `candidates`, and the hosts of those kept are in place. */
    shows(anchor: Node, candidates: string[]): boolean {
      const list = anchors.get(anchor);
      return (
        list !== undefined &&
        list.length === candidates.length &&
        list.every((h, i) => h.address === candidates[i] && (h.valid === false || h.host.isConnected))
      );
    },
    /** Takes an anchor's badges off the page and out of every index, and unmarks it. */
    remove(anchor: Node): void {
      const list = anchors.get(anchor);
      if (!list) return;
      anchors.delete(anchor);
      for (const handle of list) {
        // Forgotten before removal, so the observer's record of our own removal is ignored.
        byHost.delete(handle.host);
        handle.host.remove();
        const same = byAddress.get(handle.address);
        if (same?.delete(handle) && handle.valid) count--;
        if (same?.size === 0) byAddress.delete(handle.address);
      }
    },
    /** Takes every badge off the page and forgets every mark (rejected hosts are the caller's). */
    clear(): void {
      for (const handles of byAddress.values()) {
        for (const handle of handles) {
          byHost.delete(handle.host);
          handle.host.remove();
        }
      }
      byAddress.clear();
      anchors = new WeakMap();
      count = 0;
    },
    /** How many confirmed badges are on the page. */
    get count(): number {
      return count;
    },
  };
}

export type BadgeRegistry = ReturnType<typeof createBadgeRegistry>;

// ── Where a badge goes ──

/**
 * Where a badge goes so that it can be seen while its address can: right after its anchor, unless an
 * ancestor clips its overflow (`text-truncate`, TronScan's `Truncate`, antd's ellipsis cells, a table
 * cell with `overflow: hidden`), which would cut a badge inside it off. Then the badge goes outside
 * the outermost clipping ancestor below the table cell: after it when it flows inline, before it and
 * floated left when it is a block (a block that clips is a block formatting context, so it is laid
 * out beside the float instead of under it); and when the cell itself clips, first in the cell,
 * floated left, where an ellipsis never reaches.
 *
 * Reads computed styles only: call it for every badge of a batch before inserting any (a read after
 * a write would force a style recalculation per badge).
 *
 * Test URLs: the sandbox's `/tronscan/` pages (every form, clipped cells); on tronscan.org,
 * https://tronscan.org/#/address/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t (antd ellipsis cells).
 */
/** How a badge is put in the page: `after`/`before` `ref`, or first in the cell `ref`. */
export interface Spot {
  ref: Node;
  at: 'after' | 'before' | 'start';
}

/** Levels looked at above an anchor: TronScan nests an address link four or five deep in its cell. */
const MAX_DEPTH = 8;

interface Box {
  clips: boolean;
  inline: boolean;
}

/** A reader of spots sharing one style cache (one batch of insertions). */
export function createSpotReader(win: Window & typeof globalThis) {
  const boxes = new Map<Element, Box>();

  function boxOf(element: Element): Box {
    let box = boxes.get(element);
    if (!box) {
      const style = win.getComputedStyle(element);
      const overflow = style.overflowX;
      box = {
        clips: overflow === 'hidden' || overflow === 'clip',
        inline: style.display.startsWith('inline'),
      };
      boxes.set(element, box);
    }
    return box;
  }

  return {
    /** Where the badges of `anchor` go. */
    spotOf(anchor: Element | Text): Spot {
      const doc = anchor.ownerDocument!;
      let clip: Element | null = null;
      let element = anchor.parentElement;
      for (let depth = 0; element && depth < MAX_DEPTH; depth++, element = element.parentElement) {
        if (element === doc.body || element === doc.documentElement) break;
        if (boxOf(element).clips) clip = element;
        const name = element.localName;
        if (name === 'td' || name === 'th') break;
      }
      if (!clip) return { ref: anchor, at: 'after' };
      const name = clip.localName;
      if (name === 'td' || name === 'th') return { ref: clip, at: 'start' };
      return boxOf(clip).inline ? { ref: clip, at: 'after' } : { ref: clip, at: 'before' };
    },
  };
}

/** Puts `hosts` (one anchor's badges, in order) at `spot`; floated where `spot` needs it. */
export function insertAt(spot: Spot, hosts: HTMLElement[]): void {
  if (hosts.length === 0) return;
  const floated = spot.at !== 'after';
  for (const host of hosts) host.toggleAttribute('data-float', floated);
  if (spot.at === 'after') (spot.ref as ChildNode).after(...hosts);
  else if (spot.at === 'before') (spot.ref as ChildNode).before(...hosts);
  else (spot.ref as ParentNode).prepend(...hosts);
}
