/**
 * The e2e fixtures, after WXT's Playwright example: `test` is vitest's, extended with the browser,
 * the sandbox world and the pages the tests start from. A test (or a `test.beforeEach`…) names the
 * ones it uses and gets them set up; none is set up unless used.
 *
 * Per test file (`scope: 'file'`): `harness` (system Chromium with the built sandbox extension on a
 * fresh profile, closed after the file), `sandbox` (its control calls, the TronLink emulator, the
 * ledger, the chain and the seeded accounts) and `options` (an options page kept open: the tests'
 * extension page). Per test: `energy` (the popup, open on the Energy tab).
 *
 * A file uses this one `test` for its tests and hooks: a further `test.extend` in a file would have
 * file fixtures of its own, and launch a second browser.
 */
import { test as base } from 'vitest';
import { launchExtension, type ExtensionHarness } from './extension';
import { closePages } from './helpers/browser';
import { Sandbox } from './helpers/sandbox';
import { EnergyTab } from './pages/energy';
import { OptionsPage } from './pages/options';

export const test = base
  .extend('harness', { scope: 'file' }, async ({}, { onCleanup }): Promise<ExtensionHarness> => {
    // AMPERE_E2E_EXTENSION_DIR: a build of one's own while others rebuild the shared one.
    const harness = await launchExtension({ extensionDir: process.env.AMPERE_E2E_EXTENSION_DIR });
    onCleanup(() => harness.close());
    return harness;
  })
  .extend('sandbox', { scope: 'file' }, ({ harness }) => Sandbox.of(harness))
  // Closed with the browser.
  .extend('options', { scope: 'file' }, ({ harness }) => OptionsPage.open(harness))
  .extend('energy', ({ harness }) => EnergyTab.open(harness));

/**
 * For a file whose tests rent energy: short blocks while it runs (payments confirm in a fraction of
 * a second; the sandbox default is TRON's 3 s), a reset sandbox before each test (its `energy` popup
 * opens after the reset), and only the browser's first tab left after each.
 */
export function useRentalSandbox(): void {
  test.beforeAll(async ({ sandbox }) => {
    await sandbox.fastBlocks();
  });
  test.afterAll(async ({ sandbox }) => {
    await sandbox.normalBlocks();
  });
  test.beforeEach(async ({ sandbox }) => {
    await sandbox.reset();
  });
  test.afterEach(async ({ harness }) => {
    await closePages(harness, harness.context.pages()[0]);
  });
}
