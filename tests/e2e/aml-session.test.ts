/**
 * The 2aml account in the popup's AML tab, in real Chromium against the sandbox's 2aml: signing in
 * through all three login branches (straight in, two-factor with an authenticator code or a
 * recovery code, e-mail verification then signing in again), registering, staying signed in, and a
 * session that expires mid-use (the sandbox revokes the token; the next call ends the session and
 * the tab asks to sign in again). The token never shows in the page or the app view.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchExtension, sendFromPage, type ExtensionHarness } from './extension';

// Runs inside extension pages (`page.evaluate`), where `chrome` exists.
declare const chrome: {
  storage: {
    local: {
      get(key: string | null): Promise<Record<string, unknown>>;
      remove(keys: string[]): Promise<void>;
    };
    session: { get(key: string | null): Promise<Record<string, unknown>>; clear(): Promise<void> };
  };
};

interface SeededUser {
  email: string;
  password: string;
  twoFactor: { recoveryCodes: string[] } | null;
}

let harness: ExtensionHarness;
let users: Record<'alice' | 'bob' | 'carol', SeededUser>;

/** The popup at its usual size, on the AML tab. */
async function openAmlTab(size = { width: 380, height: 900 }): Promise<Page> {
  const page = await harness.openExtensionPage('popup.html');
  await page.setViewportSize(size);
  await page.getByRole('tab', { name: 'AML' }).click();
  await page.getByTestId('aml-screen').waitFor();
  return page;
}

async function fillSignIn(page: Page, user: SeededUser, options: { keep?: boolean } = {}) {
  const form = page.getByTestId('aml-sign-in');
  await form.waitFor();
  await form.getByLabel('E-mail').fill(user.email);
  await form.getByLabel('Password', { exact: true }).fill(user.password);
  if (options.keep !== undefined)
    await form.getByLabel('Keep me signed in after the browser closes').setChecked(options.keep);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signedInAs(page: Page, email: string) {
  await expect(page.getByTestId('aml-account').textContent({ timeout: 10_000 })).resolves.toContain(email);
}

/**
 * Where the session token is kept: in the clear in storage.session (memory), or sealed in
 * storage.local (ciphertext whose key only the extension origin holds). Read by an extension page with
 * the storage API (the token is not in any message or view; this reads the stores themselves).
 */
async function storedTokens(): Promise<{ session: string | null; sealed: boolean }> {
  const page = await harness.openExtensionPage('options.html');
  try {
    const [local, session] = await page.evaluate(() =>
      Promise.all([
        chrome.storage.local.get('twoAmlSessionSealed'),
        chrome.storage.session.get('twoAmlSession'),
      ]),
    );
    const token = (item: unknown) => (item as { token?: string } | null | undefined)?.token ?? null;
    return { session: token(session.twoAmlSession), sealed: Boolean(local.twoAmlSessionSealed) };
  } finally {
    await page.close();
  }
}

/** Everything stored in both areas, as text. */
async function everythingStored(): Promise<string> {
  const page = await harness.openExtensionPage('options.html');
  try {
    return JSON.stringify(
      await page.evaluate(() =>
        Promise.all([chrome.storage.local.get(null), chrome.storage.session.get(null)]),
      ),
    );
  } finally {
    await page.close();
  }
}

async function expectTokenHidden(page: Page, token: string) {
  expect(await page.content()).not.toContain(token);
  const view = await sendFromPage(page, 'view.get');
  expect(JSON.stringify(view)).not.toContain(token);
}

beforeAll(async () => {
  harness = await launchExtension({ extensionDir: process.env.AMPERE_E2E_EXTENSION_DIR });
  const accounts = await harness.control<{ '2aml': { users: typeof users } }>('GET', 'accounts');
  users = accounts['2aml'].users;
});

afterAll(async () => {
  await harness?.close();
});

beforeEach(async () => {
  await harness.control('POST', 'reset');
  for (const page of harness.context.pages()) await page.close();
  const page = await harness.openExtensionPage('options.html');
  await sendFromPage(page, 'aml.signOut');
  await sendFromPage(page, 'settings.update', { privacy: { keepSignedIn: false, sendFingerprint: false } });
  await page.close();
});

describe('signing in from the AML tab', () => {
  it('signs alice straight in; the wallet shows, the token stays in memory and out of every page', async () => {
    const page = await openAmlTab();
    await fillSignIn(page, users.alice);
    await signedInAs(page, users.alice.email);
    await expect(page.getByTestId('aml-balance').textContent()).resolves.toBe('100 TRX');
    await expect(page.getByTestId('aml-credits').textContent()).resolves.toBe('5');
    const tokens = await storedTokens();
    expect(tokens.session).toBeTruthy();
    expect(tokens.sealed).toBe(false);
    await expectTokenHidden(page, tokens.session!);
    // The password field is emptied once signed in, and no storage area holds the password.
    expect(await everythingStored()).not.toContain(users.alice.password);
  });

  it('says a wrong password is wrong, and stays signed out', async () => {
    const page = await openAmlTab();
    await fillSignIn(page, { ...users.alice, password: 'not-her-password' });
    await expect(page.locator('[data-problem="invalid_credentials"]').textContent()).resolves.toBe(
      'The e-mail or password is incorrect.',
    );
    expect(await storedTokens()).toEqual({ session: null, sealed: false });
  });

  it('takes bob through two-factor with his authenticator code', async () => {
    const page = await openAmlTab();
    await fillSignIn(page, users.bob);
    const form = page.getByTestId('aml-two-factor');
    await form.waitFor();
    await expect(form.textContent()).resolves.toContain('bob@example.com');
    await form.getByLabel('Code or recovery code').fill('000000');
    await form.getByRole('button', { name: 'Verify' }).click();
    await page.locator('[data-problem="invalid_2fa"]').waitFor();
    const { code } = await harness.control<{ code: string }>('GET', 'totp?email=bob@example.com');
    await form.getByLabel('Code or recovery code').fill(code);
    await form.getByRole('button', { name: 'Verify' }).click();
    await signedInAs(page, users.bob.email);
  });

  it('takes bob in with a one-time recovery code, which then stops working', async () => {
    const recovery = users.bob.twoFactor!.recoveryCodes[2]!;
    const page = await openAmlTab();
    await fillSignIn(page, users.bob);
    await page.getByTestId('aml-two-factor').getByLabel('Code or recovery code').fill(recovery);
    await page.getByRole('button', { name: 'Verify' }).click();
    await signedInAs(page, users.bob.email);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await fillSignIn(page, users.bob);
    await page.getByTestId('aml-two-factor').getByLabel('Code or recovery code').fill(recovery);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.locator('[data-problem="invalid_2fa"]').waitFor();
    await page.getByRole('button', { name: 'Start over' }).click();
    await page.getByTestId('aml-sign-in').waitFor();
  });

  it('takes carol through e-mail verification and back to signing in', async () => {
    const page = await openAmlTab();
    await fillSignIn(page, users.carol);
    const verify = page.getByTestId('aml-verify-email');
    await verify.waitFor();
    await expect(verify.textContent()).resolves.toContain('carol@example.com');
    await verify.getByRole('button', { name: 'Send a new e-mail' }).click();
    await verify.getByRole('status').waitFor();
    const { messages } = await harness.control<{ messages: { data: { token: string } }[] }>(
      'GET',
      'outbox?to=carol@example.com',
    );
    expect(messages.length).toBeGreaterThanOrEqual(2);
    await verify.getByLabel('Verification token').fill(messages.at(-1)!.data.token);
    await verify.getByRole('button', { name: 'Confirm' }).click();
    const signIn = page.getByTestId('aml-sign-in');
    await expect(signIn.textContent()).resolves.toContain(
      'Your e-mail is verified. Sign in again with your password.',
    );
    // The password typed a moment ago is still in the form (this page's memory only): one click signs in.
    await expect(signIn.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe(
      users.carol.password,
    );
    await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signedInAs(page, users.carol.email);
  });

  it('registers a new account, signed in at once', async () => {
    const page = await openAmlTab();
    await page.getByRole('button', { name: 'Create an account' }).click();
    const form = page.getByTestId('aml-sign-in');
    await form.getByLabel('E-mail').fill('frank@example.com');
    await form.getByLabel('Password', { exact: true }).fill('frank-pass-1');
    await form.getByRole('button', { name: 'Create account' }).click();
    await signedInAs(page, 'frank@example.com');
    await expect(page.getByTestId('aml-account').textContent()).resolves.toContain('not verified yet');
  });
});

describe('staying signed in', () => {
  it('keeps the session sealed in storage.local only when asked, and moves it back when the setting is turned off', async () => {
    const page = await openAmlTab();
    await fillSignIn(page, users.alice, { keep: true });
    await signedInAs(page, users.alice.email);
    expect(await storedTokens()).toEqual({ session: null, sealed: true });
    const whileKept = await everythingStored();

    await sendFromPage(page, 'settings.update', { privacy: { keepSignedIn: false } });
    await expect.poll(async () => (await storedTokens()).sealed, { timeout: 5_000 }).toBe(false);
    const { session: token } = await storedTokens();
    expect(token).toBeTruthy();
    // While it was kept, no storage area (storage.local is readable by content scripts) held it in the clear.
    expect(whileKept).not.toContain(token);
    expect(whileKept).not.toContain(users.alice.email);
  });

  it('opens the sealed session after a restart: memory gone, worker stopped, still signed in', async () => {
    const page = await openAmlTab();
    await fillSignIn(page, users.alice, { keep: true });
    await signedInAs(page, users.alice.email);
    await page.evaluate(() => chrome.storage.session.clear());
    await page.close();
    await harness.stopWorker();
    const again = await openAmlTab();
    await signedInAs(again, users.alice.email);
    await expect(again.getByTestId('aml-credits').textContent()).resolves.toBe('5');
    expect(await storedTokens()).toEqual({ session: null, sealed: true });
  });

  it('is still signed in after the service worker was stopped', async () => {
    const page = await openAmlTab();
    await fillSignIn(page, users.alice);
    await signedInAs(page, users.alice.email);
    await page.close();
    await harness.stopWorker();
    const again = await openAmlTab();
    await signedInAs(again, users.alice.email);
    await expect(again.getByTestId('aml-credits').textContent()).resolves.toBe('5');
  });
});

describe('expiry mid-session', () => {
  it('ends the session on the next call after 2aml revoked the token, and asks to sign in again', async () => {
    const page = await openAmlTab();
    await fillSignIn(page, users.alice);
    await signedInAs(page, users.alice.email);
    const { session: token } = await storedTokens();
    // Kept (sealed in storage.local) when it expires: both stores must be emptied.
    await sendFromPage(page, 'settings.update', { privacy: { keepSignedIn: true } });
    await expect.poll(storedTokens, { timeout: 5_000 }).toEqual({ session: null, sealed: true });
    await harness.control('POST', '2aml/sessions/expire', { email: users.alice.email });

    await page.getByTestId('aml-wallet').getByRole('button', { name: 'Refresh' }).click();
    const ended = page.locator('[data-session-ended="expired"]');
    await ended.waitFor({ timeout: 10_000 });
    await expect(ended.textContent()).resolves.toBe('Your 2aml session has ended. Sign in again.');
    await expect(page.getByTestId('aml-screen').getAttribute('data-session')).resolves.toBe('signed_out');
    expect(await storedTokens()).toEqual({ session: null, sealed: false });
    await expectTokenHidden(page, token!);

    // The e-mail is filled in; the password is asked for again.
    const form = page.getByTestId('aml-sign-in');
    await expect(form.getByLabel('E-mail').inputValue()).resolves.toBe(users.alice.email);
    await form.getByLabel('Password', { exact: true }).fill(users.alice.password);
    await form.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signedInAs(page, users.alice.email);
  });
});
