import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, sendFromPage, type ExtensionHarness } from './extension';
import { PopupPage } from './pages/popup';

describe('the sandbox extension in Chromium', () => {
  let harness: ExtensionHarness;
  beforeAll(async () => {
    harness = await launchExtension();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('renders the popup with the background view, Energy first, tabs reachable by keyboard', async () => {
    const popup = await PopupPage.open(harness);
    await popup.waitForView();
    await expect(popup.tab('Energy').getAttribute('aria-selected')).resolves.toBe('true');
    expect(await popup.page.getByText('Sandbox', { exact: true }).isVisible()).toBe(true);
    await popup.tab('Activity').focus();
    await popup.page.keyboard.press('Enter');
    await expect(popup.tab('Activity').getAttribute('aria-selected')).resolves.toBe('true');
    await popup.close();
  });

  it('answers a message from an extension page and knows its sender is the extension', async () => {
    const page = await harness.openExtensionPage('popup.html');
    const reply = await sendFromPage<{ version: string; role: string }>(page, 'app.ping');
    expect(reply.role).toBe('extension');
    expect(reply.version).toMatch(/^\d+\.\d+\.\d+$/);
    await page.close();
  });

  it('runs the TronScan content script on the sandbox pages', async () => {
    const page = await harness.context.newPage();
    await page.goto(`${harness.sandboxOrigin}/tronscan/`);
    await page.waitForFunction(() => document.documentElement.dataset.ampere === 'loaded', null, {
      timeout: 10_000,
    });
    await page.close();
  });

  it('comes back after the service worker is stopped', async () => {
    await harness.stopWorker();
    const popup = await PopupPage.open(harness);
    await popup.waitForView();
    const reply = await sendFromPage<{ role: string }>(popup.page, 'app.ping');
    expect(reply.role).toBe('extension');
    await popup.close();
  });
});
