/** Bearer tokens: opaque random strings shared by both namespaces, expiring on the sandbox clock. */
import { randomBytes } from 'node:crypto';
import { nowMs, type TwoAml } from './context';
import { DAY_MS } from './time';
import type { UserRecord } from './state';

/** How long a bearer token lives (the contract is silent; a week is a common web-session length). */
export const SESSION_TTL_MS = 7 * DAY_MS;

/** Random URL-safe token text. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Starts a session for `user` and returns its bearer token. */
export function issueSession(ctx: TwoAml, user: UserRecord): string {
  const token = randomToken();
  ctx.state.sessions.set(token, {
    token,
    userId: user.id,
    expiresAt: nowMs(ctx) + SESSION_TTL_MS,
    revoked: false,
  });
  return token;
}

/** The user behind a live token, or null for an unknown, revoked or expired one. */
export function userForToken(ctx: TwoAml, token: string): UserRecord | null {
  const session = ctx.state.sessions.get(token);
  if (!session || session.revoked || session.expiresAt <= nowMs(ctx)) return null;
  return ctx.state.users.get(session.userId) ?? null;
}

/** Revokes every live token of `user`; returns how many were live. */
export function revokeSessions(ctx: TwoAml, user: UserRecord): number {
  let revoked = 0;
  for (const session of ctx.state.sessions.values()) {
    if (session.userId !== user.id || session.revoked) continue;
    session.revoked = true;
    revoked += 1;
  }
  return revoked;
}
