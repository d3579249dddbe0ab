import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient, parseRetryAfter, ServiceError, type ErrorReader } from '@/lib/http';

type Reply = { status: number; body?: string; headers?: Record<string, string>; hang?: boolean };

/** A fetch that answers from a script and records what was asked. */
function scriptedFetch(replies: Reply[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const reply = replies.shift() ?? { status: 500, body: '{}' };
    if (reply.hang) {
      return new Promise((_, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('timed out', 'TimeoutError'))),
      );
    }
    return new Response(reply.body ?? '', { status: reply.status, headers: reply.headers });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const nrgErrors: ErrorReader = (status, body) => {
  const parsed = z.object({ error: z.string(), message: z.string() }).safeParse(body);
  return parsed.success ? { code: parsed.data.error, message: parsed.data.message } : null;
};
const zapErrors: ErrorReader = (_status, body) => {
  const parsed = z.object({ code: z.number().refine((c) => c !== 0), error: z.string() }).safeParse(body);
  return parsed.success ? { code: String(parsed.data.code), message: parsed.data.error } : null;
};

const waits: number[] = [];
const sleep = async (ms: number) => {
  waits.push(ms);
};
const ok = z.object({ ok: z.literal(true) });

describe('the http client', () => {
  it('joins a base URL that has a path prefix with the request path and query', async () => {
    const { fetch, calls } = scriptedFetch([{ status: 200, body: '{"ok":true}' }]);
    const client = createHttpClient({
      service: 'tronnrg',
      baseUrl: 'http://127.0.0.1:8787/tronnrg/',
      readError: nrgErrors,
      fetch,
    });
    await client.request({ path: '/supply', query: { a: 1, b: undefined }, schema: ok });
    expect(calls[0]!.url).toBe('http://127.0.0.1:8787/tronnrg/supply?a=1');
  });

  it('carries the service error code and message', async () => {
    const { fetch } = scriptedFetch([
      { status: 409, body: '{"error":"hash_already_used","message":"Transaction hash already claimed"}' },
    ]);
    const client = createHttpClient({
      service: 'tronnrg',
      baseUrl: 'http://x',
      readError: nrgErrors,
      fetch,
      sleep,
    });
    const failure = client.request({ method: 'POST', path: '/delegate', body: {}, schema: ok });
    await expect(failure).rejects.toBeInstanceOf(ServiceError);
    await expect(failure).rejects.toMatchObject({
      code: 'hash_already_used',
      status: 409,
      service: 'tronnrg',
    });
  });

  it('reads an error reported with HTTP 200 (TronZap)', async () => {
    const { fetch } = scriptedFetch([{ status: 200, body: '{"code":6,"error":"Insufficient funds"}' }]);
    const client = createHttpClient({ service: 'tronzap', baseUrl: 'http://x', readError: zapErrors, fetch });
    await expect(
      client.request({ method: 'POST', path: '/v1/balance', body: {}, schema: ok }),
    ).rejects.toMatchObject({
      code: '6',
      message: 'Insufficient funds',
    });
  });

  it('retries a GET after 429, waiting what Retry-After asks', async () => {
    waits.length = 0;
    const { fetch, calls } = scriptedFetch([
      {
        status: 429,
        body: '{"error":"rate_limited","message":"slow down"}',
        headers: { 'Retry-After': '2' },
      },
      { status: 200, body: '{"ok":true}' },
    ]);
    const client = createHttpClient({
      service: 'tronnrg',
      baseUrl: 'http://x',
      readError: nrgErrors,
      fetch,
      sleep,
    });
    await expect(client.request({ path: '/supply', schema: ok })).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
    expect(waits[0]).toBeLessThan(2100);
  });

  it('does not repeat a POST without an idempotency key, even on 503', async () => {
    const { fetch, calls } = scriptedFetch([
      { status: 503, body: '{}' },
      { status: 200, body: '{"ok":true}' },
    ]);
    const client = createHttpClient({
      service: '2aml',
      baseUrl: 'http://x',
      readError: () => null,
      fetch,
      sleep,
    });
    await expect(
      client.request({ method: 'POST', path: '/orders', body: {}, schema: ok }),
    ).rejects.toMatchObject({
      status: 503,
    });
    expect(calls).toHaveLength(1);
  });

  it('repeats a POST that carries an idempotency key', async () => {
    const { fetch, calls } = scriptedFetch([
      { status: 503, body: '{}' },
      { status: 200, body: '{"ok":true}' },
    ]);
    const client = createHttpClient({
      service: '2aml',
      baseUrl: 'http://x',
      readError: () => null,
      fetch,
      sleep,
    });
    await expect(
      client.request({ method: 'POST', path: '/orders', body: {}, idempotencyKey: 'k1', schema: ok }),
    ).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(2);
  });

  it('gives up after the last attempt and when Retry-After is longer than it will wait', async () => {
    const three = scriptedFetch([
      { status: 503 },
      { status: 503 },
      { status: 503 },
      { status: 200, body: '{"ok":true}' },
    ]);
    const client = createHttpClient({
      service: 'tronnrg',
      baseUrl: 'http://x',
      readError: () => null,
      fetch: three.fetch,
      sleep,
    });
    await expect(client.request({ path: '/supply', schema: ok })).rejects.toMatchObject({ status: 503 });
    expect(three.calls).toHaveLength(3);

    const long = scriptedFetch([{ status: 429, headers: { 'Retry-After': '120' } }]);
    const patient = createHttpClient({
      service: 'tronnrg',
      baseUrl: 'http://x',
      readError: () => null,
      fetch: long.fetch,
      sleep,
    });
    await expect(patient.request({ path: '/supply', schema: ok })).rejects.toMatchObject({
      retryAfterMs: 120_000,
    });
    expect(long.calls).toHaveLength(1);
  });

  it('times out a request that never answers', async () => {
    const { fetch } = scriptedFetch([{ status: 200, hang: true }]);
    const client = createHttpClient({
      service: 'tronnrg',
      baseUrl: 'http://x',
      readError: () => null,
      fetch,
      sleep,
      maxAttempts: 1,
    });
    await expect(client.request({ path: '/supply', schema: ok, timeoutMs: 50 })).rejects.toMatchObject({
      code: 'timeout',
      status: 0,
    });
  });

  it('names a malformed body and an unexpected shape differently', async () => {
    const { fetch } = scriptedFetch([
      { status: 200, body: '{"ok":tru' },
      { status: 200, body: '{"ok":false}' },
    ]);
    const client = createHttpClient({
      service: 'tronnrg',
      baseUrl: 'http://x',
      readError: () => null,
      fetch,
      sleep,
    });
    await expect(client.request({ method: 'POST', path: '/a', schema: ok })).rejects.toMatchObject({
      code: 'malformed_response',
    });
    await expect(client.request({ method: 'POST', path: '/a', schema: ok })).rejects.toMatchObject({
      code: 'unexpected_response',
    });
  });

  it('sends a raw body byte for byte (signed requests)', async () => {
    const { fetch, calls } = scriptedFetch([{ status: 200, body: '{"ok":true}' }]);
    const client = createHttpClient({ service: 'tronzap', baseUrl: 'http://x', readError: zapErrors, fetch });
    const raw = '{"b":1,  "a":2}';
    await client.request({ method: 'POST', path: '/v1/balance', rawBody: raw, schema: ok });
    expect(calls[0]!.init.body).toBe(raw);
  });
});

describe('an answer whose body stalls', () => {
  /** A fetch that answers 200 at once, then sends the body's first bytes and never the rest. */
  const stallingFetch =
    (contentType: string): typeof fetch =>
    async (_input, init) => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"checkId":'));
          init?.signal?.addEventListener('abort', () => controller.error(init.signal!.reason));
        },
      });
      return new Response(stream, { status: 200, headers: { 'Content-Type': contentType } });
    };

  it('is a transient timeout, never a refusal, for JSON and for downloads', async () => {
    const json = createHttpClient({
      service: '2aml',
      baseUrl: 'http://x',
      readError: nrgErrors,
      fetch: stallingFetch('application/json'),
      timeoutMs: 50,
      maxAttempts: 1,
    });
    const answer = json.request({
      method: 'POST',
      path: '/checks',
      body: {},
      idempotencyKey: 'k1',
      schema: ok,
    });
    await expect(answer).rejects.toBeInstanceOf(ServiceError);
    await expect(answer).rejects.toMatchObject({ code: 'timeout', status: 0, transient: true });

    const pdf = createHttpClient({
      service: '2aml',
      baseUrl: 'http://x',
      readError: nrgErrors,
      fetch: stallingFetch('application/pdf'),
      timeoutMs: 50,
      maxAttempts: 1,
    });
    await expect(pdf.download({ path: '/checks/1/report' })).rejects.toMatchObject({
      code: 'timeout',
      transient: true,
    });
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
