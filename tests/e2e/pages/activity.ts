/** Page object for the popup's Activity tab: every job of the extension, newest first. */
import type { Locator } from 'playwright-core';
import type { PopupPage } from './popup';

export class ActivityTab {
  private constructor(readonly popup: PopupPage) {}

  /** Selects the Activity tab of an open popup from the keyboard (focus, then Enter). */
  static async selectByKeyboard(popup: PopupPage): Promise<ActivityTab> {
    await popup.selectByKeyboard('Activity');
    return new ActivityTab(popup);
  }

  /** The jobs listed; each has `data-job-id` and `data-job-state`. */
  get jobs(): Locator {
    return this.popup.page.locator('[data-job-id]');
  }
}
