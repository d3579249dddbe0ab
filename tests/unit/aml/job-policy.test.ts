import { describe, expect, it } from 'vitest';
import { ServiceError } from '@/lib/http';
import { handleFailure, MAX_RETRY_AFTER_MS } from '@/lib/aml/job-policy';

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
