/**
 * The real-browser fixture: system Chromium with the built sandbox extension loaded on a fresh
 * profile, plus what the tests need around it (the extension id, its worker, pages, a way to stop
 * the worker like Chrome does when it is idle).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_PATH } from './ensure-chromium';

export interface ExtensionHarness {
  context: BrowserContext;
  extensionId: string;
  sandboxOrigin: string;
  /** The current service worker (a new one after a stop). */
  worker(): Promise<Worker>;
  /** Opens an extension page (`popup.html`, `options.html`…) in a tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Stops every service worker, as Chrome does to an idle extension. */
  stopWorker(): Promise<void>;
  /** Runs a sandbox control call (`POST /__sandbox/reset`…). */
  control<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** Launches Chromium with the extension; call `close()` in `afterAll`. */
export async function launchExtension(options: { extensionDir?: string } = {}): Promise<ExtensionHarness> {
  const extensionDir = resolve(options.extensionDir ?? inject('extensionDir'));
  const sandboxOrigin = inject('sandboxOrigin');
  const userDataDir = mkdtempSync(join(tmpdir(), 'ampere-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: false, // `--headless=new` below: extensions need the new headless mode
    args: [
      '--headless=new',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  const currentWorker = async (): Promise<Worker> => {
    const live = context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
    if (live.length > 0) return live[live.length - 1]!;
    return context.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  const first = await currentWorker();
  const extensionId = new URL(first.url()).host;

  const harness: ExtensionHarness = {
    context,
    extensionId,
    sandboxOrigin,
    worker: currentWorker,
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path.replace(/^\//, '')}`);
      return page;
    },
    async stopWorker() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      const closed = Promise.all(
        context.serviceWorkers().map((w) => new Promise<void>((done) => w.once('close', () => done()))),
      );
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await Promise.race([closed, new Promise((done) => setTimeout(done, 5_000))]);
      await cdp.detach();
    },
    async control(method, path, body) {
      const response = await fetch(`${sandboxOrigin}/__sandbox/${path.replace(/^\//, '')}`, {
        method,
        headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`sandbox ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as never;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Sends a typed extension message from an extension page, as the popup would. */
export async function sendFromPage<T>(page: Page, type: string, data?: unknown): Promise<T> {
  return page.evaluate(
    async ([type, data]) => {
      const reply = await chrome.runtime.sendMessage({ id: Date.now(), type, data, timestamp: Date.now() });
      if (reply && typeof reply === 'object' && 'err' in reply && reply.err)
        throw new Error(JSON.stringify(reply.err));
      return reply?.res;
    },
    [type, data] as const,
  ) as Promise<T>;
}
