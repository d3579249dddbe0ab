/**
 * Every error row of seeds/000 ("Error Responses"), sent by a scripted 2aml to the endpoint it belongs
 * to, reads as a clear message: the documented meaning where the endpoint and status give one, and
 * 2aml's own words where the docs give that status several meanings (400 on `POST /orders`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '@/lib/http';
import { describeServiceError } from '@/lib/api/errors';
import { createTwoAmlApi } from '@/lib/twoaml/api';
import { noSleep, scriptedFetch } from '../api/scripted-fetch';
import { serveShippedMessages } from '../shipped-messages';

beforeAll(serveShippedMessages);

const BASE = 'https://back.2aml.com';
const RECEIVER = 'TGzz8gjYiYRqpfmDwnLxfgPuLVNmpCswVp';

type EnergyApi = ReturnType<typeof createTwoAmlApi>['energy'];

/** One documented row: status, example message, the call that can answer it, what the person reads. */
const ROWS: [number, string, string, (api: EnergyApi) => Promise<unknown>, string, string][] = [
  [
    400,
    'Order request is invalid.',
    '/external/tron-energy/orders',
    (api) => api.createOrder({ orderId: 'o-1', receiver: RECEIVER, energy: 65_000, idempotencyKey: 'k-1' }),
    'bad_request',
    'Order request is invalid.',
  ],
  [
    400,
    'Insufficient wallet balance for this order.',
    '/external/tron-energy/orders',
    (api) => api.createOrder({ orderId: 'o-2', receiver: RECEIVER, energy: 65_000, idempotencyKey: 'k-2' }),
    'bad_request',
    'Insufficient wallet balance for this order.',
  ],
  [
    400,
    'Two-factor login challenge is invalid or expired.',
    '/external/tron-energy/auth/login/2fa',
    (api) => api.completeTwoFactor({ challengeToken: 'c', code: '123456' }),
    'invalid_2fa',
    'That sign-in code is wrong or has expired. Sign in again if it keeps failing.',
  ],
  [
    400,
    'Email verification token is invalid or expired.',
    '/external/tron-energy/auth/verify-email/confirm',
    (api) => api.confirmEmailVerification({ token: 't' }),
    'invalid_email_token',
    'This verification link is invalid or has expired. Ask for a new one.',
  ],
  [
    401,
    'Authentication is required.',
    '/external/tron-energy/wallet/summary',
    (api) => api.wallet.summary(),
    'unauthorized',
    'Your 2aml session has ended. Sign in again.',
  ],
  [
    401,
    'Email or password is incorrect.',
    '/external/tron-energy/auth/login',
    (api) => api.login({ email: 'a@b.co', password: 'secret123' }),
    'invalid_credentials',
    'The e-mail or password is incorrect.',
  ],
  [
    404,
    'Order not found.',
    '/external/tron-energy/orders/ITRX-ORDER-0001',
    (api) => api.getOrder('ITRX-ORDER-0001'),
    'not_found',
    '2aml has no record of this for your account.',
  ],
  [
    409,
    'An order with this idempotency key is already being processed.',
    '/external/tron-energy/orders',
    (api) => api.createOrder({ orderId: 'o-3', receiver: RECEIVER, energy: 65_000, idempotencyKey: 'k-3' }),
    'idempotency_in_progress',
    'This request is still being processed. Check again in a moment.',
  ],
  [
    429,
    'Too many requests. Please try again shortly.',
    '/external/tron-energy/orders',
    (api) => api.listOrders({ page: 1, limit: 20 }),
    'rate_limited',
    'Too many requests to 2aml. Wait a moment and try again.',
  ],
  [
    503,
    'TRON energy service is temporarily unavailable.',
    '/external/tron-energy/quote',
    (api) => api.quote({ receiver: RECEIVER, energy: 65_000, period: '1D' }),
    'unavailable',
    '2aml is temporarily unavailable. Try again in a few minutes.',
  ],
];

describe('seeds/000 errors', () => {
  it.each(ROWS)('%i "%s" at %s reads clearly', async (status, message, path, call, code, shown) => {
    const scripted = scriptedFetch([
      {
        status,
        body: { statusCode: status, timestamp: '2026-04-15T12:00:00.000Z', path, error: { message } },
      },
    ]);
    const api = createTwoAmlApi({
      baseUrl: BASE,
      getToken: () => 'token',
      fetch: scripted.fetch,
      sleep: noSleep,
      maxAttempts: 1,
    }).energy;

    const thrown = await call(api).then(
      () => null,
      (error: unknown) => error,
    );

    expect(thrown).toBeInstanceOf(ServiceError);
    const problem = describeServiceError(thrown);
    expect(problem.code).toBe(code);
    expect(problem.message).toBe(shown);
    // The request went to the endpoint the row documents.
    expect(new URL(scripted.requests[0]!.url).pathname).toBe(path);
  });
});
