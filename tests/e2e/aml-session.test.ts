/**
 * The 2aml account in the popup's AML tab, in real Chromium against the sandbox's 2aml: signing in
 * through all three login branches (straight in, two-factor with an authenticator code or a
 * recovery code, e-mail verification then signing in again), registering, staying signed in, and a
 * session that expires mid-use (the sandbox revokes the token; the next call ends the session and
 * the tab asks to sign in again). The token never shows in the page or the app view.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { sendFromPage, type ExtensionHarness } from './extension';
import { test as it, test } from './fixtures';
import { closePages, storageClear, storageGet } from './helpers/browser';
import type { Sandbox, SeededUser } from './helpers/sandbox';
import { AmlTab } from './pages/aml';
import { OptionsPage } from './pages/options';

/** Runs `read` on an options page opened for it (an extension page that can read the stores). */
async function onOptionsPage<T>(harness: ExtensionHarness, read: (page: Page) => Promise<T>): Promise<T> {
  const options = await OptionsPage.open(harness);
  try {
    return await read(options.page);
  } finally {
    await options.close();
  }
}

/**
 * Where the session token is kept: in the clear in storage.session (memory), or sealed in
 * storage.local (ciphertext whose key only the extension origin holds). Read by an extension page with
 * the storage API (the token is not in any message or view; this reads the stores themselves).
 */
function storedTokens(harness: ExtensionHarness): Promise<{ session: string | null; sealed: boolean }> {
  return onOptionsPage(harness, async (page) => {
    const [local, session] = await Promise.all([
      storageGet(page, 'local', 'twoAmlSessionSealed'),
      storageGet(page, 'session', 'twoAmlSession'),
    ]);
    const token = (item: unknown) => (item as { token?: string } | null | undefined)?.token ?? null;
    return { session: token(session.twoAmlSession), sealed: Boolean(local.twoAmlSessionSealed) };
  });
}

/** Everything stored in both areas, as text. */
function everythingStored(harness: ExtensionHarness): Promise<string> {
  return onOptionsPage(harness, async (page) =>
    JSON.stringify(await Promise.all([storageGet(page, 'local', null), storageGet(page, 'session', null)])),
  );
}

/** alice (no two-factor; 100 TRX and 5 credits), signed in on the AML tab. */
async function aliceSignedIn(
  harness: ExtensionHarness,
  sandbox: Sandbox,
  options: { keep?: boolean } = {},
): Promise<{ alice: SeededUser; aml: AmlTab }> {
  const { alice } = sandbox.accounts['2aml'].users;
  return { alice, aml: await AmlTab.signedIn(harness, alice, options) };
}

async function expectTokenHidden(page: Page, token: string) {
  expect(await page.content()).not.toContain(token);
  const view = await sendFromPage(page, 'view.get');
  expect(JSON.stringify(view)).not.toContain(token);
}

test.beforeEach(async ({ harness, sandbox }) => {
  await sandbox.reset();
  await closePages(harness);
  const options = await OptionsPage.open(harness);
  await options.signOut();
  await options.updateSettings({ privacy: { keepSignedIn: false, sendFingerprint: false } });
  await options.close();
});

describe('signing in from the AML tab', () => {
  it('signs alice straight in; the wallet shows, the token stays in memory and out of every page', async ({
    harness,
    sandbox,
  }) => {
    const { alice, aml } = await aliceSignedIn(harness, sandbox);
    await expect(aml.balance.textContent()).resolves.toBe('100 TRX');
    await expect(aml.credits.textContent()).resolves.toBe('5');
    const tokens = await storedTokens(harness);
    expect(tokens.session).toBeTruthy();
    expect(tokens.sealed).toBe(false);
    await expectTokenHidden(aml.page, tokens.session!);
    // The password field is emptied once signed in, and no storage area holds the password.
    expect(await everythingStored(harness)).not.toContain(alice.password);
  });

  it('says a wrong password is wrong, and stays signed out', async ({ harness, sandbox }) => {
    const aml = await AmlTab.open(harness);
    await aml.signIn({ ...sandbox.accounts['2aml'].users.alice, password: 'not-her-password' });
    await expect(aml.forms.problem('invalid_credentials').textContent()).resolves.toBe(
      'The e-mail or password is incorrect.',
    );
    expect(await storedTokens(harness)).toEqual({ session: null, sealed: false });
  });

  it('takes bob through two-factor with his authenticator code', async ({ harness, sandbox }) => {
    const { bob } = sandbox.accounts['2aml'].users;
    const aml = await AmlTab.open(harness);
    await aml.signIn(bob);
    const form = aml.forms.twoFactorForm;
    await form.waitFor();
    await expect(form.textContent()).resolves.toContain('bob@example.com');
    await aml.forms.enterTwoFactorCode('000000');
    await aml.forms.problem('invalid_2fa').waitFor();
    await aml.forms.enterTwoFactorCode(await sandbox.totp('bob@example.com'));
    await aml.expectSignedInAs(bob.email);
  });

  it('takes bob in with a one-time recovery code, which then stops working', async ({ harness, sandbox }) => {
    const { bob } = sandbox.accounts['2aml'].users;
    const recovery = bob.twoFactor!.recoveryCodes[2]!;
    const aml = await AmlTab.open(harness);
    await aml.signIn(bob);
    await aml.forms.enterTwoFactorCode(recovery);
    await aml.expectSignedInAs(bob.email);

    await aml.signOut();
    await aml.signIn(bob);
    await aml.forms.enterTwoFactorCode(recovery);
    await aml.forms.problem('invalid_2fa').waitFor();
    await aml.forms.startOver();
    await aml.forms.signInForm.waitFor();
  });

  it('takes carol through e-mail verification and back to signing in', async ({ harness, sandbox }) => {
    const { carol } = sandbox.accounts['2aml'].users;
    const aml = await AmlTab.open(harness);
    await aml.signIn(carol);
    const verify = aml.forms.verifyEmailForm;
    await verify.waitFor();
    await expect(verify.textContent()).resolves.toContain('carol@example.com');
    await aml.forms.resendVerification();
    const messages = await sandbox.outbox('carol@example.com');
    expect(messages.length).toBeGreaterThanOrEqual(2);
    await aml.forms.confirmEmail(messages.at(-1)!.data.token);
    await expect(aml.forms.signInForm.textContent()).resolves.toContain(
      'Your e-mail is verified. Sign in again with your password.',
    );
    // The password typed a moment ago is still in the form (this page's memory only): one click signs in.
    await expect(aml.forms.passwordInput.inputValue()).resolves.toBe(carol.password);
    await aml.forms.submitSignIn();
    await aml.expectSignedInAs(carol.email);
  });

  it('registers a new account, signed in at once', async ({ harness }) => {
    const aml = await AmlTab.open(harness);
    await aml.forms.register({ email: 'frank@example.com', password: 'frank-pass-1' });
    await aml.expectSignedInAs('frank@example.com');
    await expect(aml.account.textContent()).resolves.toContain('not verified yet');
  });
});

describe('staying signed in', () => {
  it('keeps the session sealed in storage.local only when asked, and moves it back when the setting is turned off', async ({
    harness,
    sandbox,
  }) => {
    const { alice, aml } = await aliceSignedIn(harness, sandbox, { keep: true });
    expect(await storedTokens(harness)).toEqual({ session: null, sealed: true });
    const whileKept = await everythingStored(harness);

    await sendFromPage(aml.page, 'settings.update', { privacy: { keepSignedIn: false } });
    await expect.poll(async () => (await storedTokens(harness)).sealed, { timeout: 5_000 }).toBe(false);
    const { session: token } = await storedTokens(harness);
    expect(token).toBeTruthy();
    // While it was kept, no storage area (storage.local is readable by content scripts) held it in the clear.
    expect(whileKept).not.toContain(token);
    expect(whileKept).not.toContain(alice.email);
  });

  it('opens the sealed session after a restart: memory gone, worker stopped, still signed in', async ({
    harness,
    sandbox,
  }) => {
    const { alice, aml } = await aliceSignedIn(harness, sandbox, { keep: true });
    await storageClear(aml.page, 'session');
    await aml.close();
    await harness.stopWorker();
    const again = await AmlTab.open(harness);
    await again.expectSignedInAs(alice.email);
    await expect(again.credits.textContent()).resolves.toBe('5');
    expect(await storedTokens(harness)).toEqual({ session: null, sealed: true });
  });

  it('is still signed in after the service worker was stopped', async ({ harness, sandbox }) => {
    const { alice, aml } = await aliceSignedIn(harness, sandbox);
    await aml.close();
    await harness.stopWorker();
    const again = await AmlTab.open(harness);
    await again.expectSignedInAs(alice.email);
    await expect(again.credits.textContent()).resolves.toBe('5');
  });
});

describe('expiry mid-session', () => {
  it('ends the session on the next call after 2aml revoked the token, and asks to sign in again', async ({
    harness,
    sandbox,
  }) => {
    const { alice, aml } = await aliceSignedIn(harness, sandbox);
    const { session: token } = await storedTokens(harness);
    // Kept (sealed in storage.local) when it expires: both stores must be emptied.
    await sendFromPage(aml.page, 'settings.update', { privacy: { keepSignedIn: true } });
    await expect
      .poll(() => storedTokens(harness), { timeout: 5_000 })
      .toEqual({ session: null, sealed: true });
    await sandbox.expireSessions(alice.email);

    await aml.refreshWallet();
    const ended = aml.sessionEnded('expired');
    await ended.waitFor({ timeout: 10_000 });
    await expect(ended.textContent()).resolves.toBe('Your 2aml session has ended. Sign in again.');
    await expect(aml.screen.getAttribute('data-session')).resolves.toBe('signed_out');
    expect(await storedTokens(harness)).toEqual({ session: null, sealed: false });
    await expectTokenHidden(aml.page, token!);

    // The e-mail is filled in; the password is asked for again.
    await expect(aml.forms.emailInput.inputValue()).resolves.toBe(alice.email);
    await aml.forms.passwordInput.fill(alice.password);
    await aml.forms.submitSignIn();
    await aml.expectSignedInAs(alice.email);
  });
});
