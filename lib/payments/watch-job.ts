/**
 * The `payment-watch` job: one payment followed until the gateway says it ended, whatever happens to
 * the popup or the worker (the job and each answer are stored; the runner's one alarm wakes it).
 *
 * watching → completed | expired | failed. Polled with `GET /api/payment/{id}/status`, often while a
 * customer is likely to pay and less often as time passes; slower again on API_LIMIT_EXCEEDED or an
 * outage (at least the gateway's Retry-After). A payment the gateway has forgotten or a key it no
 * longer accepts ends the watch with the reason; a gateway still saying "pending" long after
 * `expires_at` is given up on.
 */
import { z } from 'zod';
import { ServiceError } from '../http';
import { createLogger } from '../log';
import type { JobKind, Job, StepContext } from '../jobs/runner';
import type { GatewayApi } from './gateway-api';
import { PAYMENT_ASSETS, type Payment } from './gateway-schemas';
import { gatewayProblem, isKeyRejected } from './errors';
import { PAYMENT_WATCH_KIND } from './views';
import { chainProofView } from './view-model';

export { PAYMENT_WATCH_KIND };

const log = createLogger('payments');

/** How long after `expires_at` a payment still reported pending is watched. */
export const GIVE_UP_AFTER_EXPIRY_MS = 60 * 60_000;
const MAX_BACKOFF_MS = 5 * 60_000;
const MAX_RETRY_AFTER_MS = 10 * 60_000;

const chainSchema = z.object({
  txid: z.string(),
  fromAddress: z.string(),
  blockTimestamp: z.number().nullable(),
  blockNumber: z.number().nullable(),
});

export const paymentWatchDataSchema = z.object({
  transactionId: z.string().min(1).max(255),
  /** The gateway origin the payment was created on: the watch never asks another. */
  origin: z.string(),
  asset: z.enum(PAYMENT_ASSETS),
  amountUsd: z.string(),
  amountCrypto: z.string(),
  walletAddress: z.string(),
  walletAddressVerified: z.boolean(),
  expiresAt: z.number(),
  status: z.string(),
  amountReceived: z.string().nullable().default(null),
  blockchain: chainSchema.nullable().default(null),
  /** When the last answer about the payment arrived (null: none yet). */
  checkedAt: z.number().nullable().default(null),
});
export type PaymentWatchData = z.output<typeof paymentWatchDataSchema>;
export type PaymentWatchDataInput = z.input<typeof paymentWatchDataSchema>;

export interface PaymentWatchDeps {
  /** The gateway client for `origin`, or null when the set-up is gone or now names another origin. */
  api(origin: string): Promise<Pick<GatewayApi, 'paymentStatus'> | null>;
  /** The words of a watch that ends without a payment (`not_set_up`, `gave_up`). */
  message(code: 'not_set_up' | 'gave_up'): string;
}

/** How long to wait before asking again about a pending payment created `ageMs` ago. */
export function watchDelayMs(ageMs: number, expiresInMs: number): number {
  if (expiresInMs < 0) return 60_000;
  if (ageMs < 10 * 60_000) return 5_000;
  if (ageMs < 20 * 60_000) return 15_000;
  return 30_000;
}

/** The wait after the `attempts`-th failure in a row (and at least what the gateway asked). */
export function failureDelayMs(attempts: number, retryAfterMs?: number): number {
  const backoff = Math.min(MAX_BACKOFF_MS, 10_000 * 2 ** Math.min(attempts, 8));
  return Math.max(backoff, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}

/** The stored view of what the gateway answered. */
function answered(payment: Payment, now: number): Partial<PaymentWatchData> {
  return {
    status: payment.status,
    amountReceived: payment.amount_received ?? null,
    blockchain: chainProofView(payment.blockchain),
    checkedAt: now,
  };
}

/** The `payment-watch` kind. */
export function createPaymentWatchKind(deps: PaymentWatchDeps): JobKind<PaymentWatchData> {
  async function end(ctx: StepContext<PaymentWatchData>, code: string, message: string) {
    await ctx.save({ state: 'failed', terminal: true, error: { code, message } });
  }

  async function poll(job: Job<PaymentWatchData>, ctx: StepContext<PaymentWatchData>) {
    const api = await deps.api(job.data.origin);
    if (!api) return end(ctx, 'not_set_up', deps.message('not_set_up'));
    let payment: Payment;
    try {
      payment = await api.paymentStatus(job.data.transactionId);
    } catch (error) {
      const problem = gatewayProblem(error);
      const final =
        error instanceof ServiceError &&
        (isKeyRejected(error) || error.code === 'PAYMENT_NOT_FOUND' || error.code === 'invalid_input');
      if (final) return end(ctx, problem.code, problem.message);
      const retryAfterMs = error instanceof ServiceError ? error.retryAfterMs : undefined;
      const delayMs = failureDelayMs(job.attempts, retryAfterMs);
      log.warn(
        `payment ${job.data.transactionId}: no status (${problem.code}); asking again in ${delayMs} ms`,
        error,
      );
      await ctx.save({
        attempts: job.attempts + 1,
        nextRunAt: ctx.now() + delayMs,
        error: { code: problem.code, message: problem.message },
      });
      return;
    }
    const now = ctx.now();
    if (payment.status !== 'pending') {
      log.info(`payment ${job.data.transactionId} ended: ${payment.status}`);
      await ctx.save({
        state: payment.status,
        terminal: true,
        attempts: 0,
        error: null,
        data: answered(payment, now),
      });
      return;
    }
    if (now - job.data.expiresAt > GIVE_UP_AFTER_EXPIRY_MS) {
      await ctx.save({ data: answered(payment, now) });
      return end(ctx, 'gave_up', deps.message('gave_up'));
    }
    await ctx.save({
      attempts: 0,
      error: null,
      data: answered(payment, now),
      nextRunAt: now + watchDelayMs(now - job.createdAt, job.data.expiresAt - now),
    });
  }

  return {
    kind: PAYMENT_WATCH_KIND,
    dataSchema: paymentWatchDataSchema as z.ZodType<PaymentWatchData>,
    async step(job, ctx) {
      if (job.state === 'watching') return poll(job, ctx);
      // A terminal state is never stepped; anything else is a corrupt record.
      await end(ctx, 'corrupt_job', deps.message('gave_up'));
    },
  };
}
