/**
 * Once per e2e run: starts the sandbox on its own port and builds the sandbox extension pointed at
 * it (mode `sandbox-e2e`, so a developer's `npm start` build is left alone). `AMPERE_E2E_PORT` and
 * `AMPERE_E2E_MODE` (a mode starting with `sandbox`) let two runs on one machine keep apart.
 */
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startSandbox } from '../sandbox/server';

export const E2E_PORT = Number(process.env.AMPERE_E2E_PORT ?? 8797);
const E2E_MODE = process.env.AMPERE_E2E_MODE ?? 'sandbox-e2e';
if (!E2E_MODE.startsWith('sandbox')) throw new Error('AMPERE_E2E_MODE must start with "sandbox"');
export const E2E_EXTENSION_DIR = `.output/chrome-mv3-${E2E_MODE}`;

declare module 'vitest' {
  export interface ProvidedContext {
    sandboxOrigin: string;
    extensionDir: string;
  }
}

export default async function setup(project: TestProject) {
  const sandbox = await startSandbox({ port: E2E_PORT, host: '127.0.0.1' });
  if (process.env.AMPERE_E2E_SKIP_BUILD !== '1') {
    execFileSync('npx', ['wxt', 'build', '--mode', E2E_MODE], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, WXT_SANDBOX_ORIGIN: sandbox.origin },
    });
  }
  project.provide('sandboxOrigin', sandbox.origin);
  project.provide('extensionDir', E2E_EXTENSION_DIR);
  return async () => {
    await sandbox.close();
  };
}
