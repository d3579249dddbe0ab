/** Per-token sliding-window rate limit on the sandbox clock (default 60 requests per 10 s, both namespaces together). */
import { nowMs, type TwoAml } from './context';
import { MESSAGES, TwoAmlError } from './errors';

/** Counts one request for `token`; throws the documented 429 with `Retry-After` once the window is full. */
export function countRequest(ctx: TwoAml, token: string): void {
  const { limit, windowMs } = ctx.state.controls.rateLimit;
  const now = nowMs(ctx);
  const recent = (ctx.state.rateWindows.get(token) ?? []).filter((at) => at > now - windowMs);
  if (recent.length >= limit) {
    ctx.state.rateWindows.set(token, recent);
    const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000));
    throw new TwoAmlError(429, MESSAGES.rateLimited, { 'Retry-After': String(retryAfterSeconds) });
  }
  recent.push(now);
  ctx.state.rateWindows.set(token, recent);
}
