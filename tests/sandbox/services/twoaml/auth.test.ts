import { describe, expect, it } from 'vitest';
import { AML, ENERGY, seededTwoAml, useTwoAmlSandbox } from './testing/harness';
import {
  authenticatedSchema,
  errorEnvelopeSchema,
  expectContract,
  registerSchema,
  twoFactorRequiredSchema,
  userSchema,
  verificationRequiredSchema,
  verifyConfirmSchema,
  verifyRequestSchema,
} from './testing/contract-schemas';

const sandbox = useTwoAmlSandbox();

const seededUsers = () => seededTwoAml(sandbox.world).users;

async function totpOf(email: string): Promise<string> {
  const response = await sandbox.call('GET', `/__sandbox/totp?email=${encodeURIComponent(email)}`);
  expect(response.status).toBe(200);
  return response.body.code;
}

/** A six-digit code that is not the current one (nor, with overwhelming likelihood, a neighbouring one). */
function notTheCode(code: string): string {
  return String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
}

async function startBobLogin(headers: Record<string, string> = {}) {
  const response = await sandbox.call('POST', `${ENERGY}/auth/login`, {
    body: { email: 'bob@example.com', password: 'bob-pass-1' },
    headers,
  });
  return expectContract(twoFactorRequiredSchema, response.body);
}

describe('register', () => {
  it('creates an account, returns a working token and e-mails a verification token', async () => {
    const response = await sandbox.call('POST', `${ENERGY}/auth/register`, {
      body: {
        email: 'user@example.com',
        password: 'secret123',
        referralCode: seededUsers().bob.referralCode,
      },
      headers: { 'x-fingerprint': 'fp_browser_1' },
    });
    expect(response.status).toBe(201);
    const body = expectContract(registerSchema, response.body);
    expect(body.user.email).toBe('user@example.com');
    expect(body.user.emailVerifiedAt).toBeNull();
    expect(body.user.referredByUserId).toBe(seededUsers().bob.userId);
    expect(body.emailVerificationRequired).toBe(true);
    expect(body.verificationEmailSent).toBe(true);

    const mail = sandbox.world.outbox.messages().at(-1);
    expect(mail?.to).toBe('user@example.com');
    expect(mail?.data.token).toMatch(/\S{20,}/);

    const profile = await sandbox.call('GET', `${AML}/auth/profile`, { token: body.accessToken });
    expect(profile.status).toBe(200);
    expect(expectContract(userSchema, profile.body).id).toBe(body.user.id);
  });

  it('ignores an unknown referral code instead of refusing the sign-up', async () => {
    const response = await sandbox.call('POST', `${AML}/auth/register`, {
      body: { email: 'nobody-referred@example.com', password: 'secret123', referralCode: 'REF000123' },
    });
    expect(response.status).toBe(201);
    expect(response.body.user.referredByUserId).toBeNull();
  });

  it('refuses a password shorter than 6 characters, a malformed e-mail and a taken e-mail', async () => {
    const short = await sandbox.call('POST', `${ENERGY}/auth/register`, {
      body: { email: 'short@example.com', password: '12345' },
    });
    expect(short.status).toBe(400);
    expectContract(errorEnvelopeSchema, short.body);
    expect(short.body.path).toBe('/external/tron-energy/auth/register');

    const malformed = await sandbox.call('POST', `${ENERGY}/auth/register`, {
      body: { email: 'not-an-email', password: 'secret123' },
    });
    expect(malformed.status).toBe(400);

    const taken = await sandbox.call('POST', `${ENERGY}/auth/register`, {
      body: { email: 'Alice@Example.com', password: 'secret123' },
    });
    expect(taken.status).toBe(409);
    expectContract(errorEnvelopeSchema, taken.body);
  });

  it('answers a body that is not JSON with the error envelope', async () => {
    const response = await sandbox.call('POST', `${ENERGY}/auth/register`, { body: '{not json' });
    expect(response.status).toBe(400);
    expectContract(errorEnvelopeSchema, response.body);
  });
});

describe('login', () => {
  it('authenticates a verified user without 2FA', async () => {
    const response = await sandbox.call('POST', `${ENERGY}/auth/login`, {
      body: { email: 'alice@example.com', password: 'alice-pass-1' },
    });
    expect(response.status).toBe(200);
    const body = expectContract(authenticatedSchema, response.body);
    expect(body.user.twoFactorEnabled).toBe(false);
    expect(body.user.emailVerifiedAt).not.toBeNull();
  });

  it('rejects a wrong password and an unknown e-mail with 401 and the documented message', async () => {
    for (const body of [
      { email: 'alice@example.com', password: 'wrong-pass' },
      { email: 'nobody@example.com', password: 'alice-pass-1' },
    ]) {
      const response = await sandbox.call('POST', `${AML}/auth/login`, { body });
      expect(response.status).toBe(401);
      expect(expectContract(errorEnvelopeSchema, response.body).error.message).toBe(
        'Email or password is incorrect.',
      );
    }
  });

  it('sends an unverified user to e-mail verification and mails a fresh token', async () => {
    const before = sandbox.world.outbox.messages().length;
    const response = await sandbox.call('POST', `${ENERGY}/auth/login`, {
      body: { email: 'carol@example.com', password: 'carol-pass-1' },
    });
    expect(response.status).toBe(200);
    expect(expectContract(verificationRequiredSchema, response.body).verificationEmailSent).toBe(true);
    expect(JSON.stringify(response.body)).not.toContain('accessToken');
    expect(sandbox.world.outbox.messages().length).toBe(before + 1);
  });

  it('asks bob for a second factor with a challenge that lasts 10 minutes', async () => {
    const before = sandbox.world.clock.now();
    const challenge = await startBobLogin();
    const expiresAt = Date.parse(challenge.loginChallengeExpiresAt);
    expect(expiresAt - before).toBeGreaterThanOrEqual(10 * 60_000 - 1000);
    expect(expiresAt - before).toBeLessThanOrEqual(10 * 60_000 + 1000);
  });
});

describe('two-factor completion', () => {
  it('accepts the current authenticator code and returns a session', async () => {
    const challenge = await startBobLogin();
    const response = await sandbox.call('POST', `${ENERGY}/auth/login/2fa`, {
      body: { challengeToken: challenge.loginChallengeToken, code: await totpOf('bob@example.com') },
    });
    expect(response.status).toBe(200);
    const body = expectContract(authenticatedSchema, response.body);
    expect(body.user.twoFactorEnabled).toBe(true);
    expect(body.user.twoFactorEnabledAt).not.toBeNull();

    const reuse = await sandbox.call('POST', `${ENERGY}/auth/login/2fa`, {
      body: { challengeToken: challenge.loginChallengeToken, code: await totpOf('bob@example.com') },
    });
    expect(reuse.status).toBe(400);
  });

  it('accepts the code of the previous 30-second step but not an older one', async () => {
    const challenge = await startBobLogin();
    const code = await totpOf('bob@example.com');
    sandbox.advance(30);
    const stillValid = await sandbox.call('POST', `${ENERGY}/auth/login/2fa`, {
      body: { challengeToken: challenge.loginChallengeToken, code },
    });
    expect(stillValid.status).toBe(200);

    const second = await startBobLogin();
    const oldCode = await totpOf('bob@example.com');
    sandbox.advance(95);
    const stale = await sandbox.call('POST', `${ENERGY}/auth/login/2fa`, {
      body: { challengeToken: second.loginChallengeToken, code: oldCode },
    });
    expect(stale.status).toBe(400);
    expect(stale.body.error.message).toBe('Two-factor login challenge is invalid or expired.');
  });

  it('rejects a wrong code, an unknown challenge and an expired challenge', async () => {
    const challenge = await startBobLogin();
    const code = await totpOf('bob@example.com');
    const wrong = notTheCode(code);
    const wrongResponse = await sandbox.call('POST', `${ENERGY}/auth/login/2fa`, {
      body: { challengeToken: challenge.loginChallengeToken, code: wrong },
    });
    expect(wrongResponse.status).toBe(400);
    expectContract(errorEnvelopeSchema, wrongResponse.body);

    const unknown = await sandbox.call('POST', `${ENERGY}/auth/login/2fa`, {
      body: { challengeToken: 'no-such-challenge', code },
    });
    expect(unknown.status).toBe(400);

    sandbox.advance(11 * 60);
    const expired = await sandbox.call('POST', `${ENERGY}/auth/login/2fa`, {
      body: { challengeToken: challenge.loginChallengeToken, code: await totpOf('bob@example.com') },
    });
    expect(expired.status).toBe(400);
    expect(expired.body.error.message).toBe('Two-factor login challenge is invalid or expired.');
  });

  it('burns a challenge after five wrong codes', async () => {
    const challenge = await startBobLogin();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await sandbox.call('POST', `${ENERGY}/auth/login/2fa`, {
        body: {
          challengeToken: challenge.loginChallengeToken,
          code: notTheCode(await totpOf('bob@example.com')),
        },
      });
    }
    const late = await sandbox.call('POST', `${ENERGY}/auth/login/2fa`, {
      body: { challengeToken: challenge.loginChallengeToken, code: await totpOf('bob@example.com') },
    });
    expect(late.status).toBe(400);
  });

  it('accepts each recovery code exactly once', async () => {
    const recoveryCode: string = seededUsers().bob.twoFactor.recoveryCodes[0];
    const first = await startBobLogin();
    const used = await sandbox.call('POST', `${AML}/auth/login/2fa`, {
      body: { challengeToken: first.loginChallengeToken, code: recoveryCode.toLowerCase() },
    });
    expect(used.status).toBe(200);
    expectContract(authenticatedSchema, used.body);

    const second = await startBobLogin();
    const again = await sandbox.call('POST', `${AML}/auth/login/2fa`, {
      body: { challengeToken: second.loginChallengeToken, code: recoveryCode },
    });
    expect(again.status).toBe(400);
  });

  it('requires the same x-fingerprint on login/2fa as on login', async () => {
    const challenge = await startBobLogin({ 'x-fingerprint': 'fp_device_A' });
    const mismatch = await sandbox.call('POST', `${ENERGY}/auth/login/2fa`, {
      body: { challengeToken: challenge.loginChallengeToken, code: await totpOf('bob@example.com') },
      headers: { 'x-fingerprint': 'fp_device_B' },
    });
    expect(mismatch.status).toBe(400);

    const missing = await sandbox.call('POST', `${ENERGY}/auth/login/2fa`, {
      body: { challengeToken: challenge.loginChallengeToken, code: await totpOf('bob@example.com') },
    });
    expect(missing.status).toBe(400);

    const match = await sandbox.call('POST', `${ENERGY}/auth/login/2fa`, {
      body: { challengeToken: challenge.loginChallengeToken, code: await totpOf('bob@example.com') },
      headers: { 'x-fingerprint': 'fp_device_A' },
    });
    expect(match.status).toBe(200);
  });
});

describe('e-mail verification', () => {
  it('answers the same for known and unknown addresses, and mails only accounts that need it', async () => {
    const before = sandbox.world.outbox.messages().length;
    for (const email of ['carol@example.com', 'nobody@example.com', 'alice@example.com']) {
      const response = await sandbox.call('POST', `${ENERGY}/auth/verify-email/request`, { body: { email } });
      expect(response.status).toBe(200);
      expectContract(verifyRequestSchema, response.body);
    }
    const sent = sandbox.world.outbox.messages().slice(before);
    expect(sent.map((mail) => mail.to)).toEqual(['carol@example.com']);
  });

  it('confirms a mailed token once, after which carol can sign in', async () => {
    await sandbox.call('POST', `${AML}/auth/verify-email/request`, { body: { email: 'carol@example.com' } });
    const token = sandbox.world.outbox.messages().at(-1)!.data.token;
    const confirm = await sandbox.call('POST', `${AML}/auth/verify-email/confirm`, { body: { token } });
    expect(confirm.status).toBe(200);
    const body = expectContract(verifyConfirmSchema, confirm.body);
    expect(body.email).toBe('carol@example.com');
    expect(body.sessionsRevoked).toBe(false);

    const again = await sandbox.call('POST', `${AML}/auth/verify-email/confirm`, { body: { token } });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toBe('Email verification token is invalid or expired.');

    const login = await sandbox.call('POST', `${ENERGY}/auth/login`, {
      body: { email: 'carol@example.com', password: 'carol-pass-1' },
    });
    expect(login.body.status).toBe('authenticated');
  });

  it('refuses a token after 24 hours', async () => {
    await sandbox.call('POST', `${ENERGY}/auth/verify-email/request`, {
      body: { email: 'carol@example.com' },
    });
    const token = sandbox.world.outbox.messages().at(-1)!.data.token;
    sandbox.advance(24 * 3600 + 1);
    const confirm = await sandbox.call('POST', `${ENERGY}/auth/verify-email/confirm`, { body: { token } });
    expect(confirm.status).toBe(400);
  });
});

describe('sessions', () => {
  it('serves the profile on both namespaces with one token', async () => {
    const token = await sandbox.login('alice@example.com', 'alice-pass-1');
    for (const base of [ENERGY, AML]) {
      const response = await sandbox.call('GET', `${base}/auth/profile`, { token });
      expect(response.status).toBe(200);
      expect(expectContract(userSchema, response.body).email).toBe('alice@example.com');
    }
  });

  it('answers 401 without a token, with an unknown token, and after the sessions were expired', async () => {
    const token = await sandbox.login('alice@example.com', 'alice-pass-1');
    const missing = await sandbox.call('GET', `${ENERGY}/auth/profile`);
    expect(missing.status).toBe(401);
    expect(expectContract(errorEnvelopeSchema, missing.body).error.message).toBe(
      'Authentication is required.',
    );
    expect((await sandbox.call('GET', `${AML}/wallet/summary`, { token: 'forged-token' })).status).toBe(401);

    const expire = await sandbox.call('POST', '/__sandbox/2aml/sessions/expire', {
      body: { email: 'alice@example.com' },
    });
    expect(expire.body.revokedSessions).toBe(1);
    for (const base of [ENERGY, AML]) {
      const response = await sandbox.call('GET', `${base}/wallet/summary`, { token });
      expect(response.status).toBe(401);
      expect(response.body.error.message).toBe('Authentication is required.');
    }
  });

  it('expires a token after 7 days of sandbox time', async () => {
    const token = await sandbox.login('alice@example.com', 'alice-pass-1');
    sandbox.advance(7 * 24 * 3600 + 1);
    expect((await sandbox.call('GET', `${ENERGY}/auth/profile`, { token })).status).toBe(401);
  });

  it('issues opaque random tokens', async () => {
    const first = await sandbox.login('alice@example.com', 'alice-pass-1');
    const second = await sandbox.login('alice@example.com', 'alice-pass-1');
    expect(first).not.toBe(second);
    expect(first).not.toContain('alice');
  });
});

describe('unknown paths', () => {
  it('answer 404 in the error envelope', async () => {
    const response = await sandbox.call('GET', `${ENERGY}/nope`);
    expect(response.status).toBe(404);
    expect(expectContract(errorEnvelopeSchema, response.body).path).toBe('/external/tron-energy/nope');
  });
});

describe('seeded identities', () => {
  it('are published on GET /__sandbox/accounts, with the TOTP secret, recovery codes and known-bad addresses', async () => {
    const response = await sandbox.call('GET', '/__sandbox/accounts');
    expect(response.status).toBe(200);
    const seeded = response.body['2aml'];
    expect(seeded.users.alice).toMatchObject({
      email: 'alice@example.com',
      password: 'alice-pass-1',
      verified: true,
      walletTrx: '100.000000',
      amlCredits: 5,
      referredBy: 'bob@example.com',
    });
    expect(seeded.users.bob.twoFactor.secretBase32).toMatch(/^[A-Z2-7]{32}$/);
    expect(seeded.users.bob.twoFactor.recoveryCodes).toHaveLength(8);
    expect(seeded.users.carol.verified).toBe(false);
    expect(seeded.knownBadAddresses.length).toBeGreaterThanOrEqual(5);
    for (const bad of seeded.knownBadAddresses) {
      expect(bad).toMatchObject({ address: expect.stringMatching(/^T/), amlScore: expect.any(Number) });
      expect(bad.amlScore).toBeGreaterThanOrEqual(85);
      expect(bad.tags.length).toBeGreaterThan(0);
    }
  });

  it('give the same bob TOTP code as the core control route', async () => {
    const before = await sandbox.call('GET', '/__sandbox/totp?email=bob@example.com');
    const own = await sandbox.call('GET', '/__sandbox/2aml/totp?email=bob@example.com');
    const after = await sandbox.call('GET', '/__sandbox/totp?email=bob@example.com');
    // The 30-second step may turn between the calls.
    expect([before.body.code, after.body.code]).toContain(own.body.code);
    expect(own.body.recoveryCodesLeft).toBe(8);
  });
});
