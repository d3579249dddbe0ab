/**
 * Page object for the popup's Energy tab: the TronLink account card, the rental form with its quote
 * and confirmation, the running rental's progress and the rental history.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionHarness } from '../extension';
import { notificationIds } from '../helpers/browser';
import { PopupPage } from './popup';

/** The states a rental ends in. */
export const RENTAL_TERMINAL = ['delegated', 'refund_queued', 'failed', 'cancelled'];

/** What the rental form is given; the receiver is emptied when none is given (the connected account). */
export interface RentalForm {
  receiver?: string;
  /** The label of a sizing choice ("1 USDT transfer (65,000)", "Custom amount"…). */
  sizing?: string;
  /** The energy units, with the "Custom amount" sizing. */
  custom?: string;
  /** Who the USDT goes to, with the "Size it for a transfer to…" sizing. */
  transferTo?: string;
  /** The USDT amount of that transfer (optional in the form). */
  transferAmount?: string;
}

/** The text of `locator`, or '' when it is not there. */
async function textOrNothing(locator: Locator): Promise<string> {
  return (await locator.textContent().catch(() => '')) ?? '';
}

export class EnergyTab {
  private constructor(readonly popup: PopupPage) {}

  /** Opens the popup (by default tall enough for the whole tab) and waits for the account card. */
  static async open(harness: ExtensionHarness, size = { width: 380, height: 900 }): Promise<EnergyTab> {
    const popup = await PopupPage.open(harness, size);
    await popup.waitForView();
    await popup.page.getByRole('heading', { name: 'Your TronLink account' }).waitFor();
    return new EnergyTab(popup);
  }

  get page(): Page {
    return this.popup.page;
  }

  // ── the TronLink account ──

  /** The connected account's address (absent while none is connected). */
  get account(): Locator {
    return this.page.getByTestId('energy-account');
  }

  /** Opens the account card's details (Reconnect, Refresh, Verify, Forget), when an account is shown. */
  async openAccountDetails(): Promise<void> {
    const details = this.page.locator('details.energy-account-more');
    if (await details.isVisible())
      await details.evaluate((element) => ((element as HTMLDetailsElement).open = true));
  }

  /** Clicks Connect (or Reconnect) and waits until TronLink has answered, whatever it answered. */
  async connect(): Promise<void> {
    await this.openAccountDetails();
    await this.page.getByRole('button', { name: /^(Connect TronLink|Reconnect)$/ }).click();
    const waiting = this.page.getByRole('button', { name: 'Waiting for TronLink…' });
    await waiting.waitFor({ timeout: 2_000 }).catch(() => undefined);
    await waiting.waitFor({ state: 'detached', timeout: 30_000 });
  }

  /** What the account card says about the last connection attempt ('' when nothing). */
  async connectMessage(): Promise<string> {
    return textOrNothing(this.page.getByTestId('energy-connect-message'));
  }

  /** Forgets the connected account, if any, and waits for the Connect button. */
  async forget(): Promise<void> {
    const details = this.page.locator('details.energy-account-more');
    if (await details.isVisible())
      await details.evaluate((element) => ((element as HTMLDetailsElement).open = true));
    const button = this.page.getByRole('button', { name: 'Forget account' });
    if (await button.isVisible()) await button.click();
    await this.page.getByRole('button', { name: 'Connect TronLink' }).waitFor();
  }

  // ── the rental form ──

  async fill(form: RentalForm): Promise<void> {
    await this.page.getByLabel('Energy goes to').fill(form.receiver ?? '');
    if (form.sizing) await this.page.getByLabel(form.sizing).check();
    if (form.custom !== undefined) await this.page.getByLabel('Energy units').fill(form.custom);
    if (form.transferTo !== undefined)
      await this.page.getByLabel('Who you will send USDT to').fill(form.transferTo);
    if (form.transferAmount !== undefined)
      await this.page.getByLabel('USDT you will send (optional)').fill(form.transferAmount);
  }

  /** The submit button of the form ("Rent from <source> · …"). */
  get rentButton(): Locator {
    return this.page.locator('form.energy-form button[type="submit"]');
  }

  /** Waits until every source's offer has answered and returns the offers' text. */
  async quoteText(): Promise<string> {
    const quote = this.page.locator('[data-testid="energy-quote"][data-complete="true"]');
    await quote.waitFor({ timeout: 20_000 });
    return (await quote.textContent()) ?? '';
  }

  /** What the form says is in the way of a rental ('' when nothing). */
  async problemText(): Promise<string> {
    return textOrNothing(this.page.getByTestId('energy-problem'));
  }

  /** Clicks "Rent from TronNRG · <price>" (any price without one) and waits for the confirmation. */
  async review(price?: string): Promise<void> {
    await this.page
      .getByRole('button', { name: price ? `Rent from TronNRG · ${price}` : /^Rent from TronNRG · / })
      .click();
    await this.page.getByTestId('energy-confirm').waitFor();
  }

  /** The confirmation's amount and TronNRG's address the TRX goes to. */
  get confirmAmount(): Locator {
    return this.page.getByTestId('energy-confirm-amount');
  }

  get confirmPayTo(): Locator {
    return this.page.getByTestId('energy-confirm-pay-to');
  }

  /**
   * Clicks "Pay <price> in TronLink" on the confirmation and waits until a rental other than
   * `earlier` (by default the one shown now) is the one shown.
   */
  async pay(options: { price?: string; earlier?: string | null; timeout?: number } = {}): Promise<void> {
    const earlier = options.earlier === undefined ? await this.shownRentalId() : options.earlier;
    await this.page
      .getByRole('button', {
        name: options.price ? `Pay ${options.price} in TronLink` : /^Pay .* TRX in TronLink$/,
      })
      .click();
    await expect
      .poll(async () => ((await this.shownRentalId()) ?? earlier) !== earlier, {
        timeout: options.timeout ?? 10_000,
      })
      .toBe(true);
  }

  /** Fills the form, confirms the quote and sends the rental to TronLink; waits until it is the one shown. */
  async rent(form: RentalForm = {}): Promise<void> {
    await this.fill(form);
    await this.quoteText();
    // An earlier rental's outcome may still be on show: the new one replaces it.
    const earlier = await this.shownRentalId();
    await this.review();
    await this.pay({ earlier });
  }

  // ── the offers ──

  /** The sources in the order the offers are shown (cheapest usable first), once all answered. */
  async offerOrder(): Promise<string[]> {
    await this.quoteText();
    return this.page
      .getByTestId('energy-offer')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-source') ?? ''));
  }

  /** One source's offer row. */
  offer(source: 'tronnrg' | 'twoaml' | 'tronzap' | 'burn'): Locator {
    return this.page.locator(`[data-testid="energy-offer"][data-source="${source}"]`);
  }

  /** Chooses a source's offer (opening "Other offers" when it is there). */
  async chooseOffer(source: 'tronnrg' | 'twoaml' | 'tronzap' | 'burn'): Promise<void> {
    const others = this.page.locator('details.offer-others');
    if (await others.isVisible())
      await others.evaluate((element) => ((element as HTMLDetailsElement).open = true));
    await this.offer(source).getByRole('radio').check();
  }

  /** The running (or just finished) 2aml or TronZap order's card. */
  get orderProgress(): Locator {
    return this.page.getByTestId('offer-progress');
  }

  /** Waits until the order shown is in one of `states`; returns that state. */
  async waitForOrder(states: string[], timeout = 60_000): Promise<string> {
    let state: string | null = null;
    await expect
      .poll(
        async () => {
          state = await this.orderProgress
            .getAttribute('data-job-state', { timeout: 1_000 })
            .catch(() => null);
          return state !== null && states.includes(state);
        },
        { timeout, interval: 200 },
      )
      .toBe(true);
    return state!;
  }

  // ── the rental shown ──

  /** The running (or last ended) rental's card. */
  get progress(): Locator {
    return this.page.getByTestId('energy-progress');
  }

  async shownRentalId(): Promise<string | null> {
    return this.progress.getAttribute('data-job-id', { timeout: 500 }).catch(() => null);
  }

  async rentalState(): Promise<string | null> {
    return this.progress.getAttribute('data-job-state', { timeout: 2_000 }).catch(() => null);
  }

  /** Waits until the rental shown is in one of `states`; returns that state. */
  async waitForRental(states: string[], timeout = 45_000): Promise<string> {
    const until = Date.now() + timeout;
    for (;;) {
      const state = await this.rentalState();
      if (state !== null && states.includes(state)) return state;
      if (Date.now() > until) {
        const shown = await this.progress.textContent().catch(() => 'no rental shown');
        throw new Error(`the rental is ${state}, not ${states.join(' | ')}: ${shown}`);
      }
      await this.page.waitForTimeout(100);
    }
  }

  async progressText(): Promise<string> {
    return (await this.progress.textContent()) ?? '';
  }

  /** The error or advice under the rental shown. */
  async progressMessage(): Promise<string> {
    return (await this.page.getByTestId('energy-progress-error').textContent()) ?? '';
  }

  get signAgainButton(): Locator {
    return this.page.getByRole('button', { name: 'Sign again' });
  }

  /** Whether the end notification of the rental `jobId` is on screen. */
  async notified(jobId: string): Promise<boolean> {
    return (await notificationIds(this.page)).includes(`job:${jobId}`);
  }

  // ── the history ──

  /** The newest rental in the history that is in `state`. */
  historyEntry(state: string): Locator {
    return this.page.getByTestId('energy-history').locator(`[data-rental-state="${state}"]`).first();
  }

  async close(): Promise<void> {
    await this.popup.close();
  }
}
