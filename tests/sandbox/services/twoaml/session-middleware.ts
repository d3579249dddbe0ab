/** The bearer-token guard of protected routes: 401 for a missing, unknown, revoked or expired token, then the rate limit. */
import type { MiddlewareHandler } from 'hono';
import type { TwoAml, TwoAmlEnv } from './context';
import { MESSAGES, TwoAmlError } from './errors';
import { countRequest } from './rate-limit';
import { userForToken } from './sessions';

/** Middleware that resolves `Authorization: Bearer <token>` into `c.get('user')`. */
export function createSessionGuard(ctx: TwoAml): MiddlewareHandler<TwoAmlEnv> {
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const token = match?.[1];
    const user = token ? userForToken(ctx, token) : null;
    if (!token || !user) throw new TwoAmlError(401, MESSAGES.authRequired);
    countRequest(ctx, token);
    c.set('user', user);
    c.set('sessionToken', token);
    await next();
  };
}
