/**
 * `npm run size`: builds the production extension and prints the gzipped size of what each context
 * loads first, against the budgets in the README. Exits non-zero when a budget is exceeded.
 *
 * Method: gzip level 9 of each file; the popup's initial JS is its entry script plus every chunk the
 * built popup.html preloads (what the browser fetches before first paint); each content script and
 * the background are single files.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const OUT = '.output/chrome-mv3';
const BUDGETS_KB = { contentScript: 12, popupInitialJs: 60, background: 150 };

const gz = (file: string) => gzipSync(readFileSync(join(OUT, file)), { level: 9 }).length;
const kb = (bytes: number) => Math.round((bytes / 1024) * 100) / 100;

if (!process.argv.includes('--no-build')) {
  execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

const popupHtml = readFileSync(join(OUT, 'popup.html'), 'utf8');
const popupScripts = [...popupHtml.matchAll(/(?:src|href)="\/(chunks\/[^"]+\.js)"/g)].map((m) => m[1]!);
const contentScripts = readdirSync(join(OUT, 'content-scripts')).filter((f) => f.endsWith('.js'));

const rows: { what: string; files: string[]; gzipKb: number; budgetKb: number }[] = [
  ...contentScripts.map((f) => ({
    what: `content script ${f}`,
    files: [`content-scripts/${f}`],
    gzipKb: kb(gz(`content-scripts/${f}`)),
    budgetKb: BUDGETS_KB.contentScript,
  })),
  {
    what: 'popup initial JS',
    files: popupScripts,
    gzipKb: kb(popupScripts.reduce((sum, f) => sum + gz(f), 0)),
    budgetKb: BUDGETS_KB.popupInitialJs,
  },
  {
    what: 'background',
    files: ['background.js'],
    gzipKb: kb(gz('background.js')),
    budgetKb: BUDGETS_KB.background,
  },
];

console.log('Production build, gzip -9 sizes (KB = 1024 bytes):');
for (const row of rows) {
  const verdict = row.gzipKb <= row.budgetKb ? 'ok' : 'OVER BUDGET';
  console.log(
    `  ${row.what.padEnd(36)} ${String(row.gzipKb).padStart(8)} KB  (budget ${row.budgetKb} KB) ${verdict}`,
  );
}
console.log(JSON.stringify(Object.fromEntries(rows.map((r) => [r.what, r.gzipKb]))));
if (rows.some((r) => r.gzipKb > r.budgetKb)) process.exit(1);
