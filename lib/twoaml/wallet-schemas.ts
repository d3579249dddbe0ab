/**
 * 2aml wallet responses (seeds/000 §7–11, seeds/003 §7–11). The two namespaces differ: the AML one
 * adds the credit balance to the summary, ids to top-ups, and ties history rows to tx hashes, plans
 * and check requests instead of energy orders. TRX fields keep their text and gain `…Sun` bigints.
 */
import { z } from 'zod';
import { trxDecimal, withSunAmounts } from '../api/amounts';
import { isoTimestamp, tronAddress } from '../api/common-schemas';
import { tolerantPageOf } from './tolerant-list';

const balances = {
  availableBalanceTrx: trxDecimal,
  reservedBalanceTrx: trxDecimal,
  status: z.string(),
  currency: z.string(),
};

/** `GET /wallet/summary` of Rent TRON Energy. */
export const energyWalletSummarySchema = withSunAmounts(z.object(balances), [
  'availableBalanceTrx',
  'reservedBalanceTrx',
]);
export type EnergyWalletSummary = z.output<typeof energyWalletSummarySchema>;

/** `GET /wallet/summary` of Wallet AML Check: the TRX wallet plus the AML credit balance. */
export const amlWalletSummarySchema = withSunAmounts(
  z.object({ ...balances, amlCreditsBalance: z.number().int().nonnegative() }),
  ['availableBalanceTrx', 'reservedBalanceTrx'],
);
export type AmlWalletSummary = z.output<typeof amlWalletSummarySchema>;

/**
 * `GET /wallet/deposit-instructions` (both namespaces; only the AML one documents
 * `depositRouteStatus`). The deposit address is checksum-verified: the user sends TRX to it.
 */
export const depositInstructionsSchema = withSunAmounts(
  z.object({
    network: z.string(),
    depositAddress: tronAddress,
    // Only the memo the docs show as null may be missing: without one, none is needed.
    depositMemo: z
      .string()
      .nullish()
      .transform((memo) => memo ?? null),
    memoRequired: z.boolean(),
    depositRouteStatus: z.string().optional(),
    minDepositTrx: trxDecimal,
    minConfirmations: z.number().int().nonnegative(),
    confirmationPolicy: z.string().optional(),
  }),
  ['minDepositTrx'],
);
export type DepositInstructions = z.output<typeof depositInstructionsSchema>;

const historyEntry = {
  type: z.string(),
  direction: z.enum(['credit', 'debit']),
  status: z.string(),
  amountTrx: trxDecimal,
  availableBalanceTrx: trxDecimal,
  reservedBalanceTrx: trxDecimal,
  description: z.string().nullish(),
  createdAt: isoTimestamp,
};
const historyAmounts = ['amountTrx', 'availableBalanceTrx', 'reservedBalanceTrx'] as const;

/** One row of the energy wallet feed (top-ups, energy reservations, charges, refunds). */
export const energyWalletHistoryEntrySchema = withSunAmounts(
  z.object({ ...historyEntry, orderId: z.string().nullish(), energyOrderId: z.string().nullish() }),
  historyAmounts,
);
export const energyWalletHistorySchema = tolerantPageOf(energyWalletHistoryEntrySchema);
export type EnergyWalletHistoryEntry = z.output<typeof energyWalletHistoryEntrySchema>;

/** One row of the AML wallet feed (top-ups, credit-pack purchases, check charges, refunds). */
export const amlWalletHistoryEntrySchema = withSunAmounts(
  z.object({
    ...historyEntry,
    id: z.number().int(),
    txHash: z.string().nullish(),
    planCode: z.string().nullish(),
    checkRequestId: z.number().int().nullish(),
  }),
  historyAmounts,
);
export const amlWalletHistorySchema = tolerantPageOf(amlWalletHistoryEntrySchema);
export type AmlWalletHistoryEntry = z.output<typeof amlWalletHistoryEntrySchema>;

/** A wallet top-up; `topupId` is documented by the AML namespace only. */
export const topupSchema = withSunAmounts(
  z.object({
    topupId: z.number().int().optional(),
    txHash: z.string(),
    amountTrx: trxDecimal,
    status: z.string(),
    senderAddress: z.string(),
    createdAt: isoTimestamp,
    creditedAt: isoTimestamp.nullish(),
  }),
  ['amountTrx'],
);
export const topupsSchema = tolerantPageOf(topupSchema);
export type Topup = z.output<typeof topupSchema>;

/** `POST /wallet/topups/reconcile` of Rent TRON Energy. */
export const energyReconcileSchema = z.object({ topup: topupSchema, wallet: energyWalletSummarySchema });
/** `POST /wallet/topups/reconcile` of Wallet AML Check (the wallet carries the credit balance). */
export const amlReconcileSchema = z.object({ topup: topupSchema, wallet: amlWalletSummarySchema });
