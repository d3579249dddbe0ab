/**
 * The page's changes, in batches: one MutationObserver on the whole document, its records gathered
 * until the next animation frame (a timer in hidden tabs, which get no frames), and a sweep of the
 * whole page queued on SPA navigation.
 */

/** One frame's worth of the page's changes. */
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
  let records: MutationRecord[] = [];
  let frameQueued = false;
  let sweepQueued = false;
  let noticedAt = 0;

  function runBatch(): void {
    frameQueued = false;
    if (!observing) return;
    const startedAt = performance.now();
    const batch = records.concat(observer.takeRecords());
    records = [];
    const sweep = sweepQueued;
    sweepQueued = false;
    onBatch({ records: batch, sweep, noticedAt, startedAt });
  }

  function queueFrame(): void {
    if (frameQueued) return;
    frameQueued = true;
    noticedAt = performance.now();
    // Hidden tabs get no animation frames; their badges still have to be right when shown.
    if (doc.hidden) win.setTimeout(runBatch, 100);
    else win.requestAnimationFrame(runBatch);
  }

  const observer = new win.MutationObserver((list) => {
    records.push(...list);
    queueFrame();
  });

  // SPA navigation replaces content through the DOM, which the observer sees; a sweep of the whole
  // page on navigation also catches nodes the app reused and re-filled (handled anchors cost nothing).
  const onNavigate = () => {
    sweepQueued = true;
    queueFrame();
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
     * since: they are then our own insertions and removals, not worth walking thousands of next frame.
     */
    dropOwnRecords(): void {
      observer.takeRecords();
    },
    /** Stops observing and forgets the records not handled yet. */
    disconnect(): void {
      observing = false;
      observer.disconnect();
      records = [];
      win.removeEventListener('hashchange', onNavigate);
      win.removeEventListener('popstate', onNavigate);
      (win as { navigation?: EventTarget }).navigation?.removeEventListener('navigatesuccess', onNavigate);
    },
  };
}
