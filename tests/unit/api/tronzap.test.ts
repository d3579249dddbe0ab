import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTronZapApi, signTronZapBody } from '@/lib/energy/tronzap-api';
import {
  noSleep,
  scriptedFetch,
  seed,
  type Script,
  type ScriptedReply,
  type SentRequest,
} from './scripted-fetch';

const BASE = 'http://127.0.0.1:8787/tronzap';
const TOKEN = 'zap-token-123';
const SECRET = 'zap-secret-xyz';
const ADDRESS = 'TGzz8gjYiYRqpfmDwnLxfgPuLVNmpCswVp';
const OTHER = 'TNYmcW4cAyczQzj5QXHBa4FwxMPRw4DgiD';

function clientWith(script: Script | ScriptedReply[]) {
  const { fetch, requests } = scriptedFetch(script);
  return {
    api: createTronZapApi({ baseUrl: BASE, token: TOKEN, secret: SECRET, fetch, sleep: noSleep }),
    requests,
  };
}

/** The signature recomputed independently over the bytes that were actually sent. */
function expectSigned(request: SentRequest) {
  const expected = createHash('sha256').update(`${request.body}${SECRET}`).digest('hex');
  expect(request.headers['x-signature']).toBe(expected);
  expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(request.method).toBe('POST');
}

const ok = (result: unknown): ScriptedReply => ({ body: { code: 0, result } });

describe('TronZap', () => {
  it('signs every call over the exact body it sends', async () => {
    const { api, requests } = clientWith([
      ok({
        energy: [{ duration: 1, min_amount: 32_000, max_amount: 5_000_000, price: 0.0841 }],
        activate_address: { price: 1.4 },
      }),
      ok({ balance: 12.5, currency: 'TRX' }),
      ok({ address: ADDRESS, amount: 65_000, duration: 1, price: 5.4665, activation_fee: 0, total: 5.4665 }),
      ok({
        from_address: ADDRESS,
        to_address: OTHER,
        amount: 64_285,
        duration: 1,
        price: 5.4,
        activation_fee: 0,
        total: 5.4,
      }),
      ok({ resources: { energy: 10, bandwidth: 600 }, balances: { TRX: 100.25, USDT: '5.5' } }),
    ]);
    const services = await api.services();
    const balance = await api.balance();
    const price = await api.calculate({ address: ADDRESS, energy: 65_000 });
    const estimate = await api.estimateEnergy({ fromAddress: ADDRESS, toAddress: OTHER });
    const info = await api.addressInfo(ADDRESS);

    expect(requests.map((r) => [r.url, r.json])).toEqual([
      [`${BASE}/v1/services`, {}],
      [`${BASE}/v1/balance`, {}],
      [`${BASE}/v1/calculate`, { address: ADDRESS, amount: 65_000, duration: 1 }],
      [`${BASE}/v1/estimate-energy`, { from_address: ADDRESS, to_address: OTHER }],
      [`${BASE}/v1/address-info`, { address: ADDRESS }],
    ]);
    requests.forEach(expectSigned);

    expect(services.energy[0]).toMatchObject({
      durationHours: 1,
      pricePerThousand: { trx: '0.0841', sun: 84_100n },
    });
    expect(services.bandwidth).toEqual([]);
    expect(balance.balance).toEqual({ trx: '12.5', sun: 12_500_000n });
    expect(price).toMatchObject({ energy: 65_000, total: { sun: 5_466_500n } });
    expect(estimate).toMatchObject({ energy: 64_285, total: { sun: 5_400_000n } });
    expect(info).toMatchObject({
      energy: 10,
      bandwidth: 600,
      balances: { trx: { sun: 100_250_000n }, usdt: { sun: 5_500_000n } },
    });
  });

  it('buys energy with params.amount and the deprecated energy_amount, signed over the raw body', async () => {
    const { api, requests } = clientWith([{ body: seed('tronzap-transaction-new') }]);
    const tx = await api.createTransaction({
      service: 'energy',
      address: ADDRESS,
      amount: 65_000,
      durationHours: 1,
      externalId: 'my-external-id-123',
    });
    expect(requests[0]!.url).toBe(`${BASE}/v1/transaction/new`);
    expect(requests[0]!.json).toEqual({
      external_id: 'my-external-id-123',
      service: 'energy',
      params: { address: ADDRESS, amount: 65_000, energy_amount: 65_000, duration: 1 },
    });
    expectSigned(requests[0]!);
    expect(signTronZapBody(requests[0]!.body!, SECRET)).toBe(requests[0]!.headers['x-signature']);
    expect(tx).toMatchObject({
      id: 'transaction_id',
      status: 'success',
      amount: { trx: '8.25', sun: 8_250_000n },
    });
  });

  it('activates an address and buys bandwidth with the documented params', async () => {
    const tx = { id: 't', status: 'new', amount: 1.4 };
    const { api, requests } = clientWith([ok(tx), ok(tx), ok(tx)]);
    await api.createTransaction({ service: 'activate_address', address: ADDRESS });
    await api.createTransaction({ service: 'bandwidth', address: ADDRESS, amount: 345 });
    await api.createTransaction({
      service: 'energy',
      address: ADDRESS,
      amount: 131_000,
      durationHours: 24,
      activateAddress: true,
    });
    expect(requests.map((r) => r.json)).toEqual([
      { service: 'activate_address', params: { address: ADDRESS } },
      { service: 'bandwidth', params: { address: ADDRESS, amount: 345, duration: 1 } },
      {
        service: 'energy',
        params: {
          address: ADDRESS,
          amount: 131_000,
          energy_amount: 131_000,
          duration: 24,
          activate_address: true,
        },
      },
    ]);
  });

  it('checks a transaction by id or by our external id', async () => {
    const tx = { id: 'abc', external_id: 'ext-1', status: 'pending', amount: '5.5', hash: '' };
    const { api, requests } = clientWith([ok(tx), ok({ ...tx, status: 'success', hash: 'ff'.repeat(32) })]);
    const pending = await api.checkTransaction({ id: 'abc' });
    const done = await api.checkTransaction({ externalId: 'ext-1' });
    expect(requests.map((r) => r.json)).toEqual([{ id: 'abc' }, { external_id: 'ext-1' }]);
    expect(pending).toMatchObject({ status: 'pending', hash: undefined, amount: { sun: 5_500_000n } });
    expect(done).toMatchObject({ status: 'success', hash: 'ff'.repeat(32) });
  });

  it('reads each documented error code from an HTTP 200 body', async () => {
    const codes = [1, 2, 5, 6, 10, 11, 12, 24, 25, 35, 500];
    const { api } = clientWith(
      codes.map((code) => ({ status: 200, body: { code, error: `error ${code}` } })),
    );
    for (const code of codes) {
      await expect(api.balance()).rejects.toMatchObject({
        service: 'tronzap',
        status: 200,
        code: String(code),
        message: `error ${code}`,
      });
    }
  });

  it('never repeats a purchase, with or without an external id (the docs promise no de-duplication)', async () => {
    const unavailable: ScriptedReply = { status: 503, body: 'busy' };
    for (const externalId of [undefined, 'job-1']) {
      const { api, requests } = clientWith([unavailable, ok({ id: 't', status: 'new', amount: 1 })]);
      await expect(
        api.createTransaction({ service: 'activate_address', address: ADDRESS, externalId }),
      ).rejects.toMatchObject({ code: '500' });
      expect(requests).toHaveLength(1);
    }
  });

  it('never puts the token or the secret in a thrown error', async () => {
    const { api } = clientWith([
      { body: { code: 1, error: 'Authentication error' } },
      { body: '{"code":0,' },
      { body: { code: 0, result: { balance: 'x' } } },
    ]);
    for (let i = 0; i < 3; i++) {
      const error = (await api.balance().catch((e: unknown) => e)) as Error;
      const shown = `${error.message} ${JSON.stringify((error as { details?: unknown }).details ?? null)}`;
      expect(shown).not.toContain(TOKEN);
      expect(shown).not.toContain(SECRET);
    }
  });

  it('refuses a malformed order before signing anything', async () => {
    const { api, requests } = clientWith([]);
    await expect(
      api.createTransaction({ service: 'energy', address: 'TRX_ADDRESS', amount: 65_000 }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(api.checkTransaction({} as { id: string })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(requests).toHaveLength(0);
  });
});
