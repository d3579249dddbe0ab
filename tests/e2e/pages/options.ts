/**
 * Page object for the options page. Besides its own settings it is the tests' extension page: it
 * sends the messages the popup sends, and reads what the extension stores and shows.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { sendFromPage, type ExtensionHarness } from '../extension';
import { notificationIds } from '../helpers/browser';
import type { Credentials } from './aml';

export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(harness: ExtensionHarness): Promise<OptionsPage> {
    return new OptionsPage(await harness.openExtensionPage('options.html'));
  }

  /** Sends a typed extension message from this page, as the popup would. */
  send<T = unknown>(type: string, data?: unknown): Promise<T> {
    return sendFromPage<T>(this.page, type, data);
  }

  /** Changes settings (any subset of each section). */
  async updateSettings(patch: Record<string, unknown>): Promise<void> {
    await this.send('settings.update', patch);
  }

  /** Signs in to 2aml by message (a user without two-factor), and checks it worked. */
  async signIn(user: Credentials): Promise<void> {
    const outcome = await this.send<{ ok: boolean }>('aml.signIn', {
      email: user.email,
      password: user.password,
    });
    expect(outcome.ok).toBe(true);
  }

  async signOut(): Promise<void> {
    await this.send('aml.signOut');
  }

  notificationIds(): Promise<string[]> {
    return notificationIds(this.page);
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
