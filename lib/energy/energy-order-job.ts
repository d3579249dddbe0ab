/**
 * The `energy-order` job: one 2aml Rent TRON Energy order (seeds/000 §13–15), billed from the
 * person's 2aml wallet exactly once.
 *
 *   creating {orderId, idempotencyKey} → placed {energyOrderId} → confirming → ready
 *                                                         ↘ refunded | failed
 *
 * `orderId` and `idempotencyKey` are written before the first `POST /orders`. 2aml promises that the
 * same key returns the stored result (`idempotencyStatus: replayed`, or a pending state while the
 * first request is finalized), so an answer that is lost, stalled or unreadable is followed by the
 * same request with the same key, never a new key. Polling stops at a terminal status and keeps
 * `energyOrderId` exactly as returned; "ready" means the receiver's energy limit on the chain grew.
 */
import { z } from 'zod';
import type { Job, JobKind, StepContext } from '@/lib/jobs/runner';
import { ServiceError } from '@/lib/http';
import { nextOrderPollAt, orderPollFailed, ORDER_GIVE_UP_AFTER_MS } from '@/lib/jobs/retry';
import { tronAddress } from '@/lib/api/common-schemas';
import type { TwoAmlEnergyApi } from './twoaml-orders-api';
import type { EnergyOrder } from './twoaml-order-schemas';

import { ENERGY_ORDER_KIND } from './job-names';

export { ENERGY_ORDER_KIND };
export const ENERGY_ORDER_PERIODS = ['1H', '1D', '3D', '30D'] as const;

/** How long 2aml's "completed" may take to show on the chain before the job says it does not. */
const CHAIN_GRACE_MS = 10 * 60_000;

export const energyOrderDataSchema = z.object({
  receiver: tronAddress,
  energy: z.number().int().min(10_000),
  period: z.enum(ENERGY_ORDER_PERIODS),
  /** Ours, written before the first create: the business id 2aml stores with the order. */
  orderId: z.string().min(1).max(128),
  idempotencyKey: z.string().min(1).max(128),
  /** The signed-in 2aml user the order is billed to; another user's session never continues it. */
  userId: z.number().int(),
  /** The receiver's energy limit read before ordering. */
  energyBefore: z.number().int().nonnegative(),
  /** The price quoted and confirmed, sun as a decimal string. */
  priceSun: z.string().regex(/^\d+$/),
  energyOrderId: z.string().optional(),
  chargedSun: z.string().regex(/^\d+$/).optional(),
  status: z.string().optional(),
  polls: z.number().int().nonnegative().default(0),
  completedAt: z.number().optional(),
});
export type EnergyOrderData = z.output<typeof energyOrderDataSchema>;
export type EnergyOrderDataInput = z.input<typeof energyOrderDataSchema>;

export interface EnergyOrderDeps {
  /** The energy API of the signed-in session, and whose session it is (null when signed out). */
  session(): Promise<{ api: TwoAmlEnergyApi; userId: number } | null>;
  /** The receiver's current energy limit on the chain. */
  energyLimit(receiver: string): Promise<number>;
  /** The readable message of a 2aml error code or one of ours. */
  message(code: string): string;
}

/** Codes that mean 2aml refused the order without charging (seeds/000 error table). */
const REFUSALS = new Set(['400', '402', '403', '404', '409', '422']);

/** Creates the kind; the background passes the real session, tests the sandbox's. */
export function createEnergyOrderKind(deps: EnergyOrderDeps): JobKind<EnergyOrderData> {
  async function end(context: StepContext<EnergyOrderData>, state: string, code: string | null) {
    await context.save({
      state,
      terminal: true,
      nextRunAt: null,
      error: code === null ? null : { code, message: deps.message(code) },
    });
  }

  /** Follows what 2aml said of the order: keep polling, confirm on the chain, or end. */
  async function follow(
    job: Job<EnergyOrderData>,
    context: StepContext<EnergyOrderData>,
    order: EnergyOrder,
  ) {
    const data = {
      energyOrderId: order.energyOrderId,
      status: order.status,
      chargedSun: (order.chargedAmountSun ?? order.amountSun).toString(),
    };
    if (order.status === 'completed') {
      await context.save({
        data: { ...data, completedAt: context.now(), polls: 0 },
        state: 'confirming',
        nextRunAt: context.now(),
        error: null,
      });
    } else if (order.status === 'refunded' || order.status === 'failed') {
      await context.save({ data });
      await end(context, order.status, order.status);
    } else {
      await context.save({
        data: { ...data, polls: job.data.polls + 1 },
        state: 'placed',
        nextRunAt: nextOrderPollAt(job.data.polls, context),
        error: null,
      });
    }
  }

  async function later(job: Job<EnergyOrderData>, context: StepContext<EnergyOrderData>, error: unknown) {
    if (context.now() - job.createdAt > ORDER_GIVE_UP_AFTER_MS) return end(context, 'failed', 'unreachable');
    await context.save(orderPollFailed(job.data.polls, context, error, deps.message));
  }

  return {
    kind: ENERGY_ORDER_KIND,
    pollsOrders: true,
    dataSchema: energyOrderDataSchema,
    async step(job, context) {
      if (job.state === 'confirming') {
        const limit = await deps.energyLimit(job.data.receiver).catch(() => undefined);
        if (limit !== undefined && limit >= job.data.energyBefore + job.data.energy) {
          await end(context, 'ready', null);
        } else if (context.now() - (job.data.completedAt ?? job.createdAt) > CHAIN_GRACE_MS) {
          await end(context, 'failed', 'not_on_chain');
        } else {
          await context.save({
            data: { polls: job.data.polls + 1 },
            nextRunAt: nextOrderPollAt(job.data.polls, context),
          });
        }
        return;
      }
      const session = await deps.session();
      if (!session || session.userId !== job.data.userId) {
        // Nothing was sent yet, or the order stays with the account that placed it: wait for it.
        if (job.state === 'creating' && !job.data.energyOrderId && job.attempts === 0)
          return end(context, 'failed', 'signed_out');
        await context.save({
          nextRunAt: null,
          error: { code: 'signed_out', message: deps.message('signed_out') },
        });
        return;
      }

      if (job.state === 'creating') {
        await context.save({ attempts: job.attempts + 1 });
        try {
          const order = await session.api.createOrder({
            orderId: job.data.orderId,
            receiver: job.data.receiver,
            energy: job.data.energy,
            period: job.data.period,
            idempotencyKey: job.data.idempotencyKey,
          });
          return follow(job, context, order);
        } catch (error) {
          // 409: the first request with this key is still being finalized; the docs say reuse the key later.
          if (
            error instanceof ServiceError &&
            !error.transient &&
            error.code !== 'idempotency_in_progress' &&
            REFUSALS.has(String(error.status))
          )
            return end(context, 'failed', error.code);
          // Lost, stalled, unreadable or a bare pending replay: the same key again, later.
          return later(job, context, error);
        }
      }

      try {
        return follow(job, context, await session.api.getOrder(job.data.energyOrderId!));
      } catch (error) {
        return later(job, context, error);
      }
    },
  };
}
