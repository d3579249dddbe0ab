import { describe, expect, it } from 'vitest';
import { ServiceError } from '@/lib/http';
import {
  GIVE_UP_AFTER_MS,
  handleFailure,
  LONG_RECONCILE_MS,
  MAX_RETRY_AFTER_MS,
  outcomeUnknownPatch,
  retryLaterPatch,
} from '@/lib/aml/job-policy';

const busy = (retryAfterMs?: number) =>
  new ServiceError({
    service: '2aml',
    status: 429,
    code: 'rate_limited',
    message: 'slow down',
    retryAfterMs,
  });

describe('a paid job facing a busy service', () => {
  it('waits as long as Retry-After asks, within the cap', () => {
    expect(handleFailure(busy(30_000), 1)).toEqual({ kind: 'retry', afterMs: 30_000 });
    expect(handleFailure(busy(86_400_000), 1)).toEqual({ kind: 'retry', afterMs: MAX_RETRY_AFTER_MS });
  });

  it('backs off on its own when the service gives no Retry-After', () => {
    expect(handleFailure(busy(), 1)).toEqual({ kind: 'retry', afterMs: 4_000 });
  });

  it('stops on a refusal and asks for a sign-in on an expired session', () => {
    const refused = new ServiceError({ service: '2aml', status: 400, code: 'bad_request', message: 'no' });
    expect(handleFailure(refused, 1)).toEqual({ kind: 'stop', code: 'bad_request' });
    const expired = new ServiceError({ service: '2aml', status: 401, code: 'unauthorized', message: 'gone' });
    expect(handleFailure(expired, 1)).toEqual({ kind: 'sign_in' });
  });
});

describe('a paid job whose request may have been taken', () => {
  const now = 5_000_000;

  it('keeps the first failure time and counts the attempt', () => {
    const patch = outcomeUnknownPatch({ attempts: 2, data: { failingSince: null } }, now, 4_000, 'unknown');
    expect(patch).toEqual({
      state: 'unknown',
      attempts: 3,
      nextRunAt: now + 4_000,
      data: { failingSince: now },
      error: { code: 'outcome_unknown', message: 'unknown' },
    });
  });

  it('asks less often past the first hour, and never gives up', () => {
    const since = now - GIVE_UP_AFTER_MS - 1;
    const patch = outcomeUnknownPatch({ attempts: 40, data: { failingSince: since } }, now, 4_000, 'unknown');
    expect(patch.state).toBe('unknown');
    expect(patch.nextRunAt).toBe(now + LONG_RECONCILE_MS);
    expect(patch.data.failingSince).toBe(since);
  });

  it('sends the same request again later without changing its state', () => {
    const patch = retryLaterPatch({ attempts: 0, data: { failingSince: 123 } }, now, 9_000, 'busy');
    expect(patch).toEqual({
      attempts: 1,
      nextRunAt: now + 9_000,
      data: { failingSince: 123 },
      error: { code: 'retrying', message: 'busy' },
    });
    expect('state' in patch).toBe(false);
  });
});
