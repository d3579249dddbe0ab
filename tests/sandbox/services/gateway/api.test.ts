/**
 * The Tron Payment Gateway contract over real HTTP: each documented endpoint with its documented
 * example, the `{success, data}` envelope, and every documented error code with its HTTP status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQuietSandbox, type Sandbox } from '../tronnrg/testing';
import { gatewayCaller, type GatewayAnswer, type SeededGateway } from './testing';

let sandbox: Sandbox;
let seeded: SeededGateway;
let request: ReturnType<typeof gatewayCaller>;

beforeAll(async () => {
  sandbox = await startQuietSandbox();
  seeded = sandbox.world.seeded.gateway as SeededGateway;
  request = gatewayCaller(sandbox);
});

afterAll(async () => {
  await sandbox.close();
});

const MICROSECOND_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

function expectError(answer: GatewayAnswer, status: number, error: string) {
  expect({ status: answer.status, error: answer.body.error }).toEqual({ status, error });
  expect(typeof answer.body.message).toBe('string');
  expect(answer.body.success).toBeUndefined();
}

describe('payments', () => {
  it('POST /api/payment/create answers the documented example with a unique 8-decimal amount', async () => {
    const answer = await request('POST', '/api/payment/create', {
      transaction_id: 'order_12345',
      asset: 'USDT',
      amount_usd: '100.50',
      postback_url: 'https://yoursite.com/callback',
    });
    expect(answer.status).toBe(201);
    expect(answer.body.success).toBe(true);
    const data = answer.body.data as Record<string, string>;
    expect(Object.keys(data).sort()).toEqual(
      [
        'amount_crypto',
        'amount_usd',
        'asset',
        'expires_at',
        'status',
        'transaction_id',
        'wallet_address',
      ].sort(),
    );
    expect(data).toMatchObject({
      transaction_id: 'order_12345',
      asset: 'USDT',
      amount_usd: '100.50',
      status: 'pending',
    });
    expect(seeded.wallets.map((w) => w.address)).toContain(data.wallet_address);
    // Unique within 6 decimals (what the chain carries), written with the documented 8.
    expect(data.amount_crypto).toMatch(/^100\.50\d{4}00$/);
    expect(data.amount_crypto).not.toBe('100.50000000');
    expect(data.expires_at).toMatch(MICROSECOND_TIME);
    const ttl = Date.parse(data.expires_at!) - sandbox.world.clock.now();
    expect(ttl).toBeGreaterThan(29 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000);
  });

  it('gives every pending payment of one amount on one wallet its own amount', async () => {
    const amounts = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const answer = await request('POST', '/api/payment/create', {
        transaction_id: `same-amount-${i}`,
        asset: 'USDT',
        amount_usd: '25.00',
      });
      const data = answer.body.data as Record<string, string>;
      amounts.add(`${data.wallet_address}:${data.amount_crypto}`);
    }
    expect(amounts.size).toBe(6);
  });

  it('prices TRX at the sandbox rate (0.25 USD) and accepts amount_usd as a JSON number', async () => {
    const answer = await request('POST', '/api/payment/create', {
      transaction_id: 'trx-1',
      asset: 'TRX',
      amount_usd: 50,
    });
    expect(answer.status).toBe(201);
    expect((answer.body.data as Record<string, string>).amount_crypto).toMatch(/^200\.00\d{4}00$/);
  });

  it('GET /api/payment/{id}/status answers the documented fields (and the api_key query works)', async () => {
    const answer = await fetch(
      `${sandbox.origin}/gateway/api/payment/order_12345/status?api_key=${encodeURIComponent(seeded.apiKey)}`,
    );
    expect(answer.status).toBe(200);
    const { success, data } = (await answer.json()) as { success: boolean; data: Record<string, unknown> };
    expect(success).toBe(true);
    expect(data).toMatchObject({
      transaction_id: 'order_12345',
      status: 'pending',
      asset: 'USDT',
      amount_usd: '100.50',
      amount_crypto: expect.stringMatching(/^100\.50\d{6}$/),
      wallet_address: expect.any(String),
      created_at: expect.stringMatching(MICROSECOND_TIME),
      expires_at: expect.stringMatching(MICROSECOND_TIME),
    });
    // Nothing has arrived yet, so there is no received amount and no chain transaction.
    expect(data.amount_received).toBeUndefined();
    expect(data.blockchain).toBeUndefined();
  });

  it('GET /api/payments pages and filters by status and asset', async () => {
    const all = await request('GET', '/api/payments');
    expect(all.status).toBe(200);
    const everything = all.body.data as { payments: Record<string, string>[] };
    expect(everything).toMatchObject({ page: 1, limit: 50, total: 8, last_page: 1 });
    expect(everything.payments).toHaveLength(8);
    expect(everything.payments[0]!.transaction_id).toBe('trx-1');

    const page = await request('GET', '/api/payments?page=2&limit=3&status=pending&asset=USDT');
    const paged = page.body.data as { payments: Record<string, string>[] };
    expect(paged).toMatchObject({ page: 2, limit: 3, total: 7, last_page: 3 });
    expect(paged.payments).toHaveLength(3);
    expect(paged.payments.every((p) => p.asset === 'USDT' && p.status === 'pending')).toBe(true);

    const none = await request('GET', '/api/payments?status=completed');
    expect(none.body.data).toEqual({ payments: [], page: 1, limit: 50, total: 0, last_page: 1 });
  });

  it('GET /api/payments/unprocessed lists expired payments', async () => {
    const empty = await request('GET', '/api/payments/unprocessed');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ success: true, data: [] });
  });

  it('POST /api/payment/{id}/resend-postback refuses a payment that is not completed', async () => {
    const answer = await request('POST', '/api/payment/order_12345/resend-postback');
    expectError(answer, 400, 'PAYMENT_NOT_COMPLETED');
  });

  it('answers PAYMENT_NOT_FOUND (404) for an unknown transaction id', async () => {
    expectError(await request('GET', '/api/payment/no-such-order/status'), 404, 'PAYMENT_NOT_FOUND');
    expectError(
      await request('POST', '/api/payment/no-such-order/resend-postback'),
      404,
      'PAYMENT_NOT_FOUND',
    );
  });

  it.each([
    ['a missing transaction_id', { asset: 'USDT', amount_usd: '1.00' }, 'transaction_id'],
    [
      'a repeated transaction_id',
      { transaction_id: 'order_12345', asset: 'USDT', amount_usd: '1.00' },
      'transaction_id',
    ],
    ['an unknown asset', { transaction_id: 'v-1', asset: 'BTC', amount_usd: '1.00' }, 'asset'],
    ['an amount of 0', { transaction_id: 'v-2', asset: 'USDT', amount_usd: '0.00' }, 'amount_usd'],
    [
      'an amount above 999999.99',
      { transaction_id: 'v-3', asset: 'USDT', amount_usd: '1000000.00' },
      'amount_usd',
    ],
    ['three decimals of USD', { transaction_id: 'v-4', asset: 'USDT', amount_usd: '1.005' }, 'amount_usd'],
    [
      'a postback_url that is no URL',
      { transaction_id: 'v-5', asset: 'USDT', amount_usd: '1', postback_url: 'nope' },
      'postback_url',
    ],
  ])('answers VALIDATION_ERROR (422) for %s', async (_label, body, field) => {
    const answer = await request('POST', '/api/payment/create', body);
    expectError(answer, 422, 'VALIDATION_ERROR');
    expect(Object.keys(answer.body.details ?? {})).toContain(field);
  });

  it('answers VALIDATION_ERROR (422) for a page size outside 1..100 or an unknown status filter', async () => {
    expectError(await request('GET', '/api/payments?limit=0'), 422, 'VALIDATION_ERROR');
    expectError(await request('GET', '/api/payments?limit=101'), 422, 'VALIDATION_ERROR');
    expectError(await request('GET', '/api/payments?status=paid'), 422, 'VALIDATION_ERROR');
  });
});

describe('partner and wallets', () => {
  it('GET /api/partner/wallets lists the two seeded wallets with the documented fields', async () => {
    const answer = await request('GET', '/api/partner/wallets');
    expect(answer.status).toBe(200);
    const wallets = answer.body.data as Record<string, unknown>[];
    expect(wallets.map((w) => w.address)).toEqual([
      sandbox.world.chain.keypair('gateway-wallet-1').address,
      sandbox.world.chain.keypair('gateway-wallet-2').address,
    ]);
    for (const wallet of wallets) {
      expect(wallet).toMatchObject({
        id: expect.any(Number),
        is_active: true,
        usage_count: expect.any(Number),
        created_at: expect.stringMatching(MICROSECOND_TIME),
      });
      expect(wallet.last_used_at).toMatch(MICROSECOND_TIME);
    }
    // Payments above were spread over both wallets.
    expect(wallets.reduce((sum, w) => sum + (w.usage_count as number), 0)).toBe(8);
  });

  it('GET /api/partner/info answers the documented fields', async () => {
    const answer = await request('GET', '/api/partner/info');
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({
      id: 123,
      name: 'Sandbox Merchant',
      email: 'merchant@example.com',
      balance: '1000.00000000',
      max_wallets: 15,
      status: 'active',
      default_postback_url: null,
      wallets_count: 2,
      active_wallets_count: 2,
    });
  });

  it('POST /api/partner/wallets adds a wallet; the same address again is WALLET_EXISTS', async () => {
    const address = sandbox.world.chain.keypair('gateway-wallet-3').address;
    const answer = await request('POST', '/api/partner/wallets', { address });
    expect(answer.status).toBe(201);
    expect(answer.body.data).toEqual({
      id: 3,
      address,
      is_active: true,
      created_at: expect.stringMatching(MICROSECOND_TIME),
    });
    expectError(await request('POST', '/api/partner/wallets', { address }), 400, 'WALLET_EXISTS');
    expectError(
      await request('POST', '/api/partner/wallets', { address: 'TXnNyJhWrbVCty8tFqArwZZaZkPzAkjhoX' }),
      422,
      'VALIDATION_ERROR',
    );
  });

  it('GET /api/partner/wallets/add?address= adds a wallet too', async () => {
    const address = sandbox.world.chain.keypair('gateway-wallet-4').address;
    const answer = await request('GET', `/api/partner/wallets/add?address=${address}`);
    expect(answer.status).toBe(201);
    expect(answer.body.data).toMatchObject({ id: 4, address, is_active: true });
  });

  it('PUT /api/partner/wallets/{id} switches a wallet off and on; an unknown id is WALLET_ERROR', async () => {
    const off = await request('PUT', '/api/partner/wallets/1', { is_active: false });
    expect(off.status).toBe(200);
    expect(off.body.data).toEqual({ id: 1, address: seeded.wallets[0]!.address, is_active: false });
    const on = await request('PUT', '/api/partner/wallets/1', { is_active: true });
    expect((on.body.data as Record<string, unknown>).is_active).toBe(true);
    expectError(await request('PUT', '/api/partner/wallets/999', { is_active: false }), 400, 'WALLET_ERROR');
    expectError(
      await request('PUT', '/api/partner/wallets/1', { is_active: 'maybe' }),
      422,
      'VALIDATION_ERROR',
    );
  });

  it('answers INSUFFICIENT_WALLETS (400) when no wallet is active', async () => {
    const wallets = (await request('GET', '/api/partner/wallets')).body.data as { id: number }[];
    for (const wallet of wallets)
      await request('PUT', `/api/partner/wallets/${wallet.id}`, { is_active: false });
    try {
      const answer = await request('POST', '/api/payment/create', {
        transaction_id: 'nowhere',
        asset: 'TRX',
        amount_usd: '1.00',
      });
      expectError(answer, 400, 'INSUFFICIENT_WALLETS');
      expect((await request('GET', '/api/partner/info')).body.data).toMatchObject({
        active_wallets_count: 0,
      });
    } finally {
      for (const wallet of wallets)
        await request('PUT', `/api/partner/wallets/${wallet.id}`, { is_active: true });
    }
  });

  it('answers WALLET_LIMIT_EXCEEDED past 15 wallets', async () => {
    const count = ((await request('GET', '/api/partner/wallets')).body.data as unknown[]).length;
    for (let i = count; i < 15; i++) {
      const address = sandbox.world.chain.keypair(`gateway-extra-${i}`).address;
      expect((await request('POST', '/api/partner/wallets', { address })).status).toBe(201);
    }
    const sixteenth = sandbox.world.chain.keypair('gateway-extra-16').address;
    const answer = await request('POST', '/api/partner/wallets', { address: sixteenth });
    expectError(answer, 400, 'WALLET_LIMIT_EXCEEDED');
    expect(answer.body.message).toBe('Maximum 15 wallets allowed');
  });
});

describe('access', () => {
  it('answers PARTNER_ERROR (400) without a key, with an unknown key, and for a suspended partner', async () => {
    expectError(await request('GET', '/api/partner/info', undefined, null), 400, 'PARTNER_ERROR');
    expectError(
      await request('GET', '/api/partner/info', undefined, 'pk_your_api_key_here'),
      400,
      'PARTNER_ERROR',
    );
    const suspended = await request('GET', '/api/partner/info', undefined, seeded.suspendedApiKey);
    expectError(suspended, 400, 'PARTNER_ERROR');
    expect(suspended.body.details).toEqual({ reason: 'partner_suspended' });
  });

  // Last: it spends the merchant key's budget for this minute.
  it('answers API_LIMIT_EXCEEDED (503) past 1,000 requests a minute per key', async () => {
    const statuses: number[] = [];
    for (let batch = 0; batch < 21; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => request('GET', '/api/partner/info')),
      );
      statuses.push(...answers.map((a) => a.status));
    }
    const limited = statuses.filter((s) => s === 503).length;
    expect(limited).toBeGreaterThanOrEqual(50);
    const answer = await request('GET', '/api/partner/info');
    expectError(answer, 503, 'API_LIMIT_EXCEEDED');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another key has its own budget.
    expect((await request('GET', '/api/partner/info', undefined, seeded.suspendedApiKey)).status).toBe(400);
    // A minute later the key works again.
    sandbox.world.clock.advance(61);
    expect((await request('GET', '/api/partner/info')).status).toBe(200);
  });
});
