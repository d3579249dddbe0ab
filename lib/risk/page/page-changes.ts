/**
 * What one batch of the page's changes means for the badges: nodes it removed are forgotten at once
 * (and our own hosts it removed are put back), links whose text or href changed are re-read, and the
 * subtrees it added are scanned, each once.
 */
import { BADGE_TAG } from './scan';
import type { BadgeRegistry } from './badge-registry';

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
