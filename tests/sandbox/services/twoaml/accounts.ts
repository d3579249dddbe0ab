/** Customer accounts: creation, credentials, verification e-mails and the public profile shape. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { nextId, nowMs, type TwoAml } from './context';
import { randomToken } from './sessions';
import { DAY_MS, isoOrNull } from './time';
import type { UserRecord } from './state';

/** Verification links stay valid for a day (the contract is silent; a day is the common choice). */
export const VERIFICATION_TTL_MS = DAY_MS;

function hashPassword(salt: string, password: string): string {
  return createHash('sha256').update(`${salt}:${password}`).digest('hex');
}

/** A stable referral code per e-mail, shaped like the documented `REF123ABC`. */
function referralCodeFor(email: string): string {
  return `REF${createHash('sha256').update(email).digest('hex').slice(0, 6).toUpperCase()}`;
}

/** Lower-cased, trimmed e-mail: accounts are unique per normalized address. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates an account (unverified, no 2FA, empty wallet) with its own deposit address. */
export function createUser(
  ctx: TwoAml,
  input: { email: string; password: string; referredByUserId: number | null },
): UserRecord {
  const id = nextId(ctx, 'user');
  const email = normalizeEmail(input.email);
  const salt = randomBytes(8).toString('hex');
  const user: UserRecord = {
    id,
    email,
    passwordSalt: salt,
    passwordHash: hashPassword(salt, input.password),
    referralCode: referralCodeFor(email),
    referredByUserId: input.referredByUserId,
    emailVerifiedAt: null,
    twoFactor: null,
    depositAddress: ctx.world.chain.keypair(`2aml-deposit:${id}`).address,
    createdAt: nowMs(ctx),
    fingerprints: [],
    availableSun: 0n,
    reservedSun: 0n,
  };
  ctx.state.users.set(id, user);
  ctx.state.usersByEmail.set(email, id);
  ctx.state.usersByDepositAddress.set(user.depositAddress, id);
  return user;
}

/** The account registered under `email`, if any. */
export function findUserByEmail(ctx: TwoAml, email: string): UserRecord | undefined {
  const id = ctx.state.usersByEmail.get(normalizeEmail(email));
  return id === undefined ? undefined : ctx.state.users.get(id);
}

/** The account owning `referralCode`, if any (codes compare case-insensitively). */
export function findUserByReferralCode(ctx: TwoAml, referralCode: string): UserRecord | undefined {
  const wanted = referralCode.trim().toUpperCase();
  for (const user of ctx.state.users.values()) if (user.referralCode === wanted) return user;
  return undefined;
}

/** Constant-time password check. */
export function passwordMatches(user: UserRecord, password: string): boolean {
  const expected = Buffer.from(user.passwordHash, 'hex');
  const actual = Buffer.from(hashPassword(user.passwordSalt, password), 'hex');
  return timingSafeEqual(expected, actual);
}

/** Records an `x-fingerprint` value seen on the account (kept for attribution, newest last). */
export function recordFingerprint(user: UserRecord, fingerprint: string | null): void {
  if (!fingerprint) return;
  user.fingerprints = [...user.fingerprints.filter((seen) => seen !== fingerprint), fingerprint].slice(-10);
}

/** Issues a verification token and e-mails it to the account (the token is in the message's `data.token`). */
export function sendVerificationEmail(ctx: TwoAml, user: UserRecord): void {
  const token = randomToken(24);
  ctx.state.verificationTokens.set(token, {
    token,
    userId: user.id,
    expiresAt: nowMs(ctx) + VERIFICATION_TTL_MS,
    used: false,
  });
  ctx.world.outbox.send({
    to: user.email,
    subject: 'Verify your 2aml email address',
    text:
      `Confirm your email address to finish setting up your 2aml account.\n\n` +
      `Verification token: ${token}\n\nThe token expires in 24 hours. If you did not sign up, ignore this message.`,
    data: { token, purpose: 'verify_email', service: '2aml' },
  });
}

/** The documented user/profile object. */
export function profileView(user: UserRecord) {
  return {
    id: user.id,
    email: user.email,
    isActive: true,
    role: 'user',
    referralCode: user.referralCode,
    referredByUserId: user.referredByUserId,
    firstName: null,
    lastName: null,
    displayName: null,
    emailVerifiedAt: isoOrNull(user.emailVerifiedAt),
    pendingEmail: null,
    pendingEmailRequestedAt: null,
    twoFactorEnabled: user.twoFactor !== null,
    twoFactorEnabledAt: isoOrNull(user.twoFactor?.enabledAt),
    twoFactorPendingSetup: false,
  };
}
