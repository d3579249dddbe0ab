/** Rent TRON Energy quotes and orders (seeds/000 §12–15). */
import { z } from 'zod';
import { trxDecimal, withSunAmounts } from '../api/amounts';
import { isoTimestamp } from '../api/common-schemas';
import { tolerantPageOf } from '../twoaml/tolerant-list';

/** The documented order statuses; only the last three are terminal. */
export const ENERGY_ORDER_STATUSES = [
  'pending_confirmation',
  'processing',
  'completed',
  'refunded',
  'failed',
] as const;
export type EnergyOrderStatus = (typeof ENERGY_ORDER_STATUSES)[number];

/** True when polling must stop (the contract's terminal statuses). */
export function isTerminalOrderStatus(status: EnergyOrderStatus): boolean {
  return status === 'completed' || status === 'refunded' || status === 'failed';
}

/** `GET /quote`. */
export const energyQuoteSchema = withSunAmounts(
  z.object({
    receiver: z.string(),
    energy: z.number().int().positive(),
    duration: z.number().int().nonnegative(),
    period: z.string(),
    amountTrx: trxDecimal,
    currency: z.string(),
    orderingAvailable: z.boolean(),
  }),
  ['amountTrx'],
);
export type EnergyQuote = z.output<typeof energyQuoteSchema>;

/**
 * An order as `POST /orders`, `GET /orders` and `GET /orders/:id` return it. The create answer adds
 * the wallet balance and `idempotencyStatus` (`completed`, `replayed`, or a pending state while the
 * first request with the same key is being finalized); the later reads add `transactionHash`.
 */
export const energyOrderSchema = withSunAmounts(
  z.object({
    energyOrderId: z.string().min(1),
    orderId: z.string(),
    status: z.enum(ENERGY_ORDER_STATUSES),
    receiver: z.string(),
    energy: z.number().int().positive(),
    duration: z.number().int().nonnegative().nullish(),
    period: z.string().nullish(),
    amountTrx: trxDecimal,
    chargedAmountTrx: trxDecimal.nullish(),
    walletAvailableBalanceTrx: trxDecimal.optional(),
    transactionHash: z.string().nullish(),
    idempotencyStatus: z.string().optional(),
    message: z.string().optional(),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
  }),
  ['amountTrx', 'chargedAmountTrx', 'walletAvailableBalanceTrx'],
);
export type EnergyOrder = z.output<typeof energyOrderSchema>;

/** `GET /orders`: one unreadable row is skipped (and counted), never the whole page. */
export const energyOrdersSchema = tolerantPageOf(energyOrderSchema);
