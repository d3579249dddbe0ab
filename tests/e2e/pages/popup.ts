/** Page object for the toolbar popup, opened as a tab (same document, same code). */
import type { Page } from 'playwright-core';
import type { ExtensionHarness } from '../extension';

export class PopupPage {
  private constructor(readonly page: Page) {}

  /** Opens the popup at a popup-like size. */
  static async open(harness: ExtensionHarness, size = { width: 380, height: 600 }): Promise<PopupPage> {
    const page = await harness.openExtensionPage('popup.html');
    await page.setViewportSize(size);
    return new PopupPage(page);
  }

  tab(name: string) {
    return this.page.getByRole('tab', { name });
  }

  /** Waits until the background's first view has arrived. */
  async waitForView(): Promise<void> {
    await this.page.getByRole('tabpanel').waitFor({ state: 'visible' });
  }

  jobs() {
    return this.page.locator('[data-job-id]');
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
