/**
 * The page's changes, in batches: one MutationObserver on the whole document, each of its callbacks
 * one batch, handled at once. The callback is a microtask right after the page's own script that
 * changed the DOM, before the browser's next style and layout: badge hosts put in now are laid out
 * with the page's new rows in the same pass, instead of laying out a long table a second time
 * (see badge-placement.ts). A sweep of the whole page is queued on SPA navigation, for the next
 * animation frame (a timer in hidden tabs, which get no frames).
 */

/** One batch of the page's changes. */
export interface MutationBatch {
  records: MutationRecord[];
  /** Navigation happened: the whole page is to be scanned, not just what was added. */
  sweep: boolean;
  /** `performance.now()` when the first change of the batch was noticed. */
  noticedAt: number;
  /** `performance.now()` when the batch started running. */
  startedAt: number;
}

/** Creates the batching for `doc`; nothing is observed until `observe`. */
export function createMutationBatches(doc: Document, onBatch: (batch: MutationBatch) => void) {
  const win = doc.defaultView!;
  let observing = false;
  let sweepQueued = false;

  const observer = new win.MutationObserver((list) => {
    if (!observing) return;
    const now = performance.now();
    onBatch({ records: list, sweep: false, noticedAt: now, startedAt: now });
  });

  function sweep(): void {
    sweepQueued = false;
    if (!observing) return;
    const now = performance.now();
    onBatch({ records: observer.takeRecords(), sweep: true, noticedAt: now, startedAt: now });
  }

  // SPA navigation replaces content through the DOM, which the observer sees; a sweep of the whole
  // page on navigation also catches nodes the app reused and re-filled (handled anchors cost nothing).
  const onNavigate = () => {
    if (sweepQueued) return;
    sweepQueued = true;
    // Hidden tabs get no animation frames; their badges still have to be right when shown.
    if (doc.hidden) win.setTimeout(sweep, 100);
    else win.requestAnimationFrame(sweep);
  };

  return {
    /** Starts observing `root` (links' hrefs, text, and what is added or removed) and navigation. */
    observe(root: Node): void {
      observing = true;
      observer.observe(root, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['href'],
      });
      win.addEventListener('hashchange', onNavigate);
      win.addEventListener('popstate', onNavigate);
      (win as { navigation?: EventTarget }).navigation?.addEventListener('navigatesuccess', onNavigate);
    },
    /**
     * Drops the records queued since the batch started. Call only when nothing but our own code ran
     * since: they are then our own insertions and removals, not worth a callback of their own.
     */
    dropOwnRecords(): void {
      observer.takeRecords();
    },
    /** Stops observing and forgets the records not handled yet. */
    disconnect(): void {
      observing = false;
      observer.disconnect();
      win.removeEventListener('hashchange', onNavigate);
      win.removeEventListener('popstate', onNavigate);
      (win as { navigation?: EventTarget }).navigation?.removeEventListener('navigatesuccess', onNavigate);
    },
  };
}
