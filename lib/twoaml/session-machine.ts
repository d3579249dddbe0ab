/**
 * The 2aml sign-in state machine, pure: each function takes the current state and what the server
 * answered and returns the next state. The session module stores the result and talks to 2aml.
 *
 * signed_out ──login──▶ signed_in | two_factor (challenge until its expiry) | verify_email
 * two_factor ──code / recovery code──▶ signed_in;  ──expiry──▶ signed_out (challenge_expired)
 * verify_email ──confirm──▶ verify_email (confirmed: sign in again with the password)
 * signed_in ──401 anywhere──▶ signed_out (expired);  ──confirm with sessionsRevoked──▶ signed_out (revoked)
 */
import type { LoginResponse, TwoAmlUser } from './account-schemas';
import type { SessionEndReason } from '../aml/views';
import type { SignInFlow, StoredSession, StoredUser } from './session-schemas';

export type SessionState =
  | { kind: 'signed_out'; flow: Extract<SignInFlow, { step: 'ended' }> | null }
  | { kind: 'two_factor'; flow: Extract<SignInFlow, { step: 'two_factor' }> }
  | { kind: 'verify_email'; flow: Extract<SignInFlow, { step: 'verify_email' }> }
  | { kind: 'signed_in'; session: StoredSession };

export const SIGNED_OUT: SessionState = { kind: 'signed_out', flow: null };

/** The stored user from 2aml's user object (only what the UI shows). */
export function storedUser(user: TwoAmlUser): StoredUser {
  return {
    id: user.id,
    email: user.email,
    emailVerified: Boolean(user.emailVerifiedAt),
    twoFactorEnabled: user.twoFactorEnabled,
    referralCode: user.referralCode ?? null,
    displayName: user.displayName ?? null,
  };
}

/** The state read back from storage: a token wins over any flow; an expired challenge is gone. */
export function restoredState(
  session: StoredSession | null,
  flow: SignInFlow | null,
  now: number,
): SessionState {
  if (session) return { kind: 'signed_in', session };
  if (!flow) return SIGNED_OUT;
  if (flow.step === 'two_factor') return challengeChecked({ kind: 'two_factor', flow }, now);
  if (flow.step === 'verify_email') return { kind: 'verify_email', flow };
  return { kind: 'signed_out', flow };
}

/** The state after `POST /auth/login` answered (every branch of `status`). */
export function afterLogin(
  email: string,
  answer: LoginResponse,
  context: { now: number; fingerprint: string | null; origin: string },
): SessionState {
  switch (answer.status) {
    case 'authenticated':
      return signedIn(answer.accessToken, answer.user, context.now, context.origin);
    case 'two_factor_required':
      return challengeChecked(
        {
          kind: 'two_factor',
          flow: {
            step: 'two_factor',
            email,
            challengeToken: answer.loginChallengeToken,
            expiresAt: Date.parse(answer.loginChallengeExpiresAt),
            fingerprint: context.fingerprint,
          },
        },
        context.now,
      );
    case 'email_verification_required':
      return {
        kind: 'verify_email',
        flow: {
          step: 'verify_email',
          email,
          verificationEmailSent: answer.verificationEmailSent,
          confirmed: false,
        },
      };
  }
}

/** A session from an access token (login, 2FA or register), bound to the origin that issued it. */
export function signedIn(token: string, user: TwoAmlUser, now: number, origin: string): SessionState {
  return { kind: 'signed_in', session: { token, origin, user: storedUser(user), signedInAt: now } };
}

/** The 2aml address now in force is not the one that issued the token: the session is over. */
export function afterAddressChanged(state: SessionState, now: number): SessionState {
  return state.kind === 'signed_in' ? ended(state.session.user.email, 'address_changed', now) : state;
}

/** A two-factor challenge past its expiry ends the sign-in: the user starts again with the password. */
export function challengeChecked(state: SessionState, now: number): SessionState {
  if (state.kind !== 'two_factor' || state.flow.expiresAt > now) return state;
  return ended(state.flow.email, 'challenge_expired', now);
}

/** After a verification e-mail was confirmed. */
export function afterEmailConfirmed(
  state: SessionState,
  answer: { sessionsRevoked: boolean; email?: string },
  now: number,
): SessionState {
  if (state.kind === 'signed_in') {
    if (answer.sessionsRevoked) return ended(state.session.user.email, 'revoked', now);
    const sameAccount =
      !answer.email || answer.email.toLowerCase() === state.session.user.email.toLowerCase();
    return sameAccount
      ? {
          kind: 'signed_in',
          session: { ...state.session, user: { ...state.session.user, emailVerified: true } },
        }
      : state;
  }
  const email = state.kind === 'signed_out' ? (answer.email ?? state.flow?.email ?? '') : emailOf(state);
  return {
    kind: 'verify_email',
    flow: {
      step: 'verify_email',
      email: answer.email ?? email,
      verificationEmailSent: true,
      confirmed: true,
    },
  };
}

/** A 401 on any protected call: the session is over for both namespaces. */
export function afterUnauthorized(state: SessionState, now: number): SessionState {
  return state.kind === 'signed_in' ? ended(state.session.user.email, 'expired', now) : state;
}

/** The user asked to verify an e-mail (from a form, without a login answer). */
export function verifying(email: string, sent: boolean): SessionState {
  return {
    kind: 'verify_email',
    flow: { step: 'verify_email', email, verificationEmailSent: sent, confirmed: false },
  };
}

/** Signed out on purpose: no notice. */
export function signedOut(): SessionState {
  return SIGNED_OUT;
}

function ended(email: string | null, reason: SessionEndReason, now: number): SessionState {
  return { kind: 'signed_out', flow: { step: 'ended', email, reason, at: now } };
}

function emailOf(state: SessionState): string {
  switch (state.kind) {
    case 'signed_in':
      return state.session.user.email;
    case 'signed_out':
      return state.flow?.email ?? '';
    default:
      return state.flow.email;
  }
}
