/** The pure sign-in state machine: branches the sandbox never takes (revoked sessions) and restoring from storage. */
import { describe, expect, it } from 'vitest';
import {
  afterEmailConfirmed,
  afterLogin,
  afterUnauthorized,
  restoredState,
  signedIn,
  SIGNED_OUT,
  storedUser,
} from '@/lib/twoaml/session-machine';
import { sessionView } from '@/lib/twoaml/session';
import { loginResponseSchema, twoAmlUserSchema } from '@/lib/twoaml/account-schemas';

const NOW = Date.parse('2026-05-03T10:30:00.000Z');
const ORIGIN = 'https://back.2aml.com';
const user = twoAmlUserSchema.parse({
  id: 17,
  email: 'user@example.com',
  isActive: true,
  role: 'user',
  referralCode: 'REF123ABC',
  referredByUserId: null,
  firstName: null,
  lastName: null,
  displayName: null,
  emailVerifiedAt: null,
  pendingEmail: null,
  pendingEmailRequestedAt: null,
  twoFactorEnabled: false,
  twoFactorEnabledAt: null,
  twoFactorPendingSetup: false,
});

describe('the sign-in state machine', () => {
  it('follows every documented login branch (seeds/003 §2 examples)', () => {
    const authenticated = loginResponseSchema.parse({
      status: 'authenticated',
      accessToken: 'token-1',
      user,
      message: 'Authenticated successfully.',
    });
    expect(
      afterLogin('user@example.com', authenticated, { now: NOW, fingerprint: null, origin: ORIGIN }),
    ).toMatchObject({
      kind: 'signed_in',
      session: { token: 'token-1', user: { id: 17, emailVerified: false } },
    });

    const challenge = loginResponseSchema.parse({
      status: 'two_factor_required',
      loginChallengeToken: 'c4c3d0a2f97b',
      loginChallengeExpiresAt: '2026-05-03T10:40:00.000Z',
    });
    expect(
      afterLogin('user@example.com', challenge, { now: NOW, fingerprint: 'fp_x', origin: ORIGIN }),
    ).toEqual({
      kind: 'two_factor',
      flow: {
        step: 'two_factor',
        email: 'user@example.com',
        challengeToken: 'c4c3d0a2f97b',
        expiresAt: Date.parse('2026-05-03T10:40:00.000Z'),
        fingerprint: 'fp_x',
      },
    });
    // A challenge that is already past its expiry is no challenge at all.
    expect(
      afterLogin('user@example.com', challenge, {
        now: NOW + 11 * 60_000,
        fingerprint: null,
        origin: ORIGIN,
      }),
    ).toMatchObject({
      kind: 'signed_out',
      flow: { reason: 'challenge_expired' },
    });

    const verify = loginResponseSchema.parse({
      status: 'email_verification_required',
      verificationEmailSent: true,
    });
    expect(
      afterLogin('user@example.com', verify, { now: NOW, fingerprint: null, origin: ORIGIN }),
    ).toMatchObject({
      kind: 'verify_email',
      flow: { email: 'user@example.com', verificationEmailSent: true, confirmed: false },
    });
  });

  it('ends the session when a confirmation revokes sessions, and keeps it otherwise', () => {
    const state = signedIn('token-1', user, NOW, ORIGIN);
    expect(afterEmailConfirmed(state, { sessionsRevoked: true }, NOW)).toEqual({
      kind: 'signed_out',
      flow: { step: 'ended', email: 'user@example.com', reason: 'revoked', at: NOW },
    });
    expect(
      afterEmailConfirmed(state, { sessionsRevoked: false, email: 'user@example.com' }, NOW),
    ).toMatchObject({
      kind: 'signed_in',
      session: { token: 'token-1', user: { emailVerified: true } },
    });
  });

  it('turns a 401 into an ended session, and ignores one when nobody is signed in', () => {
    expect(afterUnauthorized(signedIn('token-1', user, NOW, ORIGIN), NOW)).toMatchObject({
      kind: 'signed_out',
      flow: { reason: 'expired', email: 'user@example.com' },
    });
    expect(afterUnauthorized(SIGNED_OUT, NOW)).toBe(SIGNED_OUT);
  });

  it('restores a token over any leftover flow, and drops an expired challenge', () => {
    const session = { token: 't', origin: ORIGIN, user: storedUser(user), signedInAt: NOW };
    expect(restoredState(session, { step: 'ended', email: null, reason: 'expired', at: NOW }, NOW).kind).toBe(
      'signed_in',
    );
    const flow = {
      step: 'two_factor' as const,
      email: 'user@example.com',
      challengeToken: 'c',
      expiresAt: NOW,
      fingerprint: null,
    };
    expect(restoredState(null, flow, NOW - 1).kind).toBe('two_factor');
    expect(restoredState(null, flow, NOW).kind).toBe('signed_out');
  });

  it('shows pages no token and no challenge token', () => {
    const view = sessionView(signedIn('secret-token', user, NOW, ORIGIN), true);
    expect(JSON.stringify(view)).not.toContain('secret-token');
    const challenge = afterLogin(
      'user@example.com',
      loginResponseSchema.parse({
        status: 'two_factor_required',
        loginChallengeToken: 'secret-challenge',
        loginChallengeExpiresAt: '2026-05-03T10:40:00.000Z',
      }),
      { now: NOW, fingerprint: null, origin: ORIGIN },
    );
    expect(JSON.stringify(sessionView(challenge, false))).not.toContain('secret-challenge');
  });
});
