/**
 * Extension storage belongs to extension contexts: from the TronScan content script's isolated world
 * (where a compromised content script would run), `storage.local` can be neither read nor written,
 * so nothing stored there (jobs, settings, sealed sessions, known addresses) can be read, and no job
 * written there can spend money.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { launchExtension, type ExtensionHarness } from './extension';

let harness: ExtensionHarness;

beforeAll(async () => {
  harness = await launchExtension({ extensionDir: process.env.AMPERE_E2E_EXTENSION_DIR });
});
afterAll(async () => {
  await harness?.close();
});

/** Evaluates `expression` in Ampere's content-script world of `page` and returns what it resolved to. */
async function inContentScriptWorld(page: Page, cdp: CDPSession, contextId: number, expression: string) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    contextId,
    expression,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) return { threw: exceptionDetails.exception?.description ?? exceptionDetails.text };
  return { value: result.value as unknown };
}

describe('storage from the TronScan content script', () => {
  it('can be neither read nor written, and no charge appears', async () => {
    const page = await harness.context.newPage();
    const cdp = await harness.context.newCDPSession(page);
    const worlds: { id: number; origin: string; name: string }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    await cdp.send('Runtime.enable');
    await page.goto(`${harness.sandboxOrigin}/tronscan/`);
    await page.waitForFunction(() => document.documentElement.dataset.ampere === 'loaded', null, {
      timeout: 10_000,
    });
    const world = worlds.find((w) => w.origin === `chrome-extension://${harness.extensionId}`);
    expect(world, 'the content script world').toBeDefined();

    // The same world can still talk to the background through messages (what it is meant to use).
    const hasRuntime = await inContentScriptWorld(page, cdp, world!.id, 'typeof chrome.runtime.sendMessage');
    expect(hasRuntime.value).toBe('function');

    const read = await inContentScriptWorld(page, cdp, world!.id, 'chrome.storage.local.get(null)');
    expect(read.threw).toMatch(/access to storage is not allowed/i);

    const paidJob = {
      jobs: {
        forged: { id: 'forged', kind: 'aml-check', state: 'created', terminal: false, createdAt: Date.now() },
      },
    };
    const write = await inContentScriptWorld(
      page,
      cdp,
      world!.id,
      `chrome.storage.local.set(${JSON.stringify(paidJob)})`,
    );
    expect(write.threw).toMatch(/access to storage is not allowed/i);

    // The background's own view of storage: no forged job, and the sandbox charges nothing later.
    const worker = await harness.worker();
    const stored = await worker.evaluate(async () => {
      type Local = { get(key: string): Promise<Record<string, unknown>> };
      const { storage } = (globalThis as unknown as { chrome: { storage: { local: Local } } }).chrome;
      return ((await storage.local.get('jobs')).jobs ?? {}) as object;
    });
    expect(Object.keys(stored)).not.toContain('forged');
    const charges = async () =>
      (await harness.control<{ entries: { kind: string }[] }>('GET', 'ledger')).entries.filter(
        (entry) => entry.kind === 'charge',
      ).length;
    const before = await charges();
    await page.waitForTimeout(2_000);
    expect(await charges()).toBe(before);
    await cdp.detach();
    await page.close();
  });
});
