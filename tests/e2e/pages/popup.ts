/** Page object for the toolbar popup, opened as a tab (same document, same code). */
import type { Page } from 'playwright-core';
import type { ExtensionHarness } from '../extension';

/** The popup's tabs, by their label. */
export type PopupTabName = 'Energy' | 'AML' | 'Activity';

export class PopupPage {
  private constructor(readonly page: Page) {}

  /** Opens the popup at a popup-like size. */
  static async open(harness: ExtensionHarness, size = { width: 380, height: 600 }): Promise<PopupPage> {
    const page = await harness.openExtensionPage('popup.html');
    await page.setViewportSize(size);
    return new PopupPage(page);
  }

  tab(name: PopupTabName) {
    return this.page.getByRole('tab', { name });
  }

  async select(name: PopupTabName): Promise<void> {
    await this.tab(name).click();
  }

  /** Selects the tab `name` from the keyboard: focus, then Enter. */
  async selectByKeyboard(name: PopupTabName): Promise<void> {
    await this.tab(name).focus();
    await this.page.keyboard.press('Enter');
  }

  /** Waits until the background's first view has arrived. */
  async waitForView(): Promise<void> {
    await this.page.getByRole('tabpanel').waitFor({ state: 'visible' });
  }

  /** Elements that reach past the popup's right edge (what would make it scroll sideways). */
  async horizontalOverflow(): Promise<string[]> {
    return this.page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const over = [...document.querySelectorAll('body *')].filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > width + 0.5;
      });
      if (document.documentElement.scrollWidth > width) over.unshift(document.documentElement);
      return over.map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
