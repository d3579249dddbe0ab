/**
 * Page object for the 2aml energy wallet section of the Energy tab (`#twoaml-energy-wallet`): the
 * balance, "Top up with TronLink" and its progress, and the order history.
 */
import type { Locator, Page } from 'playwright-core';
import type { EnergyTab } from './energy';

export class TwoamlEnergyWallet {
  constructor(private readonly energy: EnergyTab) {}

  get page(): Page {
    return this.energy.page;
  }

  get section(): Locator {
    return this.page.locator('#twoaml-energy-wallet');
  }

  /** Opens the collapsed section and waits for its content (the balance, or the signed-out notice). */
  async open(): Promise<void> {
    if (!(await this.section.evaluate((el) => (el as HTMLDetailsElement).open)))
      await this.section.locator(':scope > summary').click();
    await this.page
      .getByTestId('twoaml-energy-balance')
      .or(this.page.getByTestId('twoaml-energy-signed-out'))
      .first()
      .waitFor({ timeout: 20_000 });
  }

  /** The balance as shown ("100 TRX"). */
  async balanceText(): Promise<string> {
    return (await this.page.getByTestId('twoaml-energy-balance').textContent()) ?? '';
  }

  /** Types `amount` and presses "Top up with TronLink". */
  async topUp(amount: string): Promise<void> {
    await this.page.getByTestId('twoaml-topup-amount').fill(amount);
    await this.page.getByTestId('twoaml-topup-submit').click();
  }

  /** The shown top-up's state (`awaiting_payment`, `credited`…), or null when none is shown. */
  async topupState(): Promise<string | null> {
    const progress = this.page.getByTestId('twoaml-topup-progress');
    if ((await progress.count()) === 0) return null;
    return progress.getAttribute('data-topup-state');
  }

  /** Waits until the shown top-up is in one of `states`; returns it. */
  async waitForTopup(states: string[], timeout = 45_000): Promise<string> {
    const selector = states.map((s) => `[data-testid="twoaml-topup-progress"][data-topup-state="${s}"]`);
    const found = this.page.locator(selector.join(', '));
    await found.first().waitFor({ timeout });
    return (await found.first().getAttribute('data-topup-state')) ?? '';
  }

  /** The problem shown under the form. */
  async problem(): Promise<Locator> {
    return this.page.getByTestId('twoaml-topup-form').locator('[data-problem]');
  }

  /** Opens the order history and returns the row of `energyOrderId`. */
  async order(energyOrderId: string): Promise<Locator> {
    const orders = this.page.getByTestId('twoaml-energy-orders');
    if (!(await orders.evaluate((el) => (el as HTMLDetailsElement).open)))
      await orders.locator(':scope > summary').click();
    return orders.locator(`[data-testid="twoaml-energy-order"][data-order-id="${energyOrderId}"]`);
  }
}
