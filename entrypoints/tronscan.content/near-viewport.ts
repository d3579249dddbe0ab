/**
 * Which parts of the page are near the viewport: badges are drawn there (a shadow root each), the
 * rest as they scroll near, because drawing thousands nobody sees is most of the cost of a long list.
 *
 * What is watched is the element holding an anchor (the link itself, or a text anchor's parent), from
 * the moment the anchor is found, while its candidates are still with the background: the page's own
 * layout answers which are near before the background answers, so a badge placed near the viewport
 * is drawn as it is placed, and shows in the same frame.
 *
 * Test URL: the sandbox's `/tronscan/#/transfers?rows=1000` (drawn as you scroll).
 */

/** Where anchors count as near: this far outside the viewport too, so scrolling finds badges ready. */
const AHEAD = '400px 0px';

/** Watches anchors; `onNear` gets the holders that came near in one observer callback. */
export function createNearViewport(win: Window & typeof globalThis, onNear: (holders: Element[]) => void) {
  let near = new WeakSet<Element>();
  const observer = new win.IntersectionObserver(
    (entries) => {
      const came: Element[] = [];
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        // Once near is enough: a badge drawn stays drawn.
        observer.unobserve(entry.target);
        near.add(entry.target);
        came.push(entry.target);
      }
      if (came.length > 0) onNear(came);
    },
    { rootMargin: AHEAD },
  );
  const holder = (anchor: Element | Text): Element | null =>
    anchor.nodeType === 1 ? (anchor as Element) : anchor.parentElement;

  return {
    /** Starts watching the holder of `anchor` (watching twice is free). */
    watch(anchor: Element | Text): void {
      const element = holder(anchor);
      if (element && !near.has(element)) observer.observe(element);
    },
    /** True once the holder of `anchor` has come near the viewport. */
    isNear(anchor: Element | Text): boolean {
      const element = holder(anchor);
      return element !== null && near.has(element);
    },
    /** Stops watching everything and forgets what was near (badges were removed). */
    reset(): void {
      observer.disconnect();
      near = new WeakSet();
    },
  };
}

/** The anchors a holder holds: the link itself, or the text nodes directly under it. */
export function anchorsHeldBy(holder: Element): (Element | Text)[] {
  if (holder.localName === 'a') return [holder];
  const texts: Text[] = [];
  for (let child = holder.firstChild; child; child = child.nextSibling)
    if (child.nodeType === 3) texts.push(child as Text);
  return texts;
}
