/**
 * Page object for the options page. Besides its own settings it is the tests' extension page: it
 * sends the messages the popup sends, and reads what the extension stores and shows.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { sendFromPage, type ExtensionHarness } from '../extension';
import { notificationIds } from '../helpers/browser';
import type { Credentials } from './aml';
import type { Sandbox } from '../helpers/sandbox';

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

/** A 2aml session (alice: 100 TRX in her wallet) and a TronZap key (200 TRX), as a person sets them up. */
export async function setUpProviders(sandbox: Sandbox, harness: ExtensionHarness): Promise<void> {
  const options = await OptionsPage.open(harness);
  await options.signIn(sandbox.accounts['2aml'].users.alice);
  const zap = sandbox.accounts.tronzap.accounts.find((a) => a.balanceTrx === '200')!;
  const saved = await options.send<{ ok: boolean }>('tronzap.save', { token: zap.token, secret: zap.secret });
  expect(saved.ok).toBe(true);
  await options.close();
}
