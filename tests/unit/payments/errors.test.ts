/**
 * Every documented gateway error code, as a merchant reads it, and each place the contract is
 * ambiguous read in every documented way: the status path written two ways, the answer to a missing
 * or wrong key, and the body of `GET /api/payments`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createGatewayApi } from '@/lib/payments/gateway-api';
import { gatewayProblem } from '@/lib/payments/errors';
import { serveShippedMessages } from '../shipped-messages';
import { noSleep, scriptedFetch, seed, type Script, type ScriptedReply } from '../api/scripted-fetch';

const BASE = 'https://pay.merchant.example';
const KEY = 'pk_live_merchant_key';

function clientWith(script: Script | ScriptedReply[]) {
  const { fetch, requests } = scriptedFetch(script);
  return { api: createGatewayApi({ baseUrl: BASE, apiKey: KEY, fetch, sleep: noSleep }), requests };
}

/** The problem a call that failed with `reply` (every time) shows. */
async function problemOf(
  call: (api: ReturnType<typeof createGatewayApi>) => Promise<unknown>,
  reply: ScriptedReply,
) {
  const { api } = clientWith(() => reply);
  try {
    await call(api);
  } catch (error) {
    return gatewayProblem(error);
  }
  throw new Error('the call did not fail');
}

beforeAll(serveShippedMessages);

const partnerInfo = (api: ReturnType<typeof createGatewayApi>) => api.partnerInfo();

describe('documented error codes', () => {
  it.each([
    ['PAYMENT_NOT_FOUND', 404, 'has no payment with this transaction id', 'never'],
    ['PARTNER_ERROR', 400, 'problem with your merchant account', 'never'],
    ['WALLET_ERROR', 400, 'problem with this receiving wallet', 'never'],
    ['INSUFFICIENT_WALLETS', 400, 'No receiving wallet is free', 'never'],
    ['PAYMENT_NOT_COMPLETED', 400, 'Only a completed payment', 'later'],
    ['WALLET_LIMIT_EXCEEDED', 400, 'at most 15 receiving wallets', 'never'],
    ['WALLET_EXISTS', 400, 'already one of your receiving wallets', 'never'],
  ])('%s (HTTP %i) reads as its own sentence', async (code, status, words, retry) => {
    const problem = await problemOf(partnerInfo, {
      status,
      body: { error: code, message: 'from the server' },
    });
    expect(problem).toMatchObject({ code, retry });
    expect(problem.message).toContain(words);
  });

  it('API_LIMIT_EXCEEDED (503) says when to try again, from Retry-After', async () => {
    const problem = await problemOf(partnerInfo, {
      status: 503,
      headers: { 'retry-after': '42' },
      body: { error: 'API_LIMIT_EXCEEDED', message: 'API rate limit exceeded' },
    });
    expect(problem).toMatchObject({ code: 'API_LIMIT_EXCEEDED', retry: 'later' });
    expect(problem.message).toContain('42 s');
  });

  it('the documented wallet errors of POST /api/partner/wallets, from the contract examples', async () => {
    const address = 'TNYmcW4cAyczQzj5QXHBa4FwxMPRw4DgiD';
    const limit = await problemOf((api) => api.addWallet(address), {
      status: 400,
      body: seed('gateway-error-wallet-limit'),
    });
    expect(limit.code).toBe('WALLET_LIMIT_EXCEEDED');
    const exists = await problemOf((api) => api.addWallet(address), {
      status: 400,
      body: seed('gateway-error-wallet-exists'),
    });
    expect(exists.code).toBe('WALLET_EXISTS');
  });

  it('VALIDATION_ERROR (422) puts each detail under the field it names', async () => {
    const problem = await problemOf(
      (api) => api.createPayment({ transactionId: 'order_1', asset: 'USDT', amountUsdCents: 100n }),
      {
        status: 422,
        body: {
          error: 'VALIDATION_ERROR',
          message: 'The given data was invalid.',
          details: {
            transaction_id: ['The transaction id has already been taken.'],
            amount_usd: 'The amount usd must be at least 0.01.',
            postback_url: ['The postback url format is invalid.', 'Too long.'],
            asset: ['The selected asset is invalid.'],
          },
        },
      },
    );
    expect(problem.code).toBe('VALIDATION_ERROR');
    expect(problem.fields).toEqual({
      transactionId: 'The transaction id has already been taken.',
      amountUsd: 'The amount usd must be at least 0.01.',
      postbackUrl: 'The postback url format is invalid. Too long.',
      asset: 'The selected asset is invalid.',
    });
    expect(problem.message).toBe('The payment gateway did not accept these details.');
  });

  it('VALIDATION_ERROR without field details, or naming a field the form lacks, says it in the message', async () => {
    const bare = await problemOf(partnerInfo, {
      status: 422,
      body: { error: 'VALIDATION_ERROR', message: 'Bad page.' },
    });
    expect(bare.message).toContain('Bad page.');
    const other = await problemOf(partnerInfo, {
      status: 422,
      body: {
        error: 'VALIDATION_ERROR',
        message: 'x',
        details: { limit: ['The limit must be at most 100.'] },
      },
    });
    expect(other.message).toContain('limit: The limit must be at most 100.');
  });

  it('an undocumented code shows the gateway’s own words', async () => {
    const problem = await problemOf(partnerInfo, {
      status: 409,
      body: { error: 'SOMETHING_NEW', message: 'Busy.' },
    });
    expect(problem).toMatchObject({ code: 'SOMETHING_NEW', retry: 'never' });
    expect(problem.message).toBe('The payment gateway said: Busy.');
  });
});

describe('a missing or wrong API key (the contract does not say how it answers)', () => {
  it.each([
    ['401 with no body', { status: 401 }],
    ['403 with no body', { status: 403 }],
    ['401 with a framework message', { status: 401, body: { message: 'Unauthenticated.' } }],
    [
      '401 with an undocumented code',
      { status: 401, body: { error: 'INVALID_API_KEY', message: 'Invalid key' } },
    ],
    ['UNAUTHORIZED in the envelope', { status: 400, body: { error: 'UNAUTHORIZED', message: 'No key' } }],
    [
      'PARTNER_ERROR naming the key',
      {
        status: 400,
        body: { error: 'PARTNER_ERROR', message: 'Invalid API key.', details: { reason: 'invalid_api_key' } },
      },
    ],
    [
      'PARTNER_ERROR for a missing key',
      {
        status: 400,
        body: {
          error: 'PARTNER_ERROR',
          message: 'API key is required',
          details: { reason: 'missing_api_key' },
        },
      },
    ],
  ] as [string, ScriptedReply][])('%s reads as "the key was not accepted"', async (_label, reply) => {
    const problem = await problemOf(partnerInfo, reply);
    expect(problem.code).toBe('key_rejected');
    expect(problem.message).toContain('did not accept the API key');
  });

  it('PARTNER_ERROR for another reason stays an account problem', async () => {
    const problem = await problemOf(partnerInfo, {
      status: 400,
      body: { error: 'PARTNER_ERROR', message: 'Suspended', details: { reason: 'partner_suspended' } },
    });
    expect(problem.code).toBe('PARTNER_ERROR');
  });
});

describe('the status path, written two ways in the contract', () => {
  const status = seed('gateway-payment-status');

  it('uses /api/payment/{id}/status when the gateway answers it', async () => {
    const { api, requests } = clientWith([{ body: status }]);
    await api.paymentStatus('order_12345');
    expect(requests.map((r) => r.url)).toEqual([`${BASE}/api/payment/order_12345/status`]);
  });

  it('falls back to /api/payment/status/{id}, then /payment/status/{id}, and keeps the one that answered', async () => {
    const { api, requests } = clientWith((request) =>
      request.url.startsWith(`${BASE}/payment/status/`)
        ? { body: status }
        : { status: 404, body: '<html>Not Found</html>' },
    );
    await api.paymentStatus('order_12345');
    await api.paymentStatus('order_12345');
    expect(requests.map((r) => r.url.slice(BASE.length))).toEqual([
      '/api/payment/order_12345/status',
      '/api/payment/status/order_12345',
      '/payment/status/order_12345',
      '/payment/status/order_12345',
    ]);
    expect(requests.every((r) => r.headers['x-api-key'] === KEY && !r.url.includes(KEY))).toBe(true);
  });

  it('answers PAYMENT_NOT_FOUND at once when the gateway says so, without trying other paths', async () => {
    const { api, requests } = clientWith([
      { status: 404, body: { error: 'PAYMENT_NOT_FOUND', message: 'nope' } },
    ]);
    await expect(api.paymentStatus('missing')).rejects.toMatchObject({ code: 'PAYMENT_NOT_FOUND' });
    expect(requests).toHaveLength(1);
  });

  it('reads "not found" when no spelling of the path knows the payment', async () => {
    const { api, requests } = clientWith(() => ({ status: 404 }));
    const error = await api.paymentStatus('missing').catch((e: unknown) => e);
    expect(gatewayProblem(error).code).toBe('PAYMENT_NOT_FOUND');
    expect(requests).toHaveLength(3);
  });
});

describe('GET /api/payments, whose body the contract does not show', () => {
  const row = seed<{ data: unknown[] }>('gateway-payments-unprocessed').data[0];

  it.each([
    ['a bare array', [row], {}],
    [
      'rows under payments with paging',
      { payments: [row], page: 2, limit: 10, total: 11, last_page: 2 },
      { page: 2, total: 11, lastPage: 2 },
    ],
    [
      'a Laravel paginator',
      { data: [row], current_page: 3, per_page: 5, total: 12, last_page: 3 },
      { page: 3, limit: 5, total: 12, lastPage: 3 },
    ],
    ['rows under items', { items: [row] }, {}],
  ])('reads %s', async (_label, data, paging) => {
    const { api } = clientWith([{ body: { success: true, data } }]);
    const list = await api.listPayments({ page: 1 });
    expect(list.payments.map((p) => p.transaction_id)).toEqual(['order_12346']);
    expect(list).toMatchObject(paging);
  });

  it('skips a row it cannot read instead of failing the page', async () => {
    const { api } = clientWith([{ body: { success: true, data: [row, { transaction_id: 7 }] } }]);
    expect((await api.listPayments()).payments).toHaveLength(1);
  });
});
