/**
 * Starts system Chromium with an unpacked extension on a fresh profile. Shared by the e2e harness,
 * `npm start` and the benchmarks (no test-runner imports here).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet on a closed network and let extensions load headless. */
export function chromiumArgs(extensionDir: string, headless: boolean): string[] {
  return [
    ...(headless ? ['--headless=new'] : []),
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  /** The extension's current service worker (waits for one if it is stopped). */
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

/** Launches Chromium with the extension at `extensionDir` loaded and waits for its worker. */
export async function launchWithExtension(options: {
  extensionDir: string;
  headless?: boolean;
  viewport?: { width: number; height: number } | null;
  /** The browser's interface language (`--lang`), which picks the extension's locale. */
  language?: string;
}): Promise<LaunchedExtension> {
  const extensionDir = resolve(options.extensionDir);
  const headless = options.headless ?? true;
  const userDataDir = mkdtempSync(join(tmpdir(), 'ampere-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: false, // the `--headless=new` flag is passed instead: extensions need the new headless mode
    viewport: options.viewport === undefined ? { width: 1280, height: 800 } : options.viewport,
    args: [
      ...chromiumArgs(extensionDir, headless),
      ...(options.language ? [`--lang=${options.language}`] : []),
    ],
  });
  const worker = async (): Promise<Worker> => {
    const live = context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
    if (live.length > 0) return live[live.length - 1]!;
    return context.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  const extensionId = new URL((await worker()).url()).host;
  return {
    context,
    extensionId,
    worker,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
