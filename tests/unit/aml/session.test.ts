/**
 * The 2aml session against the sandbox's real 2aml (over HTTP): every branch of sign-in, a recovery
 * code, e-mail verification, registering, expiry mid-session, where the token is kept, that the
 * password is never kept, and the opt-in fingerprint.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ServiceError } from '@/lib/http';
import { settingsItem } from '@/lib/storage';
import { SessionError } from '@/lib/twoaml/session';
import { createTwoAmlApi } from '@/lib/twoaml/api';
import type { RunningSandbox } from '../../sandbox/server';
import {
  everythingStored,
  seeded,
  sessionAgainst,
  startAmlSandbox,
  type Control,
  type SeededUser,
} from './sandbox-session';

let sandbox: RunningSandbox;
let control: Control;
let users: Record<'alice' | 'bob' | 'carol', SeededUser>;

beforeAll(async () => {
  ({ sandbox, control } = await startAmlSandbox());
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  await control('POST', 'reset');
  users = (await seeded(control)).users;
});

const totp = async (email: string) => (await control<{ code: string }>('GET', `totp?email=${email}`)).code;
const outboxToken = async (email: string) => {
  const { messages } = await control<{ messages: { data: { token: string } }[] }>(
    'GET',
    `outbox?to=${email}`,
  );
  return { count: messages.length, token: messages.at(-1)?.data.token };
};

describe('signing in', () => {
  it('signs alice straight in and keeps the token in memory only', async () => {
    const { session, api } = sessionAgainst(sandbox.origin);
    const state = await session.signIn({ email: users.alice.email, password: users.alice.password });
    expect(state.kind).toBe('signed_in');
    expect(await session.view()).toMatchObject({
      status: 'signed_in',
      user: { email: 'alice@example.com', emailVerified: true, twoFactorEnabled: false },
      keepSignedIn: false,
    });
    // The token works on both namespaces.
    await expect(api.aml.wallet.summary()).resolves.toMatchObject({ amlCreditsBalance: 5 });
    await expect(api.energy.wallet.summary()).resolves.toMatchObject({ currency: 'TRX' });
    const token = session.credentials.getToken(sandbox.origin)!;
    const stored = await everythingStored();
    expect(stored.session).toContain(token);
    expect(stored.local).not.toContain(token);
  });

  it('never stores the password, in any area, whatever the branch', async () => {
    const { session } = sessionAgainst(sandbox.origin);
    await session.signIn({ email: users.alice.email, password: users.alice.password, keepSignedIn: true });
    await session.signOut();
    await session.signIn({ email: users.bob.email, password: users.bob.password });
    await session.cancelSignIn();
    await session.signIn({ email: users.carol.email, password: users.carol.password });
    const stored = await everythingStored();
    for (const area of Object.values(stored)) {
      for (const password of [users.alice.password, users.bob.password, users.carol.password]) {
        expect(area).not.toContain(password);
      }
    }
  });

  it('refuses a wrong password without ending anything or storing anything', async () => {
    const { session } = sessionAgainst(sandbox.origin);
    const error = await session
      .signIn({ email: users.alice.email, password: 'wrong-password' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('invalid_credentials');
    expect(await session.view()).toEqual({ status: 'signed_out', ended: null, email: null });
  });

  it('keeps the session in storage.local, sealed, when the user asks to stay signed in, and moves it back', async () => {
    const { session } = sessionAgainst(sandbox.origin);
    await session.signIn({ email: users.alice.email, password: users.alice.password, keepSignedIn: true });
    const token = session.credentials.getToken(sandbox.origin)!;
    expect((await settingsItem.get()).privacy.keepSignedIn).toBe(true);
    let stored = await everythingStored();
    // storage.local is readable by content scripts: it holds the sealed session, never the token.
    expect(stored.local).toContain('twoAmlSessionSealed');
    expect(stored.local).not.toContain(token);
    expect(stored.local).not.toContain(users.alice.email);
    expect(stored.session).not.toContain(token);
    // A restarted worker opens it and is still signed in.
    const restarted = sessionAgainst(sandbox.origin);
    expect((await restarted.session.ready()).kind).toBe('signed_in');
    expect(restarted.session.credentials.getToken(sandbox.origin)).toBe(token);

    await session.applyPrivacy({ keepSignedIn: false, sendFingerprint: false });
    stored = await everythingStored();
    expect(stored.local).not.toContain(token);
    expect(stored.session).toContain(token);
  });

  it('survives a worker restart: a new session over the same storage is still signed in', async () => {
    const first = sessionAgainst(sandbox.origin);
    await first.session.signIn({ email: users.alice.email, password: users.alice.password });
    const restarted = sessionAgainst(sandbox.origin);
    expect((await restarted.session.ready()).kind).toBe('signed_in');
    await expect(restarted.api.aml.profile()).resolves.toMatchObject({ email: 'alice@example.com' });
  });

  it('signs out: the token is forgotten everywhere and protected calls send nothing', async () => {
    const { session, api, sent } = sessionAgainst(sandbox.origin);
    await session.signIn({ email: users.alice.email, password: users.alice.password, keepSignedIn: true });
    const token = session.credentials.getToken(sandbox.origin)!;
    await session.signOut();
    const stored = await everythingStored();
    expect(stored.local + stored.session).not.toContain(token);
    const before = sent.length;
    await expect(api.aml.wallet.summary()).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    expect(sent.length).toBe(before);
    expect(await session.view()).toEqual({ status: 'signed_out', ended: null, email: null });
  });
});

describe('two-factor sign-in', () => {
  it('asks bob for a code, keeps the challenge out of the view, and accepts the authenticator code', async () => {
    const { session } = sessionAgainst(sandbox.origin);
    const state = await session.signIn({ email: users.bob.email, password: users.bob.password });
    expect(state.kind).toBe('two_factor');
    const view = await session.view();
    expect(view).toMatchObject({ status: 'two_factor_required', email: 'bob@example.com' });
    expect(JSON.stringify(view)).not.toContain(state.kind === 'two_factor' ? state.flow.challengeToken : '?');
    expect(session.credentials.getToken(sandbox.origin)).toBeUndefined();

    await session.completeTwoFactor(await totp(users.bob.email));
    expect(await session.view()).toMatchObject({ status: 'signed_in', user: { twoFactorEnabled: true } });
  });

  it('lets a wrong code be corrected while the challenge lasts', async () => {
    const { session } = sessionAgainst(sandbox.origin);
    await session.signIn({ email: users.bob.email, password: users.bob.password });
    await expect(session.completeTwoFactor('000000')).rejects.toMatchObject({ code: 'invalid_2fa' });
    expect((await session.view()).status).toBe('two_factor_required');
    await session.completeTwoFactor(await totp(users.bob.email));
    expect((await session.view()).status).toBe('signed_in');
  });

  it('accepts a one-time recovery code once', async () => {
    const [code] = users.bob.twoFactor!.recoveryCodes;
    const { session } = sessionAgainst(sandbox.origin);
    await session.signIn({ email: users.bob.email, password: users.bob.password });
    await session.completeTwoFactor(code!.toLowerCase());
    expect((await session.view()).status).toBe('signed_in');

    await session.signOut();
    await session.signIn({ email: users.bob.email, password: users.bob.password });
    await expect(session.completeTwoFactor(code!)).rejects.toMatchObject({ code: 'invalid_2fa' });
    const left = await control<{ recoveryCodesLeft: number }>('GET', '2aml/totp?email=bob@example.com');
    expect(left.recoveryCodesLeft).toBe(users.bob.twoFactor!.recoveryCodes.length - 1);
  });

  it('ends a challenge at loginChallengeExpiresAt without sending the code', async () => {
    let clock = Date.now();
    const { session, sent } = sessionAgainst(sandbox.origin, { now: () => clock });
    await session.signIn({ email: users.bob.email, password: users.bob.password });
    const state = await session.ready();
    if (state.kind !== 'two_factor') throw new Error('expected a challenge');
    clock = state.flow.expiresAt + 1;
    const before = sent.length;
    const error = await session.completeTwoFactor('123456').catch((e) => e);
    expect(error).toBeInstanceOf(SessionError);
    expect((error as SessionError).code).toBe('challenge_expired');
    expect(sent.length).toBe(before);
    expect(await session.view()).toEqual({
      status: 'signed_out',
      ended: 'challenge_expired',
      email: 'bob@example.com',
    });
  });

  it('sends the same opt-in fingerprint on the login and on the code, and none without the opt-in', async () => {
    const { session, sent } = sessionAgainst(sandbox.origin);
    await session.signIn({ email: users.alice.email, password: users.alice.password });
    expect(sent.at(-1)!.headers['x-fingerprint']).toBeUndefined();
    await session.signOut();

    await settingsItem.update((s) => ({ ...s, privacy: { ...s.privacy, sendFingerprint: true } }));
    await session.applyPrivacy({ keepSignedIn: false, sendFingerprint: true });
    await session.signIn({ email: users.bob.email, password: users.bob.password });
    const login = sent.at(-1)!;
    expect(login.path).toMatch(/\/auth\/login$/);
    expect(login.headers['x-fingerprint']).toMatch(/^fp_[0-9a-f]{32}$/);
    // The user switches the opt-in off meanwhile: the code still carries what the login carried.
    await settingsItem.update((s) => ({ ...s, privacy: { ...s.privacy, sendFingerprint: false } }));
    await session.applyPrivacy({ keepSignedIn: false, sendFingerprint: false });
    await session.completeTwoFactor(await totp(users.bob.email));
    const twoFactor = sent.at(-1)!;
    expect(twoFactor.path).toMatch(/\/auth\/login\/2fa$/);
    expect(twoFactor.headers['x-fingerprint']).toBe(login.headers['x-fingerprint']);
    // And later calls follow the setting again.
    await session.refreshProfile();
    expect(sent.at(-1)!.headers['x-fingerprint']).toBeUndefined();
  });
});

describe('e-mail verification', () => {
  it('takes carol through verification and back to a sign-in', async () => {
    const { session } = sessionAgainst(sandbox.origin);
    const state = await session.signIn({ email: users.carol.email, password: users.carol.password });
    expect(state.kind).toBe('verify_email');
    expect(await session.view()).toEqual({
      status: 'email_verification_required',
      email: 'carol@example.com',
      verificationEmailSent: true,
      confirmed: false,
    });

    const first = await outboxToken(users.carol.email);
    await session.requestVerification();
    const second = await outboxToken(users.carol.email);
    expect(second.count).toBe(first.count + 1);

    await session.confirmVerification(second.token!);
    expect(await session.view()).toMatchObject({ status: 'email_verification_required', confirmed: true });
    expect(session.credentials.getToken(sandbox.origin)).toBeUndefined();

    await session.signIn({ email: users.carol.email, password: users.carol.password });
    expect(await session.view()).toMatchObject({ status: 'signed_in', user: { emailVerified: true } });
  });

  it('refuses a bad verification token and stays where it was', async () => {
    const { session } = sessionAgainst(sandbox.origin);
    await session.signIn({ email: users.carol.email, password: users.carol.password });
    await expect(session.confirmVerification('not-a-token')).rejects.toMatchObject({
      code: 'invalid_email_token',
    });
    expect(await session.view()).toMatchObject({ status: 'email_verification_required', confirmed: false });
  });
});

describe('registering', () => {
  it('creates an account that is signed in at once and can verify its e-mail while signed in', async () => {
    const { session } = sessionAgainst(sandbox.origin);
    await session.register({ email: 'dave@example.com', password: 'dave-pass-1' });
    expect(await session.view()).toMatchObject({
      status: 'signed_in',
      user: { email: 'dave@example.com', emailVerified: false },
    });
    const { token } = await outboxToken('dave@example.com');
    await session.confirmVerification(token!);
    expect(await session.view()).toMatchObject({ status: 'signed_in', user: { emailVerified: true } });
    expect((await everythingStored()).session).not.toContain('dave-pass-1');
  });

  it("shows 2aml's own words when the e-mail is taken (the docs name no code for it)", async () => {
    const { session } = sessionAgainst(sandbox.origin);
    const refusal = session.register({ email: users.alice.email, password: 'another-1' });
    await expect(refusal).rejects.toMatchObject({ status: 409, code: 'bad_request' });
    await expect(refusal).rejects.toMatchObject({ message: expect.stringMatching(/already/i) });
    expect((await session.view()).status).toBe('signed_out');
  });
});

describe('a token bound to its origin', () => {
  it('never sends the token to a host other than the one that issued it', async () => {
    const { session, sent } = sessionAgainst(sandbox.origin);
    await session.signIn({ email: users.alice.email, password: users.alice.password });
    const token = session.credentials.getToken(sandbox.origin)!;
    expect(token).toBeTruthy();
    // A client for another host, on the same session's credentials (as after an address change).
    const elsewhere: string[] = [];
    const other = createTwoAmlApi({
      baseUrl: 'https://mirror.example.net/2aml',
      fetch: async (input, init) => {
        elsewhere.push(`${String(input)} ${JSON.stringify(init?.headers ?? {})}`);
        return new Response('{}', { status: 200 });
      },
      sleep: async () => undefined,
      ...session.credentials,
    });
    await expect(other.aml.wallet.summary()).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    await expect(
      other.aml.createCheck({ targetWallet: users.alice.email, targetNetwork: 'tron', idempotencyKey: 'k' }),
    ).rejects.toBeDefined();
    expect(elsewhere).toEqual([]);
    expect(session.credentials.getToken('https://mirror.example.net')).toBeUndefined();
    expect(
      sent.every((req) => !req.headers.authorization || req.headers.authorization === `Bearer ${token}`),
    ).toBe(true);
  });

  it('ends the session with its own notice when the 2aml address changes', async () => {
    let origin = sandbox.origin;
    const { session, api } = sessionAgainst(sandbox.origin, { serviceOrigin: () => origin });
    await session.signIn({ email: users.alice.email, password: users.alice.password, keepSignedIn: true });
    expect((await session.ready()).kind).toBe('signed_in');
    origin = 'https://mirror.example.net';
    expect(await session.view()).toMatchObject({ status: 'signed_out', ended: 'address_changed' });
    expect(session.credentials.getToken(sandbox.origin)).toBeUndefined();
    // Gone from storage too: a restart does not bring it back, even at the first address.
    expect((await everythingStored()).local).not.toContain('Sealed":{');
    origin = sandbox.origin;
    const restarted = sessionAgainst(sandbox.origin);
    expect((await restarted.session.ready()).kind).toBe('signed_out');
    await expect(api.aml.wallet.summary()).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe('expiry', () => {
  it('ends the session for both namespaces on a 401 and asks to sign in again', async () => {
    const { session, api } = sessionAgainst(sandbox.origin);
    await session.signIn({ email: users.alice.email, password: users.alice.password, keepSignedIn: true });
    const token = session.credentials.getToken(sandbox.origin)!;
    await control('POST', '2aml/sessions/expire', { email: users.alice.email });

    await expect(api.aml.creditSummary()).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    // At once, in memory: the next call sends no token.
    expect(session.credentials.getToken(sandbox.origin)).toBeUndefined();
    await expect(api.energy.wallet.summary()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await session.view()).toEqual({
      status: 'signed_out',
      ended: 'expired',
      email: 'alice@example.com',
    });
    const stored = await everythingStored();
    expect(stored.local + stored.session).not.toContain(token);

    // Signing in again clears the notice.
    await session.signIn({ email: users.alice.email, password: users.alice.password });
    expect((await session.view()).status).toBe('signed_in');
  });
});
