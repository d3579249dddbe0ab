/** The `payment-watch` job: followed until the gateway says it ended, slower with time and when told to. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '@/lib/http';
import type { Job, JobPatch, StepContext } from '@/lib/jobs/runner';
import type { Payment } from '@/lib/payments/gateway-schemas';
import {
  createPaymentWatchKind,
  paymentWatchDataSchema,
  watchDelayMs,
  type PaymentWatchData,
} from '@/lib/payments/watch-job';
import { serveShippedMessages } from '../shipped-messages';

beforeAll(serveShippedMessages);

const ORIGIN = 'https://pay.merchant.example';
const T0 = 1_800_000_000_000;

function job(overrides: Partial<Job<PaymentWatchData>> = {}): Job<PaymentWatchData> {
  return {
    id: 'job-1',
    kind: 'payment-watch',
    state: 'watching',
    terminal: false,
    createdAt: T0,
    updatedAt: T0,
    nextRunAt: T0,
    attempts: 0,
    error: null,
    log: [{ state: 'watching', at: T0 }],
    data: paymentWatchDataSchema.parse({
      transactionId: 'order_1',
      origin: ORIGIN,
      asset: 'USDT',
      amountUsd: '12.34',
      amountCrypto: '12.34000100',
      walletAddress: 'TNYmcW4cAyczQzj5QXHBa4FwxMPRw4DgiD',
      walletAddressVerified: true,
      expiresAt: T0 + 30 * 60_000,
      status: 'pending',
    }),
    ...overrides,
  };
}

/** A step context at `now` that records every patch. */
function context(now: number) {
  const patches: JobPatch<PaymentWatchData>[] = [];
  const ctx: StepContext<PaymentWatchData> = {
    now: () => now,
    watched: () => false,
    save: async (patch) => {
      patches.push(patch);
      return job();
    },
  };
  return { ctx, patches, last: () => patches.at(-1)! };
}

const pending = { status: 'pending' } as Payment;
const completed = {
  status: 'completed',
  amount_received: '12.34000100',
  blockchain: {
    txid: 'ab'.repeat(32),
    from_address: 'TSender',
    block_timestamp: T0 + 1000,
    block_number: 41,
  },
} as Payment;

function kindAnswering(answer: () => Promise<Payment>, origins: string[] = []) {
  return createPaymentWatchKind({
    api: async (origin) => {
      origins.push(origin);
      return origin === ORIGIN ? { paymentStatus: answer } : null;
    },
    message: (code) => `message:${code}`,
  });
}

describe('payment-watch', () => {
  it('ends completed with what was received, from whom, in which transaction', async () => {
    const { ctx, last } = context(T0 + 60_000);
    await kindAnswering(async () => completed).step(job(), ctx);
    expect(last()).toMatchObject({
      state: 'completed',
      terminal: true,
      data: {
        status: 'completed',
        amountReceived: '12.34000100',
        blockchain: { txid: 'ab'.repeat(32), fromAddress: 'TSender', blockNumber: 41 },
      },
    });
  });

  it.each(['expired', 'failed'])('ends %s when the gateway says so', async (status) => {
    const { ctx, last } = context(T0 + 31 * 60_000);
    await kindAnswering(async () => ({ status }) as Payment).step(job(), ctx);
    expect(last()).toMatchObject({ state: status, terminal: true });
  });

  it('asks again soon while the payment is young, and less often as time passes', async () => {
    const early = context(T0 + 60_000);
    await kindAnswering(async () => pending).step(job(), early.ctx);
    expect(early.last().nextRunAt).toBe(T0 + 60_000 + 5_000);
    const late = context(T0 + 25 * 60_000);
    await kindAnswering(async () => pending).step(job(), late.ctx);
    expect(late.last().nextRunAt).toBe(T0 + 25 * 60_000 + 30_000);
    expect(watchDelayMs(0, -1)).toBe(60_000);
  });

  it('backs off on API_LIMIT_EXCEEDED, at least as long as Retry-After asks', async () => {
    const limited = new ServiceError({
      service: 'gateway',
      status: 503,
      code: 'API_LIMIT_EXCEEDED',
      message: 'limit',
      retryAfterMs: 45_000,
    });
    const { ctx, last } = context(T0);
    await kindAnswering(() => Promise.reject(limited)).step(job({ attempts: 0 }), ctx);
    expect(last()).toMatchObject({
      attempts: 1,
      nextRunAt: T0 + 45_000,
      error: { code: 'API_LIMIT_EXCEEDED' },
    });
    expect(last().terminal).toBeUndefined();
    // Later failures wait longer.
    const again = context(T0);
    await kindAnswering(() => Promise.reject(limited)).step(job({ attempts: 4 }), again.ctx);
    expect(again.last().nextRunAt).toBe(T0 + 160_000);
  });

  it('ends when the gateway no longer accepts the key or knows the payment', async () => {
    for (const error of [
      new ServiceError({ service: 'gateway', status: 401, code: 'UNAUTHORIZED', message: 'x' }),
      new ServiceError({ service: 'gateway', status: 404, code: 'PAYMENT_NOT_FOUND', message: 'x' }),
    ]) {
      const { ctx, last } = context(T0);
      await kindAnswering(() => Promise.reject(error)).step(job(), ctx);
      expect(last()).toMatchObject({ state: 'failed', terminal: true });
    }
  });

  it('never asks a gateway on another origin than the payment was made on', async () => {
    const origins: string[] = [];
    const { ctx, last } = context(T0);
    let asked = false;
    const kind = kindAnswering(async () => {
      asked = true;
      return pending;
    }, origins);
    await kind.step(job({ data: { ...job().data, origin: 'https://elsewhere.example' } }), ctx);
    expect(asked).toBe(false);
    expect(last()).toMatchObject({ state: 'failed', terminal: true, error: { code: 'not_set_up' } });
  });

  it('gives up on a gateway still saying pending an hour after expiry', async () => {
    const { ctx, last } = context(T0 + 30 * 60_000 + 61 * 60_000);
    await kindAnswering(async () => pending).step(job(), ctx);
    expect(last()).toMatchObject({ state: 'failed', terminal: true, error: { code: 'gave_up' } });
  });
});
