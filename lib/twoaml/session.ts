/**
 * The one 2aml session of the extension (DESIGN.md, "Sessions (2aml)"): one account and one bearer
 * token for both namespaces. It drives the sign-in state machine against 2aml, keeps the token in
 * memory (`storage.session`) unless the user chose "keep me signed in" (`storage.local`), and hands
 * the API clients their credentials: `getToken`, `getFingerprint` (only when the user opted in) and
 * `onUnauthorized` (a 401 anywhere ends the session at once, in memory first, then in storage).
 *
 * The password passes through `signIn`/`register` as an argument and is never kept anywhere.
 */
import type { SessionStore } from '../sealed';
import type { AmlApi } from '@/lib/aml/api';
import type { ValidatedItem } from '../storage';
import type { AmlSessionView } from '../aml/views';
import {
  afterAddressChanged,
  afterEmailConfirmed,
  afterLogin,
  afterUnauthorized,
  challengeChecked,
  restoredState,
  SIGNED_OUT,
  signedIn,
  signedOut,
  storedUser,
  verifying,
  type SessionState,
} from './session-machine';
import type { SignInFlow, StoredSession } from './session-schemas';
import { createSerialQueue } from '../queue';

/**
 * The account endpoints the session calls (the Wallet AML Check namespace's, same account model) and
 * the origin they are sent to (which a token they return is bound to).
 */
export type TwoAmlAccountApi = Pick<
  AmlApi,
  | 'login'
  | 'completeTwoFactor'
  | 'register'
  | 'requestEmailVerification'
  | 'confirmEmailVerification'
  | 'profile'
  | 'origin'
>;

export interface SessionItems {
  /** `session:` — the token while it lives in memory only. */
  memory: SessionStore<StoredSession | null>;
  /** `local:`, sealed (lib/sealed.ts) — the session when the user keeps it across browser restarts. */
  kept: SessionStore<StoredSession | null>;
  /** `session:` — a pending two-factor challenge, an e-mail to verify, or why the last session ended. */
  flow: ValidatedItem<SignInFlow | null>;
  /** `local:` — the per-install fingerprint, created the first time the user opts in. */
  fingerprint: ValidatedItem<string | null>;
}

export interface Privacy {
  keepSignedIn: boolean;
  sendFingerprint: boolean;
}

export interface TwoAmlSessionDeps {
  items: SessionItems;
  /** The account endpoints, from a client built with this session's `credentials`. */
  account: () => Promise<TwoAmlAccountApi>;
  privacy: () => Promise<Privacy>;
  /** The origin of the 2aml address in force now; a session issued elsewhere ends when it differs. */
  serviceOrigin: () => Promise<string>;
  /** Stores the user's "keep me signed in" choice made on the sign-in form. */
  setKeepSignedIn?: (keep: boolean) => Promise<void>;
  now?: () => number;
  newFingerprint?: () => string;
  /** A session started (sign-in, 2FA, register): e.g. resume jobs that waited for it. */
  onSignedIn?: (session: StoredSession) => void;
  /** The session ended (401, revoked, signed out). */
  onEnded?: () => void;
}

/** A sign-in step asked for in the wrong state; `code` is stable for callers. */
export class SessionError extends Error {
  constructor(readonly code: 'no_challenge' | 'challenge_expired' | 'not_signed_in') {
    super(code);
    this.name = 'SessionError';
  }
}

/** A random `fp_…` attribution id (not derived from anything about the device). */
export function randomFingerprint(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `fp_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Creates the session; call `ready()` before reading its state after a worker start. */
export function createTwoAmlSession(deps: TwoAmlSessionDeps) {
  const now = deps.now ?? Date.now;
  const { items } = deps;
  let state: SessionState | undefined;
  let loading: Promise<void> | undefined;
  let fingerprint: string | null = null;
  let sendFingerprint = false;
  /** While a 2FA call runs: the fingerprint its login sent (null: none), whatever the setting says now. */
  let pinnedFingerprint: string | null | undefined;

  /** Storage writes run in order, so a quick sign-out after a sign-in cannot be overtaken. */
  const serialized = createSerialQueue();

  async function load(): Promise<void> {
    const [memory, kept, flow, privacy, storedFingerprint] = await Promise.all([
      items.memory.get(),
      items.kept.get(),
      items.flow.get(),
      deps.privacy(),
      items.fingerprint.get(),
    ]);
    // Both areas set only if a worker died between writing one and clearing the other: newest wins.
    const session =
      memory && kept ? (memory.signedInAt >= kept.signedInAt ? memory : kept) : (memory ?? kept);
    // Another call may already have moved the state on while storage was read: it wins.
    state ??= restoredState(session, flow, now());
    sendFingerprint = privacy.sendFingerprint;
    fingerprint = storedFingerprint;
  }

  async function ready(): Promise<SessionState> {
    if (!state) {
      loading ??= load().finally(() => (loading = undefined));
      await loading;
    }
    const checked = challengeChecked(state!, now());
    if (checked !== state) await commit(checked);
    if (state!.kind === 'signed_in') {
      const origin = await deps.serviceOrigin();
      // The address was changed (options, or anything that wrote the settings): never follow it.
      if (state!.kind === 'signed_in' && state!.session.origin !== origin)
        await commit(afterAddressChanged(state!, now()));
    }
    return state!;
  }

  /** Makes `next` the state: in memory at once, then in storage (the token in exactly one area). */
  async function commit(next: SessionState): Promise<void> {
    const before = state;
    state = next;
    const wasSignedIn = before?.kind === 'signed_in';
    if (next.kind === 'signed_in' && (!wasSignedIn || before.session.token !== next.session.token)) {
      deps.onSignedIn?.(next.session);
    }
    if (wasSignedIn && next.kind !== 'signed_in') deps.onEnded?.();
    await serialized(async () => {
      if (next.kind === 'signed_in') {
        const keep = (await deps.privacy()).keepSignedIn;
        // Write the new home of the token first, then clear the other: never a moment without one.
        await (keep ? items.kept : items.memory).set(next.session);
        await (keep ? items.memory : items.kept).set(null);
        await items.flow.set(null);
        return;
      }
      // Tokens first: whatever happens next, no stale token survives an ended session.
      await items.memory.set(null);
      await items.kept.set(null);
      await items.flow.set(next.flow);
    });
  }

  async function ensureFingerprint(): Promise<string | null> {
    const privacy = await deps.privacy();
    sendFingerprint = privacy.sendFingerprint;
    if (!sendFingerprint) return null;
    if (!fingerprint) {
      fingerprint = (deps.newFingerprint ?? randomFingerprint)();
      await items.fingerprint.set(fingerprint);
    }
    return fingerprint;
  }

  const credentials = {
    /** The token, only for the origin that issued it. */
    getToken: (origin: string): string | undefined =>
      state?.kind === 'signed_in' && state.session.origin === origin ? state.session.token : undefined,
    getFingerprint: (): string | undefined => {
      if (pinnedFingerprint !== undefined) return pinnedFingerprint ?? undefined;
      return sendFingerprint && fingerprint ? fingerprint : undefined;
    },
    onUnauthorized: (): void => {
      if (state?.kind !== 'signed_in') return;
      void commit(afterUnauthorized(state, now()));
    },
  };

  return {
    ready,
    /** Stable providers for the 2aml client (compared by identity by the clients cache). */
    credentials,

    /** `POST /auth/login` and whichever branch it answers. */
    async signIn(input: { email: string; password: string; keepSignedIn?: boolean }): Promise<SessionState> {
      await ready();
      if (input.keepSignedIn !== undefined) await deps.setKeepSignedIn?.(input.keepSignedIn);
      const sent = await ensureFingerprint();
      const account = await deps.account();
      const answer = await account.login({ email: input.email, password: input.password });
      await commit(
        afterLogin(input.email.trim(), answer, { now: now(), fingerprint: sent, origin: account.origin }),
      );
      return state!;
    },

    /** `POST /auth/login/2fa` with an authenticator code or a one-time recovery code. */
    async completeTwoFactor(code: string): Promise<SessionState> {
      const current = await ready();
      if (current.kind !== 'two_factor') {
        throw new SessionError(
          current.kind === 'signed_out' && current.flow?.reason === 'challenge_expired'
            ? 'challenge_expired'
            : 'no_challenge',
        );
      }
      const account = await deps.account();
      pinnedFingerprint = current.flow.fingerprint;
      try {
        const answer = await account.completeTwoFactor({ challengeToken: current.flow.challengeToken, code });
        await commit(signedIn(answer.accessToken, answer.user, now(), account.origin));
      } finally {
        pinnedFingerprint = undefined;
      }
      return state!;
    },

    /** `POST /auth/register`: the account and its first session (verification e-mail on its way). */
    async register(input: {
      email: string;
      password: string;
      referralCode?: string;
      keepSignedIn?: boolean;
    }): Promise<SessionState> {
      await ready();
      if (input.keepSignedIn !== undefined) await deps.setKeepSignedIn?.(input.keepSignedIn);
      await ensureFingerprint();
      const account = await deps.account();
      const answer = await account.register({
        email: input.email,
        password: input.password,
        referralCode: input.referralCode,
      });
      await commit(signedIn(answer.accessToken, answer.user, now(), account.origin));
      return state!;
    },

    /** `POST /auth/verify-email/request` for `email` (or the address of the pending sign-in). */
    async requestVerification(email?: string): Promise<SessionState> {
      const current = await ready();
      const target = email?.trim() || emailOfState(current);
      if (!target) throw new SessionError('no_challenge');
      const answer = await (await deps.account()).requestEmailVerification({ email: target });
      if (current.kind !== 'signed_in') await commit(verifying(target, answer.success));
      return state!;
    },

    /** `POST /auth/verify-email/confirm`; a revoked session means signing in again. */
    async confirmVerification(token: string): Promise<SessionState> {
      const current = await ready();
      const answer = await (await deps.account()).confirmEmailVerification({ token });
      await commit(afterEmailConfirmed(current, answer, now()));
      return state!;
    },

    /** `GET /auth/profile`, stored as the session's user. */
    async refreshProfile(): Promise<SessionState> {
      const current = await ready();
      if (current.kind !== 'signed_in') throw new SessionError('not_signed_in');
      const profile = await (await deps.account()).profile();
      // A 401 during the call ended the session: do not bring it back.
      if (state?.kind === 'signed_in' && state.session.token === current.session.token) {
        await commit({ kind: 'signed_in', session: { ...state.session, user: storedUser(profile) } });
      }
      return state!;
    },

    /** Leaves the sign-in flow (a challenge, a verification) without a notice. */
    async cancelSignIn(): Promise<SessionState> {
      const current = await ready();
      if (current.kind !== 'signed_in') await commit(SIGNED_OUT);
      return state!;
    },

    /** Forgets the token everywhere (2aml documents no sign-out call; the token is simply dropped). */
    async signOut(): Promise<void> {
      await ready();
      await commit(signedOut());
    },

    /** Moves the token to the area the "keep me signed in" setting asks for. */
    async applyPrivacy(privacy: Privacy): Promise<void> {
      sendFingerprint = privacy.sendFingerprint;
      const current = await ready();
      if (privacy.sendFingerprint) await ensureFingerprint();
      if (current.kind !== 'signed_in') return;
      await serialized(async () => {
        // Re-read: the session may have ended while this waited its turn.
        if (state?.kind !== 'signed_in') return;
        const session = state.session;
        await (privacy.keepSignedIn ? items.kept : items.memory).set(session);
        await (privacy.keepSignedIn ? items.memory : items.kept).set(null);
      });
    },

    /** The session as pages may see it (no token, no challenge token). */
    async view(): Promise<AmlSessionView> {
      const current = await ready();
      return sessionView(current, (await deps.privacy()).keepSignedIn);
    },
  };
}

export type TwoAmlSession = ReturnType<typeof createTwoAmlSession>;

/** The page view of a session state. */
export function sessionView(state: SessionState, keepSignedIn: boolean): AmlSessionView {
  switch (state.kind) {
    case 'signed_in':
      return {
        status: 'signed_in',
        user: state.session.user,
        keepSignedIn,
        signedInAt: state.session.signedInAt,
      };
    case 'two_factor':
      return { status: 'two_factor_required', email: state.flow.email, expiresAt: state.flow.expiresAt };
    case 'verify_email':
      return {
        status: 'email_verification_required',
        email: state.flow.email,
        verificationEmailSent: state.flow.verificationEmailSent,
        confirmed: state.flow.confirmed,
      };
    case 'signed_out':
      return { status: 'signed_out', ended: state.flow?.reason ?? null, email: state.flow?.email ?? null };
  }
}

function emailOfState(state: SessionState): string | null {
  switch (state.kind) {
    case 'signed_in':
      return state.session.user.email;
    case 'signed_out':
      return state.flow?.email ?? null;
    default:
      return state.flow.email;
  }
}
