/**
 * Page objects for 2aml in the extension: the account forms (sign in, two-factor, e-mail
 * verification, register), which the popup's AML tab and the check page share, and the AML tab.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionHarness } from '../extension';
import { PopupPage } from './popup';

export interface Credentials {
  email: string;
  password: string;
}

/** The 2aml account forms, wherever they are shown (the AML tab, the check page). */
export class AmlAccountForms {
  constructor(readonly page: Page) {}

  get signInForm(): Locator {
    return this.page.getByTestId('aml-sign-in');
  }

  get emailInput(): Locator {
    return this.signInForm.getByLabel('E-mail');
  }

  get passwordInput(): Locator {
    return this.signInForm.getByLabel('Password', { exact: true });
  }

  get twoFactorForm(): Locator {
    return this.page.getByTestId('aml-two-factor');
  }

  get verifyEmailForm(): Locator {
    return this.page.getByTestId('aml-verify-email');
  }

  /** The notice of a problem by its code (`invalid_credentials`, `invalid_2fa`…). */
  problem(code: string): Locator {
    return this.page.locator(`[data-problem="${code}"]`);
  }

  /** Fills the sign-in form (ticking "Keep me signed in" or not when `keep` is given) and submits it. */
  async signIn(user: Credentials, options: { keep?: boolean } = {}): Promise<void> {
    await this.signInForm.waitFor();
    await this.emailInput.fill(user.email);
    await this.passwordInput.fill(user.password);
    if (options.keep !== undefined)
      await this.signInForm.getByLabel('Keep me signed in after the browser closes').setChecked(options.keep);
    await this.submitSignIn();
  }

  /** Submits the sign-in form as it is filled. */
  async submitSignIn(): Promise<void> {
    await this.signInForm.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  /** Enters an authenticator or recovery code in the two-factor form and submits it. */
  async enterTwoFactorCode(code: string): Promise<void> {
    await this.twoFactorForm.getByLabel('Code or recovery code').fill(code);
    await this.twoFactorForm.getByRole('button', { name: 'Verify' }).click();
  }

  /** Leaves the two-factor step for the sign-in form. */
  async startOver(): Promise<void> {
    await this.page.getByRole('button', { name: 'Start over' }).click();
  }

  /** Asks for a new verification e-mail and waits for the form to say it was sent. */
  async resendVerification(): Promise<void> {
    await this.verifyEmailForm.getByRole('button', { name: 'Send a new e-mail' }).click();
    await this.verifyEmailForm.getByRole('status').waitFor();
  }

  async confirmEmail(token: string): Promise<void> {
    await this.verifyEmailForm.getByLabel('Verification token').fill(token);
    await this.verifyEmailForm.getByRole('button', { name: 'Confirm' }).click();
  }

  async register(user: Credentials): Promise<void> {
    await this.page.getByRole('button', { name: 'Create an account' }).click();
    await this.emailInput.fill(user.email);
    await this.passwordInput.fill(user.password);
    await this.signInForm.getByRole('button', { name: 'Create account' }).click();
  }
}

/** The popup's AML tab: the 2aml account and wallet, and the address check. */
export class AmlTab {
  readonly forms: AmlAccountForms;

  private constructor(readonly popup: PopupPage) {
    this.forms = new AmlAccountForms(popup.page);
  }

  /** Opens the popup at its usual size, on the AML tab. */
  static async open(harness: ExtensionHarness): Promise<AmlTab> {
    const popup = await PopupPage.open(harness, { width: 380, height: 900 });
    await popup.select('AML');
    await popup.page.getByTestId('aml-screen').waitFor();
    return new AmlTab(popup);
  }

  /** Opens the AML tab and signs `user` in there (no two-factor); waits until the tab shows the account. */
  static async signedIn(
    harness: ExtensionHarness,
    user: Credentials,
    options: { keep?: boolean } = {},
  ): Promise<AmlTab> {
    const aml = await AmlTab.open(harness);
    await aml.signIn(user, options);
    await aml.expectSignedInAs(user.email);
    return aml;
  }

  get page(): Page {
    return this.popup.page;
  }

  /** The tab's content; `data-session` tells the session state (`signed_in`, `signed_out`…). */
  get screen(): Locator {
    return this.page.getByTestId('aml-screen');
  }

  signIn(user: Credentials, options: { keep?: boolean } = {}): Promise<void> {
    return this.forms.signIn(user, options);
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
  }

  /** The signed-in account card. */
  get account(): Locator {
    return this.page.getByTestId('aml-account');
  }

  /** Waits until the account card shows `email`. */
  async expectSignedInAs(email: string): Promise<void> {
    await expect(this.account.textContent({ timeout: 10_000 })).resolves.toContain(email);
  }

  get balance(): Locator {
    return this.page.getByTestId('aml-balance');
  }

  get credits(): Locator {
    return this.page.getByTestId('aml-credits');
  }

  async refreshWallet(): Promise<void> {
    await this.page.getByTestId('aml-wallet').getByRole('button', { name: 'Refresh' }).click();
  }

  /** The notice that the session ended for `reason` (`expired`…). */
  sessionEnded(reason: string): Locator {
    return this.page.locator(`[data-session-ended="${reason}"]`);
  }

  // ── checking an address ──

  /** Types an address to check and leaves the field (which validates it). */
  async enterAddress(address: string): Promise<void> {
    const input = this.page.getByTestId('aml-check-address');
    await input.fill(address);
    await input.blur();
  }

  /** The first alert on the tab (a field's problem). */
  get alert(): Locator {
    return this.page.getByRole('alert').first();
  }

  get startCheckButton(): Locator {
    return this.page.getByTestId('aml-start-check');
  }

  async close(): Promise<void> {
    await this.popup.close();
  }
}
