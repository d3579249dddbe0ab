/**
 * Page object for the check page (`check.html?address=T…`): with `&confirm=1` the extension-owned
 * confirmation of a paid AML check (the address, the cost, a sign-in form when signed out), then the
 * result with its PDF reports.
 */
import type { Locator, Page } from 'playwright-core';
import type { ExtensionHarness } from '../extension';
import { AmlAccountForms } from './aml';

export class CheckPage {
  readonly forms: AmlAccountForms;

  private constructor(readonly page: Page) {
    this.forms = new AmlAccountForms(page);
  }

  /** Opens the confirmation of a check of `address` in a tab, as the extension would. */
  static async open(harness: ExtensionHarness, address: string): Promise<CheckPage> {
    return new CheckPage(await harness.openExtensionPage(`check.html?address=${address}&confirm=1`));
  }

  /** The confirmation the extension opened for `address` (a popup window), once it has loaded. */
  static async opened(harness: ExtensionHarness, address: string): Promise<CheckPage> {
    const matches = (page: Page) => page.url().includes('/check.html') && page.url().includes(address);
    const open = harness.context.pages().find(matches);
    const page =
      open ?? (await harness.context.waitForEvent('page', { predicate: matches, timeout: 10_000 }));
    await page.waitForLoadState();
    return new CheckPage(page);
  }

  /** The confirmation card (shown until the check starts). */
  get confirmation(): Locator {
    return this.page.getByTestId('check-confirm');
  }

  get address(): Locator {
    return this.page.getByTestId('check-address');
  }

  /** What the check costs ("This check costs 1 AML credit."). */
  get cost(): Locator {
    return this.page.getByTestId('aml-cost');
  }

  /** Starts the check: the "Check for <price>" click, the only thing that charges. */
  async confirm(price: string): Promise<void> {
    await this.page.getByRole('button', { name: `Check for ${price}` }).click();
  }

  /** The result card; `data-level` and `data-check-id` tell the level and 2aml's check id. */
  get result(): Locator {
    return this.page.getByTestId('aml-result');
  }

  async waitForResult(): Promise<void> {
    await this.result.waitFor({ timeout: 20_000 });
  }

  get score(): Locator {
    return this.page.getByTestId('aml-score');
  }

  /** Clicks a report button and waits until the page says `<name>.pdf` was saved; returns the download id. */
  async saveReport(button: 'Full report (PDF)' | 'Summary (PDF)', name: string): Promise<number> {
    await this.page.getByRole('button', { name: button }).click();
    const saved = this.page.locator(`[data-saved="${name}.pdf"]`);
    await saved.waitFor();
    return Number(await saved.getAttribute('data-download-id'));
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
