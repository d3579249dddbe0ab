/**
 * `npm run bench:badges`: how long the TronScan content script takes to badge a long transfer list,
 * against a floor measured in the same run, and what 10 appended rows cost on 1,000 and 10,000 rows.
 *
 * Method (printed with the figures):
 * - The sandbox runs in this process on a free port; the sandbox extension is built for that origin
 *   (mode `sandbox-bench`, so neither `npm start`'s nor the e2e build is touched; `--reuse` skips
 *   the build when the last one was made for the same origin) and loaded into system Chromium.
 * - Pages are `/tronscan/?tronlink=off#/transfers?rows=N` (without the TronLink emulator, whose TronWeb
 *   start-up would otherwise land its GC pauses in the middle of the measurements). Every row shows
 *   three address links (from, to, token): 3,000 badges on 1,000 rows.
 * - Every time is wall-clock, measured by the content script and published by sandbox builds on
 *   `<html data-ampere-episode-ms>` (see lib/risk/page/metrics.ts): from the moment
 *   the content script learns of the addresses (it starts its scan, or its MutationObserver reports
 *   new rows) to the end of the last batch that placed one of their badges or drew one near the
 *   viewport. So it includes finding the candidates, the `risk.lookup` round trips to the background
 *   (which checks every checksum and answers the badge data), placing a host after every confirmed
 *   address, drawing the shadow roots near the viewport, and every wait in between (for the
 *   answers, and for a frame where drawing waits for one). "shown" runs on to the first frame
 *   presented after that batch: it adds the style and layout of the page with the new badges, which
 *   on a table of thousands of rows is most of the time; the page's own layout too, when the page
 *   changed at the same time. The content script's own busy time is printed too.
 * - badgeMs: the 1,000-row page already on screen (rendered and laid out with badges off), then
 *   badges turned on: every moment from the content script starting its scan to the badges being
 *   there is ours.
 * - loadMs (printed, not in the JSON): the 1,000-row page opened with badges on: the content script
 *   sees the rows as the page inserts them; the answers to its lookups wait behind the page's own
 *   first layout of 1,000 rows, so that is inside the measure too.
 * - floorMs: in the badged tab, a page script doing the least any badger must: `querySelectorAll` of
 *   the same address links and reading each one's `textContent`. Its first run is the floor (the
 *   content script's scan is a first run too); warm repeats are printed for reference.
 * - append10Ms / append10On10kMs: `appendRows(10)` (30 more links) on the 1,000-row page and on the
 *   10,000-row page, same wall-clock measure (the rows reuse addresses the background already
 *   confirmed on that page, so they need no round trip).
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
  framesPending: number;
  episodeMs: number;
  episodeShownMs: number;
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
      framesPending: Number(data.ampereFramesPending ?? 0),
      episodeMs: Number(data.ampereEpisodeMs ?? 0),
      episodeShownMs: Number(data.ampereEpisodeShownMs ?? 0),
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

/** Waits until the badge count reaches `count` and nothing is scanning, waiting or drawing any more. */
async function settled(page: Page, count: number): Promise<Metrics> {
  await page.waitForFunction(
    (expected) => Number(document.documentElement.dataset.ampereBadges) === expected,
    count,
    { timeout: 120_000 },
  );
  let last = await readMetrics(page);
  for (;;) {
    await page.waitForTimeout(300);
    const now = await readMetrics(page);
    const idle = now.waiting === 0 && now.asking === 0 && now.framesPending === 0;
    if (idle && now.batches === last.batches) return now;
    last = now;
  }
}

/** The figures of the one episode between two readings (a page must be badged in exactly one). */
function episodeBetween(before: Metrics, after: Metrics, what: string) {
  if (after.episodes !== before.episodes + 1)
    throw new Error(`${what} took ${after.episodes - before.episodes} episodes, expected 1`);
  return {
    wallMs: after.episodeMs,
    shownMs: after.episodeShownMs,
    busyMs: busyMs(after) - busyMs(before),
    scanMs: after.scanTotalMs - before.scanTotalMs,
    findMs: after.findTotalMs - before.findTotalMs,
    placeMs: after.placeTotalMs - before.placeTotalMs,
    answerMs: after.answerTotalMs - before.answerTotalMs,
    renderMs: after.renderTotalMs - before.renderTotalMs,
    lookups: after.lookups - before.lookups,
    lookupMaxMs: after.lookupMaxMs,
  };
}

/** What a tab's metrics read before its content script did anything. */
const FRESH_TAB: Metrics = {
  badges: 0,
  batches: 0,
  waiting: 0,
  asking: 0,
  framesPending: 0,
  episodeMs: 0,
  episodeShownMs: 0,
  episodes: 0,
  scanTotalMs: 0,
  answerTotalMs: 0,
  renderTotalMs: 0,
  findTotalMs: 0,
  placeTotalMs: 0,
  lookups: 0,
  lookupMaxMs: 0,
};

async function openTransfers(origin: string, rows: number): Promise<Page> {
  const page = await launched.context.newPage();
  await page.goto(`${origin}/tronscan/?tronlink=off#/transfers?rows=${rows}`);
  await page.waitForFunction(() => window.__tronscanSandbox !== undefined);
  await page.evaluate(() => window.__tronscanSandbox.ready());
  return page;
}

/** Turns badges on or off the way the options page does (a `settings.update` from an extension page). */
async function setBadges(enabled: boolean): Promise<void> {
  await settingsPage.evaluate(async (on) => {
    const { runtime } = (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).chrome;
    await runtime.sendMessage({
      id: Date.now(),
      type: 'settings.update',
      data: { badges: { enabled: on } },
      timestamp: Date.now(),
    });
  }, enabled);
}

/** Waits until the page has drawn a few frames and nothing runs: laid out and idle. */
async function quiet(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(), 200))),
      ),
  );
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
async function measureAppends(page: Page, times: number, shownCosts: number[] = []): Promise<number[]> {
  const costs: number[] = [];
  for (let i = 0; i < times; i++) {
    const before = await settled(page, (await readMetrics(page)).badges);
    await page.evaluate(() => window.__tronscanSandbox.appendRows(10));
    const after = await settled(page, before.badges + 10 * LINKS_PER_ROW);
    const episode = episodeBetween(before, after, 'appending 10 rows');
    costs.push(episode.wallMs);
    shownCosts.push(episode.shownMs);
  }
  return costs;
}

// ── setup ──

execFileSync('npx', ['tsx', 'tests/e2e/ensure-system-packages.ts', '--only-chromium'], { stdio: 'inherit' });
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
const settingsPage = await launched.context.newPage();
await settingsPage.goto(`chrome-extension://${launched.extensionId}/options.html`);

// ── runs ──

type Episode = ReturnType<typeof episodeBetween>;
const runs: {
  floorMs: number;
  floorWarmMs: number;
  onScreen: Episode;
  load: Episode;
  append10Ms: number;
  append10On10kMs: number;
  append10ShownMs: number;
  append10On10kShownMs: number;
  badge10kMs: number;
  badge10kShownMs: number;
}[] = [];

try {
  for (let run = 1; run <= RUNS; run++) {
    // Already on screen: rendered and laid out with badges off, then badges turned on.
    await setBadges(false);
    const page = await openTransfers(sandbox.origin, 1000);
    await quiet(page);
    const before = await readMetrics(page);
    if (before.badges !== 0) throw new Error('badges are off, yet the page has some');
    await setBadges(true);
    const onScreen = episodeBetween(before, await settled(page, 1000 * LINKS_PER_ROW), 'the page on screen');
    const floor = await measureFloor(page);
    if (floor.links !== 1000 * LINKS_PER_ROW)
      throw new Error(`expected 3000 links, the page has ${floor.links}`);
    const append1kShown: number[] = [];
    const append1k = await measureAppends(page, APPENDS, append1kShown);
    await page.close();

    // Badged while it loads: the rows arrive under the content script's eyes.
    const loading = await openTransfers(sandbox.origin, 1000);
    const load = episodeBetween(
      FRESH_TAB,
      await settled(loading, 1000 * LINKS_PER_ROW),
      'the page while loading',
    );
    await loading.close();

    const big = await openTransfers(sandbox.origin, 10_000);
    const bigLoaded = await settled(big, 10_000 * LINKS_PER_ROW);
    if (bigLoaded.episodes !== 1) throw new Error(`10,000 rows took ${bigLoaded.episodes} episodes`);
    const append10kShown: number[] = [];
    const append10k = await measureAppends(big, APPENDS, append10kShown);
    await big.close();

    const figures = {
      floorMs: floor.cold,
      floorWarmMs: median(floor.warm),
      onScreen,
      load,
      append10Ms: median(append1k),
      append10On10kMs: median(append10k),
      append10ShownMs: median(append1kShown),
      append10On10kShownMs: median(append10kShown),
      badge10kMs: bigLoaded.episodeMs,
      badge10kShownMs: bigLoaded.episodeShownMs,
    };
    runs.push(figures);
    console.log(
      `run ${run}: floor ${round(figures.floorMs)} ms (warm ${round(figures.floorWarmMs)}); on screen: ${describe(onScreen)}; ` +
        `while loading: ${describe(load)}; append 10 rows: ${round(figures.append10Ms)} ms (shown ` +
        `${round(figures.append10ShownMs)}) on 1,000 rows, ${round(figures.append10On10kMs)} ms (shown ` +
        `${round(figures.append10On10kShownMs)}) on 10,000 rows; 10,000-row page badged while loading in ` +
        `${round(figures.badge10kMs)} ms (shown ${round(figures.badge10kShownMs)})`,
    );
  }
} finally {
  await launched.close();
  await sandbox.close();
}

function describe(e: Episode): string {
  return (
    `badged in ${round(e.wallMs)} ms, shown ${round(e.shownMs)} ms (busy ${round(e.busyMs)}: scan ${round(e.scanMs)} [find ${round(e.findMs)} + ` +
    `place ${round(e.placeMs)}], answers ${round(e.answerMs)}, draw ${round(e.renderMs)}; ${e.lookups} lookups, ` +
    `slowest round trip ${round(e.lookupMaxMs)})`
  );
}

/** The median of every figure of an episode over the runs. */
function medianEpisode(pick: (r: (typeof runs)[number]) => Episode): Episode {
  const keys = Object.keys(pick(runs[0]!)) as (keyof Episode)[];
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => pick(r)[k]))])) as Episode;
}

const onScreen = medianEpisode((r) => r.onScreen);
const load = medianEpisode((r) => r.load);
const result = {
  rows: 1000,
  floorMs: round(median(runs.map((r) => r.floorMs))),
  badgeMs: round(onScreen.wallMs),
  ratio: 0,
  append10Ms: round(median(runs.map((r) => r.append10Ms))),
  append10On10kMs: round(median(runs.map((r) => r.append10On10kMs))),
};
result.ratio = round(result.badgeMs / result.floorMs);

console.log(
  `
Method: sandbox in-process at ${sandbox.origin}, extension built for it (mode sandbox-bench), system
Chromium headless, 1280×800 viewport. ${RUNS} runs, ${APPENDS} appends per page per run, medians.
Every time is wall-clock, from the content script learning of the addresses to the end of the last
batch that placed one of their badges or drew one near the viewport: finding candidates, the
risk.lookup round trips (the background checks each checksum and answers badge data), placing a host
after each confirmed address, drawing shadow roots within 400 px of the viewport, and every wait in
between. "shown" runs on to the first frame presented after it (adds the style and layout of the page
with its new badges, and the page's own when it changed too). "busy" is the content script's share.
- badgeMs: /tronscan/?tronlink=off#/transfers?rows=1000 (3,000 links) already on screen, badges
  turned on.
- loadMs: the same page opened with badges on (the page's own first layout of the rows is inside).
- floorMs: a page script's first querySelectorAll('${LINK_SELECTOR}') + textContent of each link, same tab.
- append10Ms / append10On10kMs: appendRows(10) (30 links) on the 1,000-row and the 10,000-row page.
Medians: floor ${result.floorMs} ms (warm ${round(median(runs.map((r) => r.floorWarmMs)))} ms); on screen ${describe(onScreen)}, ` +
    `ratio ${result.ratio}x (target ≤ 3x); loadMs: ${describe(load)}; append 10 rows ${result.append10Ms} ms ` +
    `(shown ${round(median(runs.map((r) => r.append10ShownMs)))}) on 1,000 rows vs ${result.append10On10kMs} ms ` +
    `(shown ${round(median(runs.map((r) => r.append10On10kShownMs)))}) on 10,000 rows; the 10,000-row page ` +
    `badged while loading in ${round(median(runs.map((r) => r.badge10kMs)))} ms (shown ` +
    `${round(median(runs.map((r) => r.badge10kShownMs)))}).`,
);
console.log(JSON.stringify(result));
