/** `/auth/*` of both namespaces: register, the three-branch login, 2FA completion, e-mail verification, profile. */
import { Hono } from 'hono';
import { z } from 'zod';
import {
  createUser,
  findUserByEmail,
  findUserByReferralCode,
  passwordMatches,
  profileView,
  recordFingerprint,
  sendVerificationEmail,
} from './accounts';
import { nowMs, type TwoAml, type TwoAmlEnv } from './context';
import { MESSAGES, TwoAmlError } from './errors';
import { fingerprintHeader, readJsonBody } from './request';
import { issueSession, randomToken } from './sessions';
import { MINUTE_MS, iso } from './time';
import { isValidTotp } from './totp';
import type { UserRecord } from './state';
import type { MiddlewareHandler } from 'hono';

/** A two-factor challenge lasts 10 minutes, as in the documented example (10:30 login, 10:40 expiry). */
export const LOGIN_CHALLENGE_TTL_MS = 10 * MINUTE_MS;
/** Wrong codes a challenge tolerates before it is burned (the contract is silent; 5 is customary). */
const MAX_CHALLENGE_FAILURES = 5;

const registerBody = z.object({
  email: z.string().trim().max(254).pipe(z.email()),
  password: z.string().max(1024),
  referralCode: z.string().max(64).nullish(),
});
const loginBody = z.object({ email: z.string().max(254), password: z.string().max(1024) });
const twoFactorBody = z.object({
  challengeToken: z.string().min(1).max(256),
  code: z.string().min(1).max(64),
});
const verifyRequestBody = z.object({ email: z.string().trim().max(254).pipe(z.email()) });
const verifyConfirmBody = z.object({ token: z.string().min(1).max(256) });

function authenticated(ctx: TwoAml, user: UserRecord) {
  return {
    status: 'authenticated' as const,
    accessToken: issueSession(ctx, user),
    user: profileView(user),
    message: 'Authenticated successfully.',
  };
}

/** Recovery codes are typed by hand: compare without case, spaces or dashes. */
function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/** Consumes a matching one-time recovery code; true when one matched. */
function useRecoveryCode(user: UserRecord, code: string): boolean {
  const setup = user.twoFactor;
  if (!setup) return false;
  const wanted = normalizeRecoveryCode(code);
  const index = setup.recoveryCodes.findIndex((candidate) => normalizeRecoveryCode(candidate) === wanted);
  if (index < 0) return false;
  setup.recoveryCodes.splice(index, 1);
  return true;
}

/** The auth routes, identical in both namespaces; `requireSession` guards the profile. */
export function createAuthRoutes(ctx: TwoAml, requireSession: MiddlewareHandler<TwoAmlEnv>): Hono<TwoAmlEnv> {
  const routes = new Hono<TwoAmlEnv>();

  routes.post('/register', async (c) => {
    const body = await readJsonBody(c, registerBody, MESSAGES.registrationInvalid);
    if (body.password.length < 6) throw new TwoAmlError(400, MESSAGES.passwordTooShort);
    if (findUserByEmail(ctx, body.email)) throw new TwoAmlError(409, MESSAGES.emailTaken);
    // An unknown referral code is ignored rather than refused: registration should not fail over a typo.
    const referrer = body.referralCode ? findUserByReferralCode(ctx, body.referralCode) : undefined;
    const user = createUser(ctx, {
      email: body.email,
      password: body.password,
      referredByUserId: referrer?.id ?? null,
    });
    recordFingerprint(user, fingerprintHeader(c));
    sendVerificationEmail(ctx, user);
    return c.json(
      {
        accessToken: issueSession(ctx, user),
        user: profileView(user),
        emailVerificationRequired: true,
        verificationEmailSent: true,
        message: 'Account created. Verify your email address to complete sign-in on future sessions.',
      },
      201,
    );
  });

  routes.post('/login', async (c) => {
    const body = await readJsonBody(c, loginBody, MESSAGES.loginInvalid);
    const user = findUserByEmail(ctx, body.email);
    if (!user || !passwordMatches(user, body.password)) throw new TwoAmlError(401, MESSAGES.badCredentials);
    const fingerprint = fingerprintHeader(c);
    recordFingerprint(user, fingerprint);
    if (user.emailVerifiedAt === null) {
      sendVerificationEmail(ctx, user);
      return c.json({
        status: 'email_verification_required',
        verificationEmailSent: true,
        message: 'Email verification is required before sign-in can complete.',
      });
    }
    if (user.twoFactor) {
      const token = randomToken(24);
      const expiresAt = nowMs(ctx) + LOGIN_CHALLENGE_TTL_MS;
      ctx.state.challenges.set(token, {
        token,
        userId: user.id,
        expiresAt,
        fingerprint,
        failedAttempts: 0,
        used: false,
      });
      return c.json({
        status: 'two_factor_required',
        loginChallengeToken: token,
        loginChallengeExpiresAt: iso(expiresAt),
        message: 'Two-factor authentication code is required to complete sign-in.',
      });
    }
    return c.json(authenticated(ctx, user));
  });

  routes.post('/login/2fa', async (c) => {
    const body = await readJsonBody(c, twoFactorBody, MESSAGES.challengeInvalid);
    const challenge = ctx.state.challenges.get(body.challengeToken);
    const user = challenge ? ctx.state.users.get(challenge.userId) : undefined;
    if (!challenge || !user?.twoFactor || challenge.used || challenge.expiresAt <= nowMs(ctx)) {
      throw new TwoAmlError(400, MESSAGES.challengeInvalid);
    }
    const fingerprint = fingerprintHeader(c);
    const fingerprintOk = challenge.fingerprint === null || challenge.fingerprint === fingerprint;
    const code = body.code.trim();
    const codeOk =
      fingerprintOk &&
      (isValidTotp(user.twoFactor.secretBase32, code, nowMs(ctx)) || useRecoveryCode(user, code));
    if (!codeOk) {
      challenge.failedAttempts += 1;
      if (challenge.failedAttempts >= MAX_CHALLENGE_FAILURES) challenge.used = true;
      throw new TwoAmlError(400, MESSAGES.challengeInvalid);
    }
    challenge.used = true;
    recordFingerprint(user, fingerprint);
    return c.json(authenticated(ctx, user));
  });

  routes.post('/verify-email/request', async (c) => {
    const body = await readJsonBody(c, verifyRequestBody, MESSAGES.requestInvalid);
    const user = findUserByEmail(ctx, body.email);
    // Same answer whether or not the account exists, so the endpoint cannot be used to probe e-mails.
    if (user && user.emailVerifiedAt === null) sendVerificationEmail(ctx, user);
    return c.json({
      success: true,
      message:
        'If an active account exists and still needs verification, a verification message has been sent.',
    });
  });

  routes.post('/verify-email/confirm', async (c) => {
    const body = await readJsonBody(c, verifyConfirmBody, MESSAGES.verificationTokenInvalid);
    const record = ctx.state.verificationTokens.get(body.token);
    const user = record ? ctx.state.users.get(record.userId) : undefined;
    if (!record || !user || record.used || record.expiresAt <= nowMs(ctx)) {
      throw new TwoAmlError(400, MESSAGES.verificationTokenInvalid);
    }
    record.used = true;
    user.emailVerifiedAt ??= nowMs(ctx);
    return c.json({
      success: true,
      message: 'Email address has been verified successfully.',
      purpose: 'verify_email',
      email: user.email,
      // Verifying the sign-up address changes nothing about existing sessions.
      sessionsRevoked: false,
    });
  });

  routes.get('/profile', requireSession, (c) => c.json(profileView(c.get('user'))));

  return routes;
}
