/**
 * Which parts of the page are near the viewport: badges are drawn there (a shadow root each), the
 * rest as they scroll near, because drawing thousands nobody sees is most of the cost of a long list.
 *
 * What is watched is the element holding an anchor: its table row (tronscan's long lists are tables
 * with two or three addresses a row, so one observation serves them all), else the link itself or a
 * text anchor's parent. Anchors are watched from the moment they are found, while their candidates
 * are still with the background: the page's own layout answers which are near before the background
 * answers, so a badge placed near the viewport is drawn as it is placed, in the same frame.
 *
 * Test URL: the sandbox's `/tronscan/#/transfers?rows=1000` (drawn as you scroll).
 */

/** Where anchors count as near: this far outside the viewport too, so scrolling finds badges ready. */
const AHEAD = '400px 0px';

type Anchor = Element | Text;

/** Watches anchors; `onNear` gets the anchors whose holders came near in one observer callback. */
export function createNearViewport(win: Window & typeof globalThis, onNear: (anchors: Anchor[]) => void) {
  let near = new WeakSet<Element>();
  // The anchors each watched holder holds; an entry exists exactly while its holder is observed.
  let held = new WeakMap<Element, Anchor[]>();

  const learn = (entries: IntersectionObserverEntry[]): Anchor[] => {
    const came: Anchor[] = [];
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      // Once near is enough: a badge drawn stays drawn.
      observer.unobserve(entry.target);
      near.add(entry.target);
      came.push(...(held.get(entry.target) ?? []));
      held.delete(entry.target);
    }
    return came;
  };
  const observer = new win.IntersectionObserver(
    (entries) => {
      const came = learn(entries);
      if (came.length > 0) onNear(came);
    },
    { rootMargin: AHEAD },
  );

  function holderOf(anchor: Anchor): Element | null {
    const own = anchor.nodeType === 1 ? (anchor as Element) : anchor.parentElement;
    return own?.closest('tr') ?? own;
  }

  return {
    /**
     * Starts watching the holder of `anchor`, unless it is near already (watching twice is free).
     * True when it is near now: one lookup of the holder answers both questions.
     */
    watch(anchor: Anchor): boolean {
      const holder = holderOf(anchor);
      if (!holder) return false;
      if (near.has(holder)) return true;
      const anchors = held.get(holder);
      if (anchors) {
        if (!anchors.includes(anchor)) anchors.push(anchor);
        return false;
      }
      held.set(holder, [anchor]);
      observer.observe(holder);
      return false;
    },
    /**
     * Takes in what the last frame measured but the browser has not delivered yet. Its callback
     * comes in a task of its own, which a busy renderer may put after the next frame: an answer
     * placing badges before then would leave them undrawn for a frame.
     */
    catchUp(): void {
      const came = learn(observer.takeRecords());
      if (came.length > 0) onNear(came);
    },
    /** Stops watching everything and forgets what was near (badges were removed). */
    reset(): void {
      observer.disconnect();
      near = new WeakSet();
      held = new WeakMap();
    },
  };
}
