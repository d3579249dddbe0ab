import { describe, expect, it } from 'vitest';
import { createGatewayApi } from '@/lib/payments/gateway-api';
import { noSleep, scriptedFetch, seed, type Script, type ScriptedReply } from './scripted-fetch';

const BASE = 'https://pay.merchant.example';
const API_KEY = 'pk_live_merchant_key';
const WALLET = 'TNYmcW4cAyczQzj5QXHBa4FwxMPRw4DgiD';

function clientWith(script: Script | ScriptedReply[]) {
  const { fetch, requests } = scriptedFetch(script);
  return { api: createGatewayApi({ baseUrl: BASE, apiKey: API_KEY, fetch, sleep: noSleep }), requests };
}

describe('the payment gateway', () => {
  it('creates a payment with the documented body and the key in X-API-Key only', async () => {
    const { api, requests } = clientWith([{ body: seed('gateway-payment-created') }]);
    const payment = await api.createPayment({
      transactionId: 'order_12345',
      asset: 'USDT',
      amountUsdCents: 10_050n,
      postbackUrl: 'https://yoursite.com/callback',
    });
    expect(requests[0]).toMatchObject({ url: `${BASE}/api/payment/create`, method: 'POST' });
    expect(requests[0]!.json).toEqual(seed('gateway-payment-create-request'));
    expect(requests[0]!.headers['x-api-key']).toBe(API_KEY);
    expect(requests[0]!.url).not.toContain(API_KEY);
    expect(payment).toMatchObject({
      transaction_id: 'order_12345',
      status: 'pending',
      amountUsdCents: 10_050n,
    });
  });

  it('unwraps status, history, unprocessed, postback, wallets and partner info', async () => {
    const { api, requests } = clientWith([
      { body: seed('gateway-payment-status') },
      { body: { success: true, data: seed<{ data: unknown[] }>('gateway-payments-unprocessed').data } },
      { body: seed('gateway-payments-unprocessed') },
      { body: seed('gateway-resend-postback') },
      { body: seed('gateway-wallets') },
      { body: seed('gateway-wallet-added') },
      { body: seed('gateway-wallet-updated') },
      { body: seed('gateway-partner-info') },
    ]);
    const status = await api.paymentStatus('order 12345');
    const history = await api.listPayments({ page: 2, limit: 10, status: 'expired', asset: 'TRX' });
    const unprocessed = await api.unprocessedPayments();
    const postback = await api.resendPostback('order_12345');
    const wallets = await api.wallets();
    const added = await api.addWallet(WALLET);
    const updated = await api.updateWallet(1, { isActive: false });
    const partner = await api.partnerInfo();

    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', `${BASE}/api/payment/order%2012345/status`],
      ['GET', `${BASE}/api/payments?page=2&limit=10&status=expired&asset=TRX`],
      ['GET', `${BASE}/api/payments/unprocessed`],
      ['POST', `${BASE}/api/payment/order_12345/resend-postback`],
      ['GET', `${BASE}/api/partner/wallets`],
      ['POST', `${BASE}/api/partner/wallets`],
      ['PUT', `${BASE}/api/partner/wallets/1`],
      ['GET', `${BASE}/api/partner/info`],
    ]);
    expect(requests[5]!.json).toEqual({ address: WALLET });
    expect(requests[6]!.json).toEqual(seed('gateway-wallet-update-request'));
    expect(requests.every((r) => r.headers['x-api-key'] === API_KEY)).toBe(true);

    expect(status).toMatchObject({
      status: 'completed',
      amount_received: '100.50000012',
      amountUsdCents: 10_050n,
    });
    expect(history.payments[0]).toMatchObject({ transaction_id: 'order_12346', status: 'expired' });
    expect(unprocessed).toHaveLength(1);
    expect(postback.postback_sent).toBe(true);
    expect(wallets[0]).toMatchObject({ id: 1, usage_count: 25 });
    expect(added.id).toBe(6);
    expect(updated.is_active).toBe(false);
    expect(partner).toMatchObject({ max_wallets: 15, wallets_count: 5 });
  });

  it('carries the documented error codes and details', async () => {
    const { api } = clientWith([
      { status: 400, body: seed('gateway-error-wallet-limit') },
      { status: 400, body: seed('gateway-error-wallet-exists') },
      { status: 404, body: { error: 'PAYMENT_NOT_FOUND', message: 'Payment not found' } },
      {
        status: 422,
        body: {
          error: 'VALIDATION_ERROR',
          message: 'Invalid input data',
          details: { amount_usd: ['too small'] },
        },
      },
      { status: 401, body: 'Unauthorized' },
    ]);
    await expect(api.addWallet(WALLET)).rejects.toMatchObject({
      code: 'WALLET_LIMIT_EXCEEDED',
      message: 'Maximum 15 wallets allowed',
    });
    await expect(api.addWallet(WALLET)).rejects.toMatchObject({ code: 'WALLET_EXISTS', status: 400 });
    await expect(api.paymentStatus('nope')).rejects.toMatchObject({ code: 'PAYMENT_NOT_FOUND', status: 404 });
    await expect(
      api.createPayment({ transactionId: 'x', asset: 'TRX', amountUsdCents: 1n }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: { amount_usd: ['too small'] } });
    const unauthorized = (await api.partnerInfo().catch((e: unknown) => e)) as Error;
    expect(unauthorized).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    expect(unauthorized.message).not.toContain(API_KEY);
  });

  it('retries reads after the documented rate limit, never a create', async () => {
    const limited: ScriptedReply = {
      status: 503,
      body: { error: 'API_LIMIT_EXCEEDED', message: 'API rate limit exceeded' },
      headers: { 'Retry-After': '1' },
    };
    const reads = clientWith([limited, { body: seed('gateway-partner-info') }]);
    await expect(reads.api.partnerInfo()).resolves.toMatchObject({ id: 123 });
    expect(reads.requests).toHaveLength(2);

    const creates = clientWith([limited, { body: seed('gateway-payment-created') }]);
    await expect(
      creates.api.createPayment({ transactionId: 'order_1', asset: 'TRX', amountUsdCents: 5_000n }),
    ).rejects.toMatchObject({ code: 'API_LIMIT_EXCEEDED' });
    expect(creates.requests).toHaveLength(1);
  });

  it('refuses amounts outside the documented range and bad addresses before sending', async () => {
    const { api, requests } = clientWith([]);
    await expect(
      api.createPayment({ transactionId: 'a', asset: 'USDT', amountUsdCents: 0n }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      api.createPayment({ transactionId: 'a', asset: 'USDT', amountUsdCents: 100_000_000n }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.addWallet('TXnNyJhWrbVCty8tFqArwZZaZkPzAkjhom')).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(requests).toHaveLength(0);
  });

  it('sends the lowest and highest documented amounts with two decimals', async () => {
    const reply = { body: seed('gateway-payment-created') };
    const { api, requests } = clientWith([reply, reply]);
    await api.createPayment({ transactionId: 'a', asset: 'TRX', amountUsdCents: 1n });
    await api.createPayment({ transactionId: 'b', asset: 'TRX', amountUsdCents: 99_999_999n });
    expect(requests.map((r) => (r.json as { amount_usd: string }).amount_usd)).toEqual(['0.01', '999999.99']);
  });
});
