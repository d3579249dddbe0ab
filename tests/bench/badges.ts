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
 * - badgeMs: the content script's own busy time for the page, published by the sandbox build on
 *   `<html data-ampere-…>`: every scan batch (finding the occurrences, validating them, placing a
 *   badge host after each, asking for their data) plus every render batch (building the shadow roots
 *   of the badges within reach of the viewport). Waiting for the background's answers is not busy time.
 * - floorMs: in the same tab, a page script doing the least any badger must: `querySelectorAll` of
 *   the same address links and reading each one's `textContent`. Its first run is the floor (the
 *   content script's scan is a first run too); warm repeats are printed for reference.
 * - append10Ms / append10On10kMs: `appendRows(10)` (30 more links) on the 1,000-row page and on the
 *   10,000-row page; the content script's busy time for the mutation batch that badged them.
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
  scanTotalMs: number;
  scanBatches: number;
  lastScanMs: number;
  renderTotalMs: number;
  renderBatches: number;
  findTotalMs: number;
  placeTotalMs: number;
  asking: number;
}

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
      scanTotalMs: Number(data.ampereScanTotalMs ?? 0),
      scanBatches: Number(data.ampereScanBatches ?? 0),
      lastScanMs: Number(data.ampereScanMs ?? 0),
      renderTotalMs: Number(data.ampereRenderTotalMs ?? 0),
      renderBatches: Number(data.ampereRenderBatches ?? 0),
      findTotalMs: Number(data.ampereFindTotalMs ?? 0),
      placeTotalMs: Number(data.amperePlaceTotalMs ?? 0),
      asking: Number(data.ampereAsking ?? 0),
    };
  });
}

/** Waits until the badge count reaches `count` and nothing is scanning or rendering any more. */
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
    if (now.scanBatches === last.scanBatches && now.renderBatches === last.renderBatches && now.asking === 0)
      return now;
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

/** Appends 10 rows `times` times; returns the content script's busy time for each append's batch. */
async function measureAppends(page: Page, times: number): Promise<number[]> {
  const costs: number[] = [];
  for (let i = 0; i < times; i++) {
    const before = await settled(page, (await readMetrics(page)).badges);
    await page.evaluate(() => window.__tronscanSandbox.appendRows(10));
    const after = await settled(page, before.badges + 10 * LINKS_PER_ROW);
    costs.push(after.scanTotalMs - before.scanTotalMs + (after.renderTotalMs - before.renderTotalMs));
  }
  return costs;
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
  scanMs: number;
  findMs: number;
  placeMs: number;
  renderMs: number;
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
      badgeMs: loaded.scanTotalMs + loaded.renderTotalMs,
      scanMs: loaded.scanTotalMs,
      findMs: loaded.findTotalMs,
      placeMs: loaded.placeTotalMs,
      renderMs: loaded.renderTotalMs,
      append10Ms: median(append1k),
      append10On10kMs: median(append10k),
      badge10kMs: bigLoaded.scanTotalMs + bigLoaded.renderTotalMs,
    };
    runs.push(figures);
    console.log(
      `run ${run}: floor ${round(figures.floorMs)} ms (warm ${round(figures.floorWarmMs)}), badges ${round(figures.badgeMs)} ms ` +
        `(scan ${round(figures.scanMs)}: find ${round(figures.findMs)} + place ${round(figures.placeMs)}; render ${round(figures.renderMs)}), append 10 rows: ${round(figures.append10Ms)} ms ` +
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
- badgeMs: the content script's busy time on /tronscan/?tronlink=off#/transfers?rows=1000 (3,000 links):
  every scan batch (find, checksum-validate, place one badge host per occurrence, queue lookups) plus
  every render batch (shadow roots of the badges within 400 px of the viewport; the rest are drawn as
  they scroll near). Published by the sandbox build on <html data-ampere-scan-total-ms / -render-total-ms>.
- floorMs: a page script's first querySelectorAll('${LINK_SELECTOR}') + textContent of each link, same tab.
- append10Ms / append10On10kMs: the content script's busy time for the mutation batch of appendRows(10)
  (30 links) on the 1,000-row and the 10,000-row page.
Medians: floor ${result.floorMs} ms (warm ${round(median(runs.map((r) => r.floorWarmMs)))} ms), badges ${result.badgeMs} ms ` +
    `(scan ${round(median(runs.map((r) => r.scanMs)))}: find ${round(median(runs.map((r) => r.findMs)))} + place ` +
    `${round(median(runs.map((r) => r.placeMs)))}; render ${round(median(runs.map((r) => r.renderMs)))}), ` +
    `ratio ${result.ratio}x (target ≤ 3x); append 10 rows ${result.append10Ms} ms on 1,000 rows vs ` +
    `${result.append10On10kMs} ms on 10,000 rows; the 10,000-row page badged in ${round(median(runs.map((r) => r.badge10kMs)))} ms.`,
);
console.log(JSON.stringify(result));
