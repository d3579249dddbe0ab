/**
 * Badges of long tables, drawn in one layer of ours outside the table. Anything inserted into a table
 * cell, whatever its size or position, makes the browser lay out the whole table again: on a
 * 10,000-row transfer list that was 200–480 ms of layout and paint per batch of badges. A badge of a
 * long table is therefore placed in a single absolutely positioned layer under the root element, at
 * the end of its address (or of the box that clips it), from positions read before anything is
 * written; the table is never touched. When the table changes size (rows appended, the window
 * resized) a ResizeObserver, which runs after layout, moves its badges with it.
 *
 * Short tables and everything else keep their badges in the flow (badge-spots.ts): there a relayout
 * is cheap, and the badge follows its address wherever the page moves it. Tables inside a scrolling
 * box also keep theirs in the flow (a layer outside would not scroll with them).
 *
 * Test URL: the sandbox's `/tronscan/#/transfers?rows=10000`.
 */
import { BADGE_TAG } from './scan';

/** Rows from which a table's badges go to the layer. */
export const LONG_TABLE_ROWS = 200;
export const LAYER_TAG = 'ampere-risk-layer';
/** A badge's width and gap, in CSS pixels (styles.ts). */
const STEP = 20;
const SIZE = 16;

/** Where a layer badge goes: document coordinates, or null while its address is not rendered. */
export interface LayerSpot {
  table: Element;
  anchor: Element | Text;
  clip: Element | null;
}

type Win = Window & typeof globalThis;

/** Creates the layer of one document (inserted with its first badge). */
export function createBadgeLayer(win: Win) {
  const doc = win.document;
  let layer: HTMLElement | null = null;
  const tables = new WeakMap<Element, boolean>();
  const spots = new Map<Element, Map<HTMLElement, LayerSpot>>();
  const resized = new win.ResizeObserver((entries) => {
    for (const entry of entries) move(entry.target);
  });

  /** True when `table` is long and no box between it and the page scrolls. */
  function isLong(table: Element): boolean {
    let long = tables.get(table);
    if (long === undefined) {
      long = (table as HTMLTableElement).rows?.length > LONG_TABLE_ROWS;
      for (let box = table.parentElement; long && box && box !== doc.body; box = box.parentElement) {
        const overflow = win.getComputedStyle(box).overflowY;
        if (overflow === 'auto' || overflow === 'scroll') long = false;
      }
      tables.set(table, long);
    }
    return long;
  }

  /** Reads where `spot`'s badges start: left and top in document coordinates, or null if unrendered. */
  function read(spot: LayerSpot): [number, number] | null {
    const box = spot.anchor.nodeType === 1 ? (spot.anchor as Element) : spot.anchor.parentElement;
    const rect = box?.getBoundingClientRect();
    if (!rect || (rect.width === 0 && rect.height === 0)) return null;
    const right = spot.clip ? Math.min(rect.right, spot.clip.getBoundingClientRect().right) : rect.right;
    return [right + 4 + win.scrollX, rect.top + (rect.height - SIZE) / 2 + win.scrollY];
  }

  function write(hosts: HTMLElement[], at: [number, number] | null): void {
    hosts.forEach((host, i) => {
      host.hidden = at === null;
      if (at) host.style.transform = `translate(${at[0] + i * STEP}px,${at[1]}px)`;
    });
  }

  /** Moves the badges of `table` to where its addresses are now: all reads, then all writes. */
  function move(table: Element): void {
    const placed = spots.get(table);
    if (!placed) return;
    const groups = new Map<Element | Text, HTMLElement[]>();
    for (const [host, spot] of placed) {
      if (!host.isConnected) placed.delete(host);
      else groups.set(spot.anchor, [...(groups.get(spot.anchor) ?? []), host]);
    }
    const moves = [...groups].map(([, hosts]) => [hosts, read(placed.get(hosts[0]!)!)] as const);
    for (const [hosts, at] of moves) write(hosts, at);
  }

  return {
    /** The layer spot of `anchor` when it sits in a long table (reads styles only), else null. */
    spotOf(anchor: Element | Text, clip: Element | null): LayerSpot | null {
      const own = anchor.nodeType === 1 ? (anchor as Element) : anchor.parentElement;
      const table = own?.closest('table');
      return table && isLong(table) ? { table, anchor, clip } : null;
    },
    /** Reads the positions of a batch of spots (call before any write of the batch). */
    read,
    /** Puts `hosts` in the layer at `at` (read by `read` in the same batch). */
    put(spot: LayerSpot, hosts: HTMLElement[], at: [number, number] | null): void {
      if (!layer?.isConnected) {
        layer = doc.createElement(LAYER_TAG);
        doc.documentElement.append(layer);
      }
      let placed = spots.get(spot.table);
      if (!placed) {
        spots.set(spot.table, (placed = new Map()));
        resized.observe(spot.table);
      }
      for (const host of hosts) placed.set(host, spot);
      write(hosts, at);
      layer.append(...hosts);
    },
    /** True when `host` is drawn in the layer. */
    holds: (host: Node) => host.parentNode === layer && layer !== null,
  };
}

export type BadgeLayer = ReturnType<typeof createBadgeLayer>;

/** The layer's own rules, added to the document sheet (styles.ts). */
export const LAYER_CSS = `${LAYER_TAG}{position:absolute;top:0;left:0;width:0;height:0;z-index:2147483646;contain:layout style;will-change:transform}
${LAYER_TAG}>${BADGE_TAG}{position:absolute;top:0;left:0;margin:0}${LAYER_TAG}>[hidden]{display:none}`;
