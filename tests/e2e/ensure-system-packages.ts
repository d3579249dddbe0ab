/**
 * The one place that makes sure the system programs the tests use are present (`npm run
 * test:system`, run first by `npm test` and by `test:sandbox` / `test:e2e` on their own; `.ci/run`
 * relies on it too):
 * - Chromium at CHROMIUM_PATH (default /usr/bin/chromium), driven by playwright-core in the sandbox
 *   and end-to-end tests, `npm start` and the benchmarks: Debian package `chromium`;
 * - `pdftoppm` and `pdfinfo` (the sandbox's report tests and the end-to-end tests read and render the
 *   PDF reports): Debian package `poppler-utils`.
 * Installs what is missing with apt-get when running as root (CI, fresh machines); otherwise stops
 * at once with the exact command to run.
 *
 * `--only-chromium`: check Chromium alone (`npm start` and the benchmarks render no PDF).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { CHROMIUM_PATH } from './launch';

const onlyChromium = process.argv.includes('--only-chromium');

interface Requirement {
  pkg: string;
  what: string;
  present: () => boolean;
}

/** A program on PATH that starts (`-v` prints the version of both poppler tools). */
const runs = (program: string) => spawnSync(program, ['-v'], { stdio: 'ignore' }).error === undefined;

const requirements: Requirement[] = [
  { pkg: 'chromium', what: `Chromium at ${CHROMIUM_PATH}`, present: () => existsSync(CHROMIUM_PATH) },
  ...(onlyChromium
    ? []
    : [
        { pkg: 'poppler-utils', what: 'pdftoppm', present: () => runs('pdftoppm') },
        { pkg: 'poppler-utils', what: 'pdfinfo', present: () => runs('pdfinfo') },
      ]),
];

const missingNow = () => requirements.filter((r) => !r.present());
const missing = missingNow();
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.map((m) => m.pkg))];
const whats = missing.map((m) => m.what).join(', ');
const isRoot = process.getuid?.() === 0;
const hasApt = existsSync('/usr/bin/apt-get');

if (!isRoot || !hasApt) {
  console.error(
    `The tests need ${whats}, which ${missing.length === 1 ? 'is' : 'are'} missing.\n` +
      (hasApt
        ? `Install with:  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(' ')}\n`
        : `Install the packages that provide them (Debian: ${packages.join(' ')}).\n`) +
      (packages.includes('chromium') ? `or point CHROMIUM_PATH at an existing Chromium binary.\n` : ''),
  );
  process.exit(1);
}

console.log(`Missing ${whats}; installing ${packages.join(' ')} with apt-get…`);
const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
// Another apt-get on the machine (a second checkout's tests, unattended upgrades) holds apt's locks
// for a while: `install` waits for the dpkg lock (DPkg::Lock::Timeout); `update` does not wait for
// the lists lock, so it is retried.
for (let attempt = 1; ; attempt++) {
  const update = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'update', '-qq'], {
    stdio: 'inherit',
    env: aptEnv,
  });
  if (update.status === 0) break;
  if (attempt === 12) {
    console.error('apt-get update kept failing; see its messages above.');
    process.exit(1);
  }
  console.log(`apt-get update exited ${update.status}; trying again in 10 s (${attempt}/12)…`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
}
execFileSync(
  'apt-get',
  ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '-qq', '--no-install-recommends', ...packages],
  { stdio: 'inherit', env: aptEnv },
);

const stillMissing = missingNow();
if (stillMissing.length > 0) {
  console.error(
    `Installed ${packages.join(' ')}, yet ${stillMissing.map((m) => m.what).join(', ')} is missing.`,
  );
  process.exit(1);
}
console.log(`Installed ${packages.join(' ')}: ${whats} present.`);
