/**
 * The content script's own timings, published for the benchmark and the e2e tests as data
 * attributes on `<html>` (sandbox builds only: production pages learn nothing from us).
 *
 * Test URL: the sandbox's `/tronscan/#/transfers?rows=1000`, read with
 * `document.documentElement.dataset` (`ampereBadges`, `ampereEpisodeMs`, `ampereScanTotalMs`, …).
 */

/** What a batch of work was: a scan (first, after page changes, after navigation), placing the
 * badges the background's answer settled, drawing badges near the viewport, or removing them all. */
export type BatchKind = 'initial' | 'mutations' | 'sweep' | 'answer' | 'render' | 'detached';

export interface BatchReport {
  kind: BatchKind;
  /** `performance.now()` when the content script learned of what this batch handles: for a scan of
   * page changes, the moment the MutationObserver reported them (not when the batch ran). */
  noticedAt: number;
  /** `performance.now()` when the batch started running; it ended when it is reported. */
  startedAt: number;
  /** Badge hosts this batch placed. */
  placed: number;
  /** Badges this batch drew for the first time (shadow root and button) or redrew with new data. */
  drawn: number;
  /** Badge hosts on the page after it. */
  badges: number;
  /** Anchors whose candidates wait for the background's answer after it. */
  waiting: number;
}

export interface BadgeMetrics {
  /** One batch of work finished. */
  batch(report: BatchReport): void;
  /** How a scan's time split: finding the candidates, then placing the badges already known valid. */
  phases(findMs: number, placeMs: number): void;
  /** Candidates and addresses whose answer is on the way. */
  asking(count: number): void;
  /** One `risk.lookup` came back after `ms` (sent to answered, as the content script sees it). */
  roundTrip(ms: number): void;
}

/**
 * Writes every figure to `root.dataset`, keeping totals so a reader can diff two moments. Besides
 * busy times it measures episodes in wall-clock time: an episode starts when a batch notices
 * something to badge while nothing was in progress, and lasts until no anchor waits for an answer and
 * no lookup is on the way. Its length is measured to two ends: `ampereEpisodeMs` to the end of the
 * last batch that placed a badge host or drew a badge for the first time (so it includes the lookup
 * round trips to the background and every wait for them), and `ampereEpisodeShownMs` to the first
 * frame presented after that batch (a task queued from the next animation frame runs once that
 * frame's style, layout and paint are done), which adds the layout our insertions cause, and the
 * page's own when it changed at the same time. Later redraws (a blacklist answer read from the chain,
 * a new paid result) change what a badge says, not whether it is there: not counted.
 */
export function createDatasetMetrics(root: HTMLElement): BadgeMetrics {
  const counts: Record<BatchKind, number> = {
    initial: 0,
    mutations: 0,
    sweep: 0,
    answer: 0,
    render: 0,
    detached: 0,
  };
  let batches = 0;
  let scanTotal = 0;
  let answerTotal = 0;
  let renderTotal = 0;
  let findTotal = 0;
  let placeTotal = 0;
  let episodeOpen = false;
  let episodeStart = 0;
  let episodes = 0;
  let asking = 0;
  let waitingNow = 0;
  let lookups = 0;
  let lookupTotal = 0;
  let lookupMax = 0;
  let framesPending = 0;
  const ms = (value: number) => value.toFixed(3);
  const win = root.ownerDocument.defaultView!;

  /** Records the episode's length now, and again once the frame showing this batch's work is produced. */
  function badgedNow(start: number, episode: number): void {
    framesPending++;
    Object.assign(root.dataset, {
      ampereFramesPending: String(framesPending),
      ampereEpisodeMs: ms(performance.now() - start),
      ampereEpisodes: String(episode),
    });
    const shown = () => {
      framesPending--;
      Object.assign(root.dataset, {
        ampereFramesPending: String(framesPending),
        ampereEpisodeShownMs: ms(performance.now() - start),
      });
    };
    // Hidden tabs produce no frames: there the figure is the end of the batch.
    if (root.ownerDocument.hidden) shown();
    else win.requestAnimationFrame(() => win.setTimeout(shown, 0));
  }

  return {
    batch({ kind, noticedAt, startedAt, placed, drawn, badges, waiting }) {
      const endedAt = performance.now();
      const busy = endedAt - startedAt;
      batches++;
      counts[kind]++;
      if (kind === 'render') renderTotal += busy;
      else if (kind === 'answer') answerTotal += busy;
      else if (kind !== 'detached') scanTotal += busy;
      if (!episodeOpen && (placed > 0 || waiting > 0)) {
        episodeOpen = true;
        episodeStart = noticedAt;
        episodes++;
        // Same time origin as the page's own `performance.now()`: the benchmark times from here.
        root.dataset.ampereEpisodeStartMs = ms(noticedAt);
      }
      const data: Record<string, string> = {
        ampereBadges: String(badges),
        ampereWaiting: String(waiting),
        ampereBatches: String(batches),
        ampereLastBatch: kind,
        ampereScanTotalMs: ms(scanTotal),
        ampereAnswerTotalMs: ms(answerTotal),
        ampereRenderTotalMs: ms(renderTotal),
        ampereRenderBatches: String(counts.render),
      };
      // Render batches that follow the episode's last placement still belong to it.
      if (placed > 0 || (kind === 'render' && drawn > 0)) badgedNow(episodeStart, episodes);
      waitingNow = waiting;
      if (waiting === 0 && asking === 0) episodeOpen = false;
      Object.assign(root.dataset, data);
    },
    phases(find, place) {
      findTotal += find;
      placeTotal += place;
      root.dataset.ampereFindTotalMs = ms(findTotal);
      root.dataset.amperePlaceTotalMs = ms(placeTotal);
    },
    roundTrip(time) {
      lookups++;
      lookupTotal += time;
      lookupMax = Math.max(lookupMax, time);
      Object.assign(root.dataset, {
        ampereLookups: String(lookups),
        ampereLookupTotalMs: ms(lookupTotal),
        ampereLookupMaxMs: ms(lookupMax),
      });
    },
    asking(count) {
      asking = count;
      if (count === 0 && waitingNow === 0) episodeOpen = false;
      root.dataset.ampereAsking = String(count);
    },
  };
}
