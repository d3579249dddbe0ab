/**
 * `npm run bench:badges`: how long the TronScan content script takes to badge a long transfer list,
 * against a floor measured in the same run, and what 10 appended rows cost on 1,000 and 10,000 rows.
 *
 * Method (printed with the figures):
 * - The sandbox runs in this process on a free port; the sandbox extension is built for that origin
 *   (mode `sandbox-bench`, so neither `npm start`'s nor the e2e build is touched; `--reuse` skips
 *   the build when the last one was made for the same origin) and loaded into system Chromium.
 * - Each run opens `/tronscan/?tronlink=off#/transfers?rows=1000` in a fresh tab (without the TronLink
 *   emulator, whose TronWeb start-up would otherwise land its GC pauses in the middle of both
 *   measurements). Every row shows three address links (from, to, token), so 3,000 badges.
 * - badgeMs: wall-clock time, measured by the content script (sandbox builds publish it on
 *   `<html data-ampere-episode-ms>`), from the moment its MutationObserver reported the rows to the
 *   end of the last batch that placed or drew one of their badges. It spans finding the candidates,
 *   the `risk.lookup` round trips to the background (which checks every checksum and answers the
 *   badge data), placing a badge host after every confirmed address, and building the shadow roots of
 *   the badges within reach of the viewport, plus every wait in between (messages, the frame before
 *   the visibility callback). The content script's busy time is printed beside it.
 * - floorMs: in the same tab, a page script doing the least any badger must: `querySelectorAll` of
 *   the same address links and reading each one's `textContent`. Its first run is the floor (the
 *   content script's scan is a first run too); warm repeats are printed for reference.
 * - append10Ms / append10On10kMs: `appendRows(10)` (30 more links) on the 1,000-row page and on the
 *   10,000-row page; the same wall-clock measure for the badges of those rows (their addresses were
 *   confirmed earlier on that page, so they need no round trip).
 * - Several runs; every figure is the median over runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startSandbox } from '../sandbox/server';
import { launchWithExtension } from '../e2e/launch';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    appends: { type: 'string', default: '5' },
    reuse: { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Number(values.runs));
const APPENDS = Math.max(1, Number(values.appends));
const LINKS_PER_ROW = 3;
const EXTENSION_DIR = resolve('.output/chrome-mv3-sandbox-bench');
const LINK_SELECTOR = 'a[href^="#/address/"], a[href^="#/contract/"], a[href^="#/token20/"]';

interface Metrics {
  badges: number;
  batches: number;
  waiting: number;
  asking: number;
  episodeMs: number;
  episodes: number;
  scanTotalMs: number;
  answerTotalMs: number;
  renderTotalMs: number;
  findTotalMs: number;
  placeTotalMs: number;
  lookups: number;
  lookupMaxMs: number;
}

/** The content script's busy time so far: scans, placing answered badges, drawing. */
const busyMs = (m: Metrics) => m.scanTotalMs + m.answerTotalMs + m.renderTotalMs;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

// Page-side callbacks define no inner named functions: tsx would wrap them in a `__name` helper
// that does not exist in the page.
function readMetrics(page: Page): Promise<Metrics> {
  return page.evaluate(() => {
    const data = document.documentElement.dataset;
    return {
      badges: Number(data.ampereBadges ?? 0),
      batches: Number(data.ampereBatches ?? 0),
      waiting: Number(data.ampereWaiting ?? 0),
      asking: Number(data.ampereAsking ?? 0),
      episodeMs: Number(data.ampereEpisodeMs ?? 0),
      episodes: Number(data.ampereEpisodes ?? 0),
      scanTotalMs: Number(data.ampereScanTotalMs ?? 0),
      answerTotalMs: Number(data.ampereAnswerTotalMs ?? 0),
      renderTotalMs: Number(data.ampereRenderTotalMs ?? 0),
      findTotalMs: Number(data.ampereFindTotalMs ?? 0),
      placeTotalMs: Number(data.amperePlaceTotalMs ?? 0),
      lookups: Number(data.ampereLookups ?? 0),
      lookupMaxMs: Number(data.ampereLookupMaxMs ?? 0),
    };
  });
}

/** Waits until the badge count reaches `count` and nothing is scanning, waiting or rendering any more. */
async function settled(page: Page, count: number): Promise<Metrics> {
  await page.waitForFunction(
    (expected) => Number(document.documentElement.dataset.ampereBadges) === expected,
    count,
    {
      timeout: 120_000,
    },
  );
  let last = await readMetrics(page);
  for (;;) {
    await page.waitForTimeout(300);
    const now = await readMetrics(page);
    if (now.batches === last.batches && now.waiting === 0 && now.asking === 0) return now;
    last = now;
  }
}

async function openTransfers(origin: string, rows: number): Promise<Page> {
  const page = await launched.context.newPage();
  await page.goto(`${origin}/tronscan/?tronlink=off#/transfers?rows=${rows}`);
  await page.waitForFunction(() => window.__tronscanSandbox !== undefined);
  await page.evaluate(() => window.__tronscanSandbox.ready());
  return page;
}

/** The floor: the same links queried and read by a page script; first (cold) run, then warm repeats. */
function measureFloor(page: Page): Promise<{ cold: number; warm: number[]; links: number }> {
  return page.evaluate((selector) => {
    const times: number[] = [];
    let links = 0;
    for (let run = 0; run < 6; run++) {
      const started = performance.now();
      let characters = 0;
      const found = document.querySelectorAll(selector);
      for (let i = 0; i < found.length; i++) characters += found[i]!.textContent!.length;
      times.push(performance.now() - started + (characters < 0 ? 1 : 0));
      links = found.length;
    }
    return { cold: times[0]!, warm: times.slice(1), links };
  }, LINK_SELECTOR);
}

/** Appends 10 rows `times` times; returns the wall-clock time to badge each append's rows. */
async function measureAppends(page: Page, times: number): Promise<number[]> {
  const costs: number[] = [];
  for (let i = 0; i < times; i++) {
    const before = await settled(page, (await readMetrics(page)).badges);
    await page.evaluate(() => window.__tronscanSandbox.appendRows(10));
    const after = await settled(page, before.badges + 10 * LINKS_PER_ROW);
    if (after.episodes !== before.episodes + 1)
      throw new Error(`appending 10 rows took ${after.episodes - before.episodes} episodes, expected 1`);
    costs.push(after.episodeMs);
  }
  return costs;
}

/** The episode that badged a freshly loaded page; the page must have been badged in one. */
function loadEpisode(metrics: Metrics, what: string): number {
  if (metrics.episodes !== 1)
    throw new Error(`${what} was badged in ${metrics.episodes} episodes, expected 1`);
  return metrics.episodeMs;
}

// ── setup ──

execFileSync('npx', ['tsx', 'tests/e2e/ensure-chromium.ts'], { stdio: 'inherit' });
const sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
const builtFor = existsSync(`${EXTENSION_DIR}/manifest.json`)
  ? readFileSync(`${EXTENSION_DIR}/manifest.json`, 'utf8').includes(`${sandbox.origin}/tronscan/*`)
  : false;
if (!values.reuse || !builtFor) {
  console.log(`Building the sandbox extension for ${sandbox.origin} (mode sandbox-bench)…`);
  execFileSync('npx', ['wxt', 'build', '--mode', 'sandbox-bench'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WXT_SANDBOX_ORIGIN: sandbox.origin },
  });
}
const launched = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: true });

// ── runs ──

const runs: {
  floorMs: number;
  floorWarmMs: number;
  badgeMs: number;
  busyMs: number;
  scanMs: number;
  findMs: number;
  placeMs: number;
  answerMs: number;
  renderMs: number;
  lookups: number;
  lookupMaxMs: number;
  append10Ms: number;
  append10On10kMs: number;
  badge10kMs: number;
}[] = [];

try {
  for (let run = 1; run <= RUNS; run++) {
    const page = await openTransfers(sandbox.origin, 1000);
    const loaded = await settled(page, 1000 * LINKS_PER_ROW);
    const floor = await measureFloor(page);
    if (floor.links !== 1000 * LINKS_PER_ROW)
      throw new Error(`expected 3000 links, the page has ${floor.links}`);
    const append1k = await measureAppends(page, APPENDS);
    await page.close();

    const big = await openTransfers(sandbox.origin, 10_000);
    const bigLoaded = await settled(big, 10_000 * LINKS_PER_ROW);
    const append10k = await measureAppends(big, APPENDS);
    await big.close();

    const figures = {
      floorMs: floor.cold,
      floorWarmMs: median(floor.warm),
      badgeMs: loadEpisode(loaded, 'the 1,000-row page'),
      busyMs: busyMs(loaded),
      scanMs: loaded.scanTotalMs,
      findMs: loaded.findTotalMs,
      placeMs: loaded.placeTotalMs,
      answerMs: loaded.answerTotalMs,
      renderMs: loaded.renderTotalMs,
      lookups: loaded.lookups,
      lookupMaxMs: loaded.lookupMaxMs,
      append10Ms: median(append1k),
      append10On10kMs: median(append10k),
      badge10kMs: loadEpisode(bigLoaded, 'the 10,000-row page'),
    };
    runs.push(figures);
    console.log(
      `run ${run}: floor ${round(figures.floorMs)} ms (warm ${round(figures.floorWarmMs)}), badged in ${round(figures.badgeMs)} ms ` +
        `(busy ${round(figures.busyMs)}: scan ${round(figures.scanMs)} [find ${round(figures.findMs)} + place ${round(figures.placeMs)}], ` +
        `answers ${round(figures.answerMs)}, render ${round(figures.renderMs)}; ${figures.lookups} lookups, slowest ` +
        `round trip ${round(figures.lookupMaxMs)}), append 10 rows: ${round(figures.append10Ms)} ms ` +
        `on 1,000 rows, ${round(figures.append10On10kMs)} ms on 10,000 rows (10,000-row page badged in ${round(figures.badge10kMs)} ms)`,
    );
  }
} finally {
  await launched.close();
  await sandbox.close();
}

const result = {
  rows: 1000,
  floorMs: round(median(runs.map((r) => r.floorMs))),
  badgeMs: round(median(runs.map((r) => r.badgeMs))),
  ratio: 0,
  append10Ms: round(median(runs.map((r) => r.append10Ms))),
  append10On10kMs: round(median(runs.map((r) => r.append10On10kMs))),
};
result.ratio = round(result.badgeMs / result.floorMs);

console.log(
  `
Method: sandbox in-process at ${sandbox.origin}, extension built for it (mode sandbox-bench), system
Chromium headless, 1280×800 viewport. ${RUNS} runs, ${APPENDS} appends per page per run, medians.
- badgeMs: wall-clock time on /tronscan/?tronlink=off#/transfers?rows=1000 (3,000 links), from the
  content script's MutationObserver reporting the rows to the end of the last batch that placed or
  drew one of their badges: finding candidates, the risk.lookup round trips (the background checks
  each checksum and answers badge data), placing a host after each confirmed address, drawing the
  shadow roots of the badges within 400 px of the viewport (the rest are drawn as they scroll near),
  and every wait in between. Published by the sandbox build on <html data-ampere-episode-ms>.
  "busy" is the content script's own share (scans, placing answered badges, drawing).
- floorMs: a page script's first querySelectorAll('${LINK_SELECTOR}') + textContent of each link, same tab.
- append10Ms / append10On10kMs: the same wall-clock measure for appendRows(10) (30 links) on the
  1,000-row and the 10,000-row page (addresses already confirmed on that page: no round trip).
Medians: floor ${result.floorMs} ms (warm ${round(median(runs.map((r) => r.floorWarmMs)))} ms), badged in ${result.badgeMs} ms ` +
    `(busy ${round(median(runs.map((r) => r.busyMs)))}: scan ${round(median(runs.map((r) => r.scanMs)))} [find ` +
    `${round(median(runs.map((r) => r.findMs)))} + place ${round(median(runs.map((r) => r.placeMs)))}], answers ` +
    `${round(median(runs.map((r) => r.answerMs)))}, render ${round(median(runs.map((r) => r.renderMs)))}; slowest ` +
    `lookup round trip ${round(median(runs.map((r) => r.lookupMaxMs)))}), ` +
    `ratio ${result.ratio}x (target ≤ 3x); append 10 rows ${result.append10Ms} ms on 1,000 rows vs ` +
    `${result.append10On10kMs} ms on 10,000 rows; the 10,000-row page badged in ${round(median(runs.map((r) => r.badge10kMs)))} ms.`,
);
console.log(JSON.stringify(result));
