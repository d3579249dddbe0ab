import { describe, expect } from 'vitest';
import { sendFromPage } from './extension';
import { test as it } from './fixtures';
import { ActivityTab } from './pages/activity';
import { PopupPage } from './pages/popup';
import { TronScanPage } from './pages/tronscan';

describe('the sandbox extension in Chromium', () => {
  it('renders the popup with the background view, Energy first, tabs reachable by keyboard', async ({
    harness,
  }) => {
    const popup = await PopupPage.open(harness);
    await popup.waitForView();
    await expect(popup.tab('Energy').getAttribute('aria-selected')).resolves.toBe('true');
    expect(await popup.page.getByText('Sandbox', { exact: true }).isVisible()).toBe(true);
    // The page names the locale in use and its direction (English here: the browser's default).
    const language = await popup.page.evaluate(() => [
      document.documentElement.lang,
      document.documentElement.dir,
    ]);
    expect(language).toEqual(['en', 'ltr']);
    await ActivityTab.selectByKeyboard(popup);
    await expect(popup.tab('Activity').getAttribute('aria-selected')).resolves.toBe('true');
    await popup.close();
  });

  it('never scrolls sideways at 300 or 380 px, in any tab', async ({ harness }) => {
    // 400 px tall forces a vertical scrollbar, which takes its width from the 300 px.
    for (const width of [300, 380]) {
      const popup = await PopupPage.open(harness, { width, height: 400 });
      await popup.waitForView();
      for (const name of ['Energy', 'AML', 'Activity'] as const) {
        await popup.select(name);
        await popup.page.getByRole('tabpanel').waitFor({ state: 'visible' });
        expect({ width, name, over: await popup.horizontalOverflow() }).toEqual({ width, name, over: [] });
      }
      await popup.close();
    }
  });

  it('answers a message from an extension page and knows its sender is the extension', async ({
    harness,
  }) => {
    const page = await harness.openExtensionPage('popup.html');
    const reply = await sendFromPage<{ version: string; role: string }>(page, 'app.ping');
    expect(reply.role).toBe('extension');
    expect(reply.version).toMatch(/^\d+\.\d+\.\d+$/);
    await page.close();
  });

  it('runs the TronScan content script on the sandbox pages', async ({ harness }) => {
    const tronscan = await TronScanPage.open(harness, `${harness.sandboxOrigin}/tronscan/`);
    await tronscan.waitForContentScript(10_000);
    await tronscan.close();
  });

  it('comes back after the service worker is stopped', async ({ harness }) => {
    await harness.stopWorker();
    const popup = await PopupPage.open(harness);
    await popup.waitForView();
    const reply = await sendFromPage<{ role: string }>(popup.page, 'app.ping');
    expect(reply.role).toBe('extension');
    await popup.close();
  });
});
