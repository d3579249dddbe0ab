/**
 * The `zap-tx` job: one TronZap order (energy, bandwidth or an activation), charged to the person's
 * prepaid TronZap balance exactly once.
 *
 *   creating {externalId} → placed {transactionId} → confirming → ready
 *                      ↘ uncertain → (placed | failed: not placed)      ↘ failed
 *
 * `external_id` is written before `transaction/new` is sent (write-ahead). The docs do not say it
 * de-duplicates, so an answer that is lost, stalled or unreadable is never followed by a second
 * create: `transaction/check` with that `external_id` says whether the order exists. "Ready" means
 * the chain shows it (the receiver's energy or bandwidth limit grew by the amount, or the address
 * exists), not only TronZap's word.
 */
import { z } from 'zod';
import type { Job, JobKind, StepContext } from '@/lib/jobs/runner';
import { ServiceError } from '@/lib/http';
import { nextOrderPollAt, orderPollFailed, ORDER_GIVE_UP_AFTER_MS } from '@/lib/jobs/retry';
import { tronAddress } from '@/lib/api/common-schemas';
import type { TronZapApi } from './tronzap-api';
import type { ZapTransaction } from './tronzap-schemas';

import { ZAP_ORDER_KIND } from './job-names';

export { ZAP_ORDER_KIND };
export const ZAP_SERVICES = ['energy', 'bandwidth', 'activate_address'] as const;
export type ZapOrderService = (typeof ZAP_SERVICES)[number];

/**
 * "Not found" is believed only when asked three times and two minutes after the create was sent: a
 * create whose answer was lost may itself still be on its way, and TronZap may list a new order late.
 */
const NOT_FOUND_BELIEVED_AFTER = 3;
const NOT_PLACED_AFTER_MS = 2 * 60_000;
/** How long TronZap's "success" may take to show on the chain before the job says it does not. */
const CHAIN_GRACE_MS = 10 * 60_000;

export const zapOrderDataSchema = z.object({
  service: z.enum(ZAP_SERVICES),
  receiver: tronAddress,
  /** Energy or bandwidth units; absent for an activation. */
  amount: z.number().int().positive().optional(),
  durationHours: z.union([z.literal(1), z.literal(24)]).optional(),
  /** Ours, written before the create call: the handle on an order whose answer was lost. */
  externalId: z.string().min(1).max(128),
  /** The TronZap origin the order started on; its credentials are used for nothing else. */
  origin: z.string().min(1),
  /** The receiver's limit of the resource bought (or 0/1 for "exists") read before ordering. */
  resourceBefore: z.number().int().nonnegative(),
  transactionId: z.string().optional(),
  /** What TronZap charged, sun as a decimal string. */
  priceSun: z.string().regex(/^\d+$/).optional(),
  hash: z.string().optional(),
  notFoundChecks: z.number().int().nonnegative().default(0),
  /** When `transaction/new` was sent (the state was `uncertain` from then on). */
  createSentAt: z.number().optional(),
  polls: z.number().int().nonnegative().default(0),
  /** When TronZap said success (the chain then has `CHAIN_GRACE_MS` to show it). */
  deliveredAt: z.number().optional(),
});
export type ZapOrderData = z.output<typeof zapOrderDataSchema>;
export type ZapOrderDataInput = z.input<typeof zapOrderDataSchema>;

/** The codes a zap-tx job ends with, beyond TronZap's own (seeds/002). */
export type ZapOrderEndCode = 'not_placed' | 'not_on_chain' | 'credentials_gone' | 'unreachable';

export interface ZapOrderDeps {
  /** A client for `origin` with the credentials kept for it, or null when none are. */
  api(origin: string): Promise<TronZapApi | null>;
  /** The receiver's current limit of `service`'s resource (1 when it exists, for an activation). */
  resourceNow(service: ZapOrderService, receiver: string): Promise<number>;
  /** The readable message of a TronZap error or one of ours. */
  message(code: string): string;
}

/** The receiver's resource has grown by what was bought (an activation: the address exists). */
export function shownOnChain(data: Pick<ZapOrderData, 'service' | 'amount' | 'resourceBefore'>, now: number) {
  if (data.service === 'activate_address') return now > 0;
  return now >= data.resourceBefore + (data.amount ?? 0);
}

/** A refusal TronZap documents for a request that was not carried out (nothing charged). */
function isDocumentedRefusal(error: unknown): error is ServiceError {
  return (
    error instanceof ServiceError && !error.transient && /^(1|2|5|6|10|11|12|24|25|35)$/.test(error.code)
  );
}

/** The `transaction/new` input of an order. */
function orderOf(data: ZapOrderData): Parameters<TronZapApi['createTransaction']>[0] {
  const { service, receiver: address, externalId } = data;
  if (service === 'activate_address') return { service, address, externalId };
  return { service, address, externalId, amount: data.amount ?? 0, durationHours: data.durationHours ?? 1 };
}

/** Creates the kind; the background passes the real clients, tests the sandbox's. */
export function createZapOrderKind(deps: ZapOrderDeps): JobKind<ZapOrderData> {
  async function fail(context: StepContext<ZapOrderData>, code: string) {
    await context.save({
      state: 'failed',
      terminal: true,
      nextRunAt: null,
      error: { code, message: deps.message(code) },
    });
  }

  /** Follows an order TronZap answered about: scheduled again, confirming on the chain, or failed. */
  async function follow(job: Job<ZapOrderData>, context: StepContext<ZapOrderData>, tx: ZapTransaction) {
    const data = {
      transactionId: tx.id,
      priceSun: tx.amount.sun.toString(),
      hash: tx.hash,
      notFoundChecks: 0,
    };
    if (tx.status === 'failed') {
      await context.save({
        data,
        state: 'failed',
        terminal: true,
        nextRunAt: null,
        error: { code: 'failed', message: deps.message('failed') },
      });
    } else if (tx.status === 'success') {
      await context.save({
        data: { ...data, deliveredAt: context.now(), polls: 0 },
        state: 'confirming',
        nextRunAt: context.now(),
        error: null,
      });
    } else {
      await context.save({
        data: { ...data, polls: job.data.polls + 1 },
        state: 'placed',
        nextRunAt: nextOrderPollAt(job.data.polls, context),
        error: null,
      });
    }
  }

  /** A failure to reach TronZap: asked again later, for a day at most. */
  async function later(
    job: Job<ZapOrderData>,
    context: StepContext<ZapOrderData>,
    state: string,
    error: unknown,
  ) {
    if (context.now() - job.createdAt > ORDER_GIVE_UP_AFTER_MS) return fail(context, 'unreachable');
    await context.save({ state, ...orderPollFailed(job.data.polls, context, error, deps.message) });
  }

  return {
    kind: ZAP_ORDER_KIND,
    pollsOrders: true,
    dataSchema: zapOrderDataSchema,
    async step(job, context) {
      const api = await deps.api(job.data.origin);
      if (job.state === 'confirming') {
        const now = await deps.resourceNow(job.data.service, job.data.receiver).catch(() => undefined);
        if (now !== undefined && shownOnChain(job.data, now)) {
          await context.save({ state: 'ready', terminal: true, nextRunAt: null, error: null });
        } else if (context.now() - (job.data.deliveredAt ?? job.createdAt) > CHAIN_GRACE_MS) {
          await fail(context, 'not_on_chain');
        } else {
          await context.save({
            data: { polls: job.data.polls + 1 },
            nextRunAt: nextOrderPollAt(job.data.polls, context),
          });
        }
        return;
      }
      if (!api) {
        // Before the create nothing was charged; after it the order exists but can no longer be
        // followed from here (TronZap's dashboard still shows it).
        return fail(context, job.state === 'creating' ? 'not_set_up' : 'credentials_gone');
      }

      if (job.state === 'creating') {
        // Marked uncertain first: a worker stopped during the call must not create again.
        await context.save({ state: 'uncertain', data: { createSentAt: context.now() } });
        try {
          const tx = await api.createTransaction(orderOf(job.data));
          return follow(job, context, tx);
        } catch (error) {
          if (isDocumentedRefusal(error)) return fail(context, error.code);
          // Lost, stalled, unreadable or a 500: the order may exist. Ask, never create again.
          return later(job, context, 'uncertain', error);
        }
      }

      const byWhat = job.data.transactionId
        ? { id: job.data.transactionId }
        : { externalId: job.data.externalId };
      try {
        const tx = await api.checkTransaction(byWhat);
        return follow(job, context, tx);
      } catch (error) {
        if (error instanceof ServiceError && error.code === '20' && job.state === 'uncertain') {
          const checks = job.data.notFoundChecks + 1;
          const sentAgo = context.now() - (job.data.createSentAt ?? job.createdAt);
          if (checks >= NOT_FOUND_BELIEVED_AFTER && sentAgo > NOT_PLACED_AFTER_MS)
            return fail(context, 'not_placed');
          await context.save({ data: { notFoundChecks: checks }, nextRunAt: context.now() + 5_000 });
          return;
        }
        return later(job, context, job.state, error);
      }
    },
  };
}
