/**
 * The content script's own timings, published for the benchmark and the e2e tests as data
 * attributes on `<html>` (sandbox builds only: production pages learn nothing from us).
 *
 * Test URL: the sandbox's `/tronscan/#/transfers?rows=1000`, read with
 * `document.documentElement.dataset` (`ampereScanMs`, `ampereBadges`, …).
 */

export type ScanKind = 'initial' | 'mutations' | 'sweep' | 'detached';

export interface ScanMetrics {
  /** One scan batch finished: its busy time, the badges on the page after it, what started it. */
  scanned(ms: number, badges: number, kind: ScanKind): void;
  /** One render batch of badges entering the viewport finished. */
  rendered(ms: number): void;
  /** How a scan's time split: finding and validating occurrences, then placing their badges. */
  phases(findMs: number, placeMs: number): void;
  /** Addresses whose data is still on the way. */
  asking(count: number): void;
}

/** Writes every figure to `root.dataset`, keeping totals so a reader can diff two moments. */
export function createDatasetMetrics(root: HTMLElement): ScanMetrics {
  let batches = 0;
  let scanTotal = 0;
  let renders = 0;
  let renderTotal = 0;
  let findTotal = 0;
  let placeTotal = 0;
  const ms = (value: number) => value.toFixed(3);
  return {
    scanned(time, badges, kind) {
      batches++;
      scanTotal += time;
      Object.assign(root.dataset, {
        ampereBadges: String(badges),
        ampereScanMs: ms(time),
        ampereScanKind: kind,
        ampereScanBatches: String(batches),
        ampereScanTotalMs: ms(scanTotal),
      });
    },
    rendered(time) {
      renders++;
      renderTotal += time;
      Object.assign(root.dataset, {
        ampereRenderMs: ms(time),
        ampereRenderBatches: String(renders),
        ampereRenderTotalMs: ms(renderTotal),
      });
    },
    phases(find, place) {
      findTotal += find;
      placeTotal += place;
      root.dataset.ampereFindTotalMs = ms(findTotal);
      root.dataset.amperePlaceTotalMs = ms(placeTotal);
    },
    asking(count) {
      root.dataset.ampereAsking = String(count);
    },
  };
}
