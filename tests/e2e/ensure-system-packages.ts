/**
 * Makes sure the system programs the end-to-end tests use are present: Chromium (driven by
 * playwright-core) and pdftoppm (renders the downloaded PDF reports). Installs what is missing with
 * apt when running as root (CI, fresh machines); otherwise stops with the exact command to run.
 *
 * `--only-chromium`: check Chromium alone (`npm start` and the benchmarks render no PDF).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { CHROMIUM_PATH } from './launch';

const onlyChromium = process.argv.includes('--only-chromium');

const hasPdftoppm = () => spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' }).error === undefined;

const missing: { pkg: string; what: string }[] = [];
if (!existsSync(CHROMIUM_PATH)) missing.push({ pkg: 'chromium', what: `Chromium at ${CHROMIUM_PATH}` });
if (!onlyChromium && !hasPdftoppm()) missing.push({ pkg: 'poppler-utils', what: 'pdftoppm' });

if (missing.length > 0) {
  const packages = missing.map((m) => m.pkg);
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log(
      `Missing ${missing.map((m) => m.what).join(' and ')}; installing ${packages.join(' ')} with apt-get…`,
    );
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    console.error(
      `The end-to-end tests need ${missing.map((m) => m.what).join(' and ')}.\n` +
        `Install with:  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}\n` +
        (missing.some((m) => m.pkg === 'chromium')
          ? `or point CHROMIUM_PATH at an existing Chromium binary.\n`
          : ''),
    );
    process.exit(1);
  }
}
