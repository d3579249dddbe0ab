/**
 * The merchant's API key: sealed in storage (never in the clear, in any area), opened only for the
 * origin it was saved for, sent only there and only in `X-API-Key`, never logged.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type * as Sealed from '@/lib/sealed';
import type { KeyStore } from '@/lib/sealed';
import type { JobRunner } from '@/lib/jobs/runner';
import { setLogLevel, setLogSink } from '@/lib/log';
import { settingsItem } from '@/lib/storage';
import { scriptedFetch, seed } from '../api/scripted-fetch';
import { serveShippedMessages } from '../shipped-messages';

// IndexedDB is not in the test environment: the sealing key lives in memory instead, non-extractable all the same.
const keys = vi.hoisted(() => ({ key: undefined as CryptoKey | undefined }));
vi.mock('@/lib/sealed', async (original) => ({
  ...(await original<typeof Sealed>()),
  indexedDbKeyStore: (): KeyStore => ({
    get: async () => keys.key,
    set: async (key) => {
      keys.key = key;
    },
  }),
}));

const { createPaymentsHandlers, paymentsSetupView } = await import('@/lib/payments/background');
const { createGatewayApi } = await import('@/lib/payments/gateway-api');

const BASE = 'https://pay.merchant.example/gateway';
const KEY = 'pk_live_0123456789abcdef0123456789abcdef';
const fakeRunner = { create: vi.fn() } as unknown as JobRunner;
const handlers = createPaymentsHandlers({ runner: fakeRunner });
const context = { role: 'extension' as const };

/** Everything the extension stores, as one text. */
async function everythingStored(): Promise<string> {
  const areas = await Promise.all([
    fakeBrowser.storage.local.get(null),
    fakeBrowser.storage.session.get(null),
    fakeBrowser.storage.sync.get(null),
  ]);
  return JSON.stringify(areas);
}

const logged: string[] = [];

beforeAll(serveShippedMessages);

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.permissions.contains = async () => true;
  logged.length = 0;
  const record = (...parts: unknown[]) =>
    logged.push(parts.map((p) => JSON.stringify(p) ?? String(p)).join(' '));
  setLogSink({ debug: record, info: record, warn: record, error: record });
  setLogLevel('debug');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setLogSink(console);
  setLogLevel('silent');
});

async function save(baseUrl = BASE, apiKey = KEY) {
  return handlers['payments.saveSetup']!({ baseUrl, apiKey }, context);
}

describe('the gateway set-up', () => {
  it('seals the key: no storage area holds it in the clear, and the view never carries it', async () => {
    const outcome = await save();
    expect(outcome).toEqual({ ok: true, value: { configured: true, baseUrl: BASE } });
    expect(await everythingStored()).not.toContain(KEY);
    expect(await everythingStored()).not.toContain(KEY.slice(3, 20));
    expect(keys.key?.extractable).toBe(false);
    expect(JSON.stringify(await paymentsSetupView())).not.toContain(KEY);
  });

  it('sends the key only to the origin it was saved for, in X-API-Key, never in a URL', async () => {
    await save();
    const { fetch, requests } = scriptedFetch([{ body: seed('gateway-partner-info') }]);
    vi.stubGlobal('fetch', fetch);
    const outcome = await handlers['payments.testConnection']!(undefined, context);
    expect(outcome).toMatchObject({ ok: true, value: { name: 'Your Company Name', maxWallets: 15 } });
    expect(requests.map((r) => r.url)).toEqual([`${BASE}/api/partner/info`]);
    expect(requests[0]!.headers['x-api-key']).toBe(KEY);
    expect(JSON.stringify(outcome)).not.toContain(KEY);
  });

  it('does not open the key once the stored address names another origin', async () => {
    await save();
    const { fetch, requests } = scriptedFetch([{ body: seed('gateway-partner-info') }]);
    vi.stubGlobal('fetch', fetch);
    // Written behind the background's back (a content script in Firefox can write storage.local).
    await settingsItem.update((s) => ({
      ...s,
      network: {
        ...s.network,
        custom: { ...s.network.custom, gateway: 'https://collector.example/gateway' },
      },
    }));
    await fakeBrowser.storage.local.set({ paymentGatewayKeyOrigin: 'https://collector.example' });
    const outcome = await handlers['payments.testConnection']!(undefined, context);
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'not_set_up' } });
    expect(requests).toHaveLength(0);
    expect((await paymentsSetupView()).configured).toBe(true);
  });

  it('refuses an http address and a host the browser did not grant, storing nothing', async () => {
    expect(await save('http://pay.merchant.example')).toMatchObject({
      ok: false,
      problem: { fields: { baseUrl: 'Use an https:// address.' } },
    });
    fakeBrowser.permissions.contains = async () => false;
    expect(await save()).toMatchObject({ ok: false, problem: { code: 'no_permission' } });
    expect(await paymentsSetupView()).toEqual({ configured: false, baseUrl: null });
  });

  it('forgets the key and the address', async () => {
    await save();
    expect(await handlers['payments.forgetSetup']!(undefined, context)).toEqual({
      configured: false,
      baseUrl: null,
    });
    const { paymentGatewayKey } = await fakeBrowser.storage.local.get('paymentGatewayKey');
    expect(paymentGatewayKey ?? null).toBeNull();
  });

  it('writes no log line holding the key, also when the gateway refuses it', async () => {
    await save();
    const { fetch } = scriptedFetch(() => ({ status: 401, body: { message: `bad key ${KEY}` } }));
    vi.stubGlobal('fetch', fetch);
    const outcome = await handlers['payments.testConnection']!(undefined, context);
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'key_rejected' } });
    expect(JSON.stringify(outcome)).not.toContain(KEY);
    expect(logged.join('\n')).not.toContain(KEY);
  });
});

describe('creating a payment', () => {
  it('checks the amount as cents and sends nothing when it is wrong', async () => {
    await save();
    const { fetch, requests } = scriptedFetch([]);
    vi.stubGlobal('fetch', fetch);
    for (const [amountUsd, words] of [
      ['1,000', 'Use digits with a dot'],
      ['0.001', 'at most 2 decimals'],
      ['0', 'smallest amount is 0.01'],
      ['1000000', 'largest amount is 999999.99'],
      ['-5', 'Use digits with a dot'],
      ['', 'Enter an amount'],
    ]) {
      const outcome = await handlers['payments.create']!(
        { transactionId: 'order_1', asset: 'USDT', amountUsd: amountUsd! },
        context,
      );
      expect(outcome).toMatchObject({ ok: false, problem: { code: 'invalid_input' } });
      expect(JSON.stringify(outcome)).toContain(words);
    }
    const http = await handlers['payments.create']!(
      { transactionId: 'order_1', asset: 'USDT', amountUsd: '5', postbackUrl: 'http://shop.example/cb' },
      context,
    );
    expect(http).toMatchObject({
      ok: false,
      problem: { fields: { postbackUrl: 'Use an https:// address for the postback.' } },
    });
    expect(requests).toHaveLength(0);
  });

  it('creates the payment with amount_usd in cents text and starts watching it', async () => {
    await save();
    const { fetch, requests } = scriptedFetch([{ status: 201, body: seed('gateway-payment-created') }]);
    vi.stubGlobal('fetch', fetch);
    vi.mocked(fakeRunner.create).mockResolvedValue({ id: 'job-9' } as never);
    const outcome = await handlers['payments.create']!(
      {
        transactionId: 'order_12345',
        asset: 'USDT',
        amountUsd: '100.5',
        postbackUrl: 'https://yoursite.com/callback',
      },
      context,
    );
    expect(outcome).toEqual({ ok: true, value: { jobId: 'job-9' } });
    expect(requests[0]!.json).toEqual(seed('gateway-payment-create-request'));
    expect(vi.mocked(fakeRunner.create).mock.calls[0]![2]).toMatchObject({
      transactionId: 'order_12345',
      origin: 'https://pay.merchant.example',
      amountCrypto: '100.50000012',
      walletAddressVerified: false,
    });
  });
});

describe('the client and the postback URL', () => {
  const created = { status: 201, body: seed('gateway-payment-created') };
  const payment = (postbackUrl: string) => ({
    transactionId: 'order_1',
    asset: 'USDT' as const,
    amountUsdCents: 500n,
    postbackUrl,
  });

  it('refuses a loopback http postback for a gateway elsewhere, and sends nothing', async () => {
    const { fetch, requests } = scriptedFetch([created]);
    const api = createGatewayApi({ baseUrl: BASE, apiKey: KEY, fetch, maxAttempts: 1 });
    await expect(api.createPayment(payment('http://127.0.0.1:8787/cb'))).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(requests).toHaveLength(0);
  });

  it('sends a loopback http postback to a gateway on loopback', async () => {
    const { fetch, requests } = scriptedFetch([created]);
    const api = createGatewayApi({
      baseUrl: 'http://127.0.0.1:8787/gateway',
      apiKey: KEY,
      fetch,
      maxAttempts: 1,
    });
    await api.createPayment(payment('http://127.0.0.1:8787/cb'));
    expect(requests[0]!.json).toMatchObject({ postback_url: 'http://127.0.0.1:8787/cb' });
  });
});
