/**
 * The real-browser fixture: system Chromium with the built sandbox extension loaded on a fresh
 * profile, plus what the tests need around it (the extension id, its worker, pages, a way to stop
 * the worker like Chrome does when it is idle).
 */
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { inject } from 'vitest';
import { launchWithExtension } from './launch';

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
export async function launchExtension(
  options: { extensionDir?: string; language?: string } = {},
): Promise<ExtensionHarness> {
  const sandboxOrigin = inject('sandboxOrigin');
  const launched = await launchWithExtension({
    extensionDir: options.extensionDir ?? inject('extensionDir'),
    language: options.language,
  });
  const { context, extensionId } = launched;
  /** Workers known to be stopped; Playwright still lists them. */
  const stale = new Set<Worker>();
  const currentWorker = async (): Promise<Worker> => {
    const live = context
      .serviceWorkers()
      .filter((w) => !stale.has(w) && w.url().startsWith('chrome-extension://'));
    if (live.length > 0) return live[live.length - 1]!;
    // A restarted worker is not always reported again; fall back to the last one listed.
    return context
      .waitForEvent('serviceworker', { timeout: 5_000 })
      .catch(() => context.serviceWorkers().at(-1)!);
  };

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
      // Playwright keeps listing a stopped worker, so follow the real state through CDP instead.
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const status = new Map<string, string>();
      let settle: () => void = () => undefined;
      const allStopped = new Promise<void>((done) => (settle = done));
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const v of versions) {
          if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`))
            status.set(v.versionId, v.runningStatus);
        }
        if (status.size > 0 && [...status.values()].every((s) => s === 'stopped')) settle();
      });
      await cdp.send('ServiceWorker.enable');
      for (const worker of context.serviceWorkers()) stale.add(worker);
      await cdp.send('ServiceWorker.stopAllWorkers');
      await Promise.race([
        allStopped,
        new Promise((_, fail) =>
          setTimeout(() => fail(new Error('the service worker did not stop')), 10_000),
        ),
      ]);
      await cdp.detach();
      await page.close();
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
    close: launched.close,
  };
  return harness;
}

/** Sends a typed extension message from an extension page, as the popup would. */
export async function sendFromPage<T>(page: Page, type: string, data?: unknown): Promise<T> {
  return page.evaluate(
    async ([type, data]) => {
      const { runtime } = (
        globalThis as unknown as {
          chrome: {
            runtime: { sendMessage(m: unknown): Promise<{ res?: unknown; err?: unknown } | undefined> };
          };
        }
      ).chrome;
      const reply = await runtime.sendMessage({ id: Date.now(), type, data, timestamp: Date.now() });
      if (reply?.err) throw new Error(JSON.stringify(reply.err));
      return reply?.res;
    },
    [type, data] as const,
  ) as Promise<T>;
}
