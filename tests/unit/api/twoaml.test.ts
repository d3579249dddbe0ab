import { describe, expect, it, vi } from 'vitest';
import { ServiceError } from '@/lib/http';
import { createTwoAmlApi, resolveTwoAmlUrl, type TwoAmlApiOptions } from '@/lib/twoaml/api';
import { twoAmlErrorCode } from '@/lib/twoaml/errors';
import { noSleep, scriptedFetch, seed, type Script, type ScriptedReply } from './scripted-fetch';

const BASE = 'http://127.0.0.1:8787/2aml';
const TOKEN = 'eyJ.session-token.secret';
const RECEIVER = 'TGzz8gjYiYRqpfmDwnLxfgPuLVNmpCswVp';

function clientWith(script: Script | ScriptedReply[], options: Partial<TwoAmlApiOptions> = {}) {
  const scripted = scriptedFetch(script);
  const onUnauthorized = vi.fn();
  const api = createTwoAmlApi({
    baseUrl: BASE,
    getToken: () => TOKEN,
    onUnauthorized,
    fetch: scripted.fetch,
    sleep: noSleep,
    ...options,
  });
  return { api, requests: scripted.requests, onUnauthorized };
}

/** The documented error envelope for a status and message at a path. */
function envelope(statusCode: number, message: string, path: string): ScriptedReply {
  return {
    status: statusCode,
    body: { statusCode, timestamp: '2026-04-15T12:00:00.000Z', path, error: { message } },
  };
}

describe('2aml requests', () => {
  it('signs in on the energy namespace without a token and reads the branch', async () => {
    const { api, requests } = clientWith([{ body: seed('energy-login-two-factor-required') }], {
      getToken: () => undefined,
    });
    const answer = await api.energy.login({ email: 'user@example.com', password: 'secret123' });
    expect(answer.status).toBe('two_factor_required');
    expect(requests[0]).toMatchObject({
      url: `${BASE}/external/tron-energy/auth/login`,
      method: 'POST',
      json: { email: 'user@example.com', password: 'secret123' },
    });
    expect(requests[0]!.headers['content-type']).toBe('application/json');
    expect(requests[0]!.headers.authorization).toBeUndefined();
  });

  it('sends the bearer token on protected calls of both namespaces', async () => {
    const { api, requests } = clientWith([
      { body: seed('energy-wallet-summary') },
      { body: seed('aml-wallet-summary') },
      { body: seed('aml-profile') },
    ]);
    await api.energy.wallet.summary();
    const aml = await api.aml.wallet.summary();
    await api.aml.profile();
    expect(aml.amlCreditsBalance).toBe(4);
    expect(requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ['GET', `${BASE}/external/tron-energy/wallet/summary`, `Bearer ${TOKEN}`],
      ['GET', `${BASE}/external/aml-wallet-check/wallet/summary`, `Bearer ${TOKEN}`],
      ['GET', `${BASE}/external/aml-wallet-check/auth/profile`, `Bearer ${TOKEN}`],
    ]);
  });

  it('refuses a protected call before the network when there is no session', async () => {
    const { api, requests, onUnauthorized } = clientWith([], { getToken: () => undefined });
    await expect(api.energy.wallet.summary()).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    expect(requests).toHaveLength(0);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('sends x-fingerprint only when one is provided, and only where the contract names it', async () => {
    const replies = () => [
      { body: seed('energy-login-authenticated') },
      { body: seed('energy-order-created') },
      { body: seed('energy-wallet-summary') },
    ];
    const order = {
      orderId: 'ORD-1',
      receiver: RECEIVER,
      energy: 65_000,
      period: '1D',
      idempotencyKey: 'k-1',
    };

    const opted = clientWith(replies(), { getFingerprint: () => 'fp_browser_1' });
    await opted.api.energy.login({ email: 'a@b.co', password: 'x' });
    await opted.api.energy.createOrder(order);
    await opted.api.energy.wallet.summary();
    expect(opted.requests.map((r) => r.headers['x-fingerprint'])).toEqual([
      'fp_browser_1',
      'fp_browser_1',
      undefined,
    ]);

    const notOpted = clientWith(replies(), { getFingerprint: () => undefined });
    await notOpted.api.energy.login({ email: 'a@b.co', password: 'x' });
    await notOpted.api.energy.createOrder(order);
    expect(notOpted.requests.every((r) => !('x-fingerprint' in r.headers))).toBe(true);
  });

  it('creates an order with the documented body and retries a 503 with the same key', async () => {
    const { api, requests } = clientWith([
      envelope(503, 'TRON energy service is temporarily unavailable.', '/external/tron-energy/orders'),
      { status: 201, body: seed('energy-order-created') },
    ]);
    const order = await api.energy.createOrder({
      orderId: 'ORD-20260413-TRON-0001',
      receiver: RECEIVER,
      energy: 65_000,
      period: '1D',
      idempotencyKey: 'tron-rent-create-0001',
    });
    expect(order).toMatchObject({
      energyOrderId: 'ITRX-ORDER-0001',
      status: 'processing',
      chargedAmountSun: 14_520_000n,
    });
    expect(requests).toHaveLength(2);
    expect(requests[0]!.json).toEqual(seed('energy-order-request'));
    expect(requests[1]!.body).toBe(requests[0]!.body);
  });

  it('puts the quote, paging and order id where the contract says', async () => {
    const { api, requests } = clientWith([
      { body: seed('energy-quote') },
      { body: seed('energy-orders') },
      { body: seed('energy-order') },
      { body: seed('aml-credits-history') },
    ]);
    const quote = await api.energy.quote({ receiver: RECEIVER, energy: 65_000, period: '1D' });
    expect(quote.amountSun).toBe(14_520_000n);
    await api.energy.listOrders({ page: 2, limit: 10 });
    await api.energy.getOrder('ITRX ORDER/1');
    await api.aml.creditHistory({ type: 'purchase' });
    expect(requests.map((r) => r.url)).toEqual([
      `${BASE}/external/tron-energy/quote?receiver=${RECEIVER}&energy=65000&period=1D`,
      `${BASE}/external/tron-energy/orders?page=2&limit=10`,
      `${BASE}/external/tron-energy/orders/ITRX%20ORDER%2F1`,
      `${BASE}/external/aml-wallet-check/credits/history?type=purchase`,
    ]);
    // The quote is public: no token leaves for it.
    expect(requests[0]!.headers.authorization).toBeUndefined();
  });

  it('runs a check and fetches its reports through the documented download paths', async () => {
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    const { api, requests } = clientWith((request) =>
      request.method === 'POST'
        ? { status: 201, body: seed('aml-check-created') }
        : { body: pdf, headers: { 'Content-Type': 'application/pdf' } },
    );
    const check = await api.aml.createCheck({
      targetWallet: RECEIVER,
      targetNetwork: 'tron',
      billingMode: 'auto',
      reportLanguage: 'en',
      idempotencyKey: 'aml-check-0001',
    });
    expect(requests[0]!.json).toEqual(seed('aml-check-request'));
    const full = await api.aml.downloadReport(check.checkId!);
    const summary = await api.downloadFrom(check.downloads!.summaryReportUrl);
    expect(new Uint8Array(await full.arrayBuffer())).toEqual(pdf);
    expect(summary.size).toBe(4);
    expect(requests.slice(1).map((r) => [r.url, r.headers.authorization])).toEqual([
      [`${BASE}/external/aml-wallet-check/checks/17/report`, `Bearer ${TOKEN}`],
      [`${BASE}/external/aml-wallet-check/checks/17/report-summary`, `Bearer ${TOKEN}`],
    ]);
  });

  it('refuses to send the token to a download link outside the backend', async () => {
    const { api, requests } = clientWith([]);
    for (const link of [
      'https://evil.example/external/x',
      '//evil.example/external/x',
      '/external/../../tronnrg/x',
      '/other',
    ]) {
      await expect(api.downloadFrom(link)).rejects.toMatchObject({ code: 'unexpected_response' });
    }
    expect(requests).toHaveLength(0);
  });

  it('checks what the caller asks before anything is sent', async () => {
    const { api, requests } = clientWith([]);
    await expect(api.energy.quote({ receiver: 'TNotAnAddress', energy: 65_000 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      api.energy.createOrder({ orderId: 'o', receiver: RECEIVER, energy: 500, idempotencyKey: 'k' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.energy.register({ email: 'a@b.co', password: '12345' })).rejects.toBeInstanceOf(
      ServiceError,
    );
    expect(requests).toHaveLength(0);
  });
});

describe('2aml errors', () => {
  it('derives the code from the endpoint called and the status, never from the wording', () => {
    const table: [number, string, string | undefined][] = [
      [400, '/external/aml-wallet-check/auth/login/2fa', 'invalid_2fa'],
      [400, '/external/tron-energy/auth/verify-email/confirm', 'invalid_email_token'],
      [401, '/external/aml-wallet-check/auth/login', 'invalid_credentials'],
      [401, '/external/tron-energy/auth/login', 'invalid_credentials'],
      [401, '/external/aml-wallet-check/checks', 'unauthorized'],
      [403, '/external/aml-wallet-check/checks', 'billing_mode_unavailable'],
      [404, '/external/aml-wallet-check/checks/17', 'not_found'],
      [409, '/external/aml-wallet-check/checks', 'idempotency_in_progress'],
      [409, '/external/aml-wallet-check/credits/purchases', 'idempotency_in_progress'],
      [409, '/external/tron-energy/orders', 'idempotency_in_progress'],
      [429, '/external/aml-wallet-check/credits/catalog', 'rate_limited'],
      [503, '/external/tron-energy/orders', 'unavailable'],
      [500, '/external/aml-wallet-check/checks', 'server_error'],
      // No documented meaning of their own: the service's message is shown instead.
      [400, '/external/aml-wallet-check/checks', undefined],
      [400, '/external/tron-energy/orders', undefined],
      [409, '/external/aml-wallet-check/auth/register', undefined],
      [409, '/external/aml-wallet-check/checks/17/report', undefined],
    ];
    for (const [status, path, code] of table)
      expect(twoAmlErrorCode(status, path), `${status} ${path}`).toBe(code);
  });

  it('calls a refused login wrong credentials whatever its text says', async () => {
    const { api } = clientWith([envelope(401, 'Nope.', '/external/aml-wallet-check/auth/login')]);
    await expect(api.aml.login({ email: 'user@example.com', password: 'secret123' })).rejects.toMatchObject({
      code: 'invalid_credentials',
      advice: { key: 'twoAml.invalidCredentials' },
    });
  });

  it("shows 2aml's own message where the docs name no code", async () => {
    const { api } = clientWith([
      envelope(400, 'No AML credits are available for this account.', '/external/aml-wallet-check/checks'),
    ]);
    const failure = api.aml.createCheck({
      targetWallet: RECEIVER,
      targetNetwork: 'tron',
      billingMode: 'credit_pack',
      idempotencyKey: 'k',
    });
    await expect(failure).rejects.toMatchObject({
      code: 'bad_request',
      message: 'No AML credits are available for this account.',
      advice: { retry: 'never' },
    });
    const error = await failure.then(
      () => undefined,
      (thrown: ServiceError) => thrown,
    );
    expect(error?.advice?.key).toBeUndefined();
  });

  it('keeps the server message and the reported path on the thrown error', async () => {
    const { api } = clientWith([
      envelope(400, 'Insufficient wallet balance for this order.', '/external/tron-energy/orders'),
    ]);
    const failure = api.energy.createOrder({
      orderId: 'o',
      receiver: RECEIVER,
      energy: 65_000,
      idempotencyKey: 'k',
    });
    await expect(failure).rejects.toMatchObject({
      service: '2aml',
      status: 400,
      code: 'bad_request',
      message: 'Insufficient wallet balance for this order.',
      details: {
        serverMessage: 'Insufficient wallet balance for this order.',
        path: '/external/tron-energy/orders',
      },
    });
  });

  it('maps a body that is not the envelope by its status', async () => {
    const { api } = clientWith([{ status: 429, body: '<html>slow down</html>' }], { maxAttempts: 1 });
    await expect(api.energy.wallet.summary()).rejects.toMatchObject({ code: 'rate_limited', status: 429 });
  });

  it('ends the session for both namespaces on a 401, but not on a refused password', async () => {
    const { api, onUnauthorized } = clientWith([
      envelope(401, 'Authentication is required.', '/external/aml-wallet-check/checks'),
      envelope(401, 'Email or password is incorrect.', '/external/tron-energy/auth/login'),
      envelope(401, 'Authentication is required.', '/external/tron-energy/orders/X'),
    ]);
    await expect(api.aml.listChecks()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(api.energy.login({ email: 'a@b.co', password: 'wrong' })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(api.energy.getOrder('X')).rejects.toMatchObject({ code: 'unauthorized' });
    expect(onUnauthorized).toHaveBeenCalledTimes(2);
  });

  it('never puts the token in a thrown error', async () => {
    const failures: ScriptedReply[] = [
      envelope(401, 'Authentication is required.', '/external/tron-energy/wallet/summary'),
      { status: 200, body: '{"availableBalanceTrx": ' },
      { status: 200, body: { availableBalanceTrx: 40 } },
      { status: 502, body: 'bad gateway' },
    ];
    const { api } = clientWith(failures, { maxAttempts: 1 });
    for (let i = 0; i < failures.length; i++) {
      const error = await api.energy.wallet.summary().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect(
        JSON.stringify({ message: (error as Error).message, details: (error as ServiceError).details }),
      ).not.toContain(TOKEN);
      expect(String((error as Error).stack)).not.toContain(TOKEN);
    }
  });
});

describe('download links', () => {
  it('resolve against a backend origin that carries a mount path', () => {
    expect(resolveTwoAmlUrl(BASE, '/external/aml-wallet-check/checks/17/report')).toEqual({
      url: `${BASE}/external/aml-wallet-check/checks/17/report`,
      path: '/external/aml-wallet-check/checks/17/report',
    });
    expect(resolveTwoAmlUrl('https://back.2aml.com', '/external/aml-wallet-check/checks/17').url).toBe(
      'https://back.2aml.com/external/aml-wallet-check/checks/17',
    );
    // An absolute link on the backend itself is accepted.
    expect(resolveTwoAmlUrl(BASE, `${BASE}/external/aml-wallet-check/checks/17`).path).toBe(
      '/external/aml-wallet-check/checks/17',
    );
  });
});
