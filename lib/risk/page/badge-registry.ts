/**
 * The badges on the page, indexed three ways: per anchor (which is also the "handled" mark a scan
 * skips; it lists one badge per candidate the anchor shows, in order, rejected ones included), per
 * address (to redraw every badge of an address an answer names), and per host (to tell our own nodes
 * from the page's). A badge is placed for every candidate as it is found and counted once the
 * background confirmed its address; a rejected one is dropped from the address and host indexes.
 */
import type { BadgeHandle } from './badge-host';

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
