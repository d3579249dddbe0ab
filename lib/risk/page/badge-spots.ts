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
  for (const host of hosts) {
    if (floated) host.setAttribute('data-float', '');
    else host.removeAttribute('data-float');
  }
  if (spot.at === 'after') (spot.ref as ChildNode).after(...hosts);
  else if (spot.at === 'before') (spot.ref as ChildNode).before(...hosts);
  else (spot.ref as ParentNode).prepend(...hosts);
}
