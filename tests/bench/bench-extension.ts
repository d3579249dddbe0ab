/**
 * The benches' extension: the sandbox build of `mode` (built again unless `reuse` is asked and the
 * last build already points at `sandboxOrigin`), loaded in the system Chromium.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchWithExtension } from '../e2e/launch';

export async function launchBenchExtension(mode: string, sandboxOrigin: string, reuse: boolean) {
  const extensionDir = resolve(`.output/chrome-mv3-${mode}`);
  const manifest = `${extensionDir}/manifest.json`;
  const builtFor = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as { host_permissions?: string[] }).host_permissions?.[0]
    : undefined;
  if (!reuse || builtFor !== `${sandboxOrigin}/*`) {
    console.log(`Building the sandbox extension for ${sandboxOrigin} (mode ${mode})…`);
    execFileSync('npx', ['wxt', 'build', '--mode', mode], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, WXT_SANDBOX_ORIGIN: sandboxOrigin },
    });
  }
  execFileSync('npx', ['tsx', 'tests/e2e/ensure-system-packages.ts', '--only-chromium'], {
    stdio: 'inherit',
  });
  return launchWithExtension({ extensionDir });
}
