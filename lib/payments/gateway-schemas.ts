/**
 * Tron Payment Gateway `data` payloads (seeds/004). USD amounts are decimal strings with a cents
 * companion. Crypto amounts stay text only: the gateway writes them with 8 decimals (a unique tail
 * per payment) while TRX and USDT have 6 on chain, so no base-unit integer holds them exactly.
 */
import { z } from 'zod';
import { parseUsd } from '../tron/units';
import { usdDecimal } from '../api/amounts';
import { isTronAddress } from '../tron/address';
import { isoTimestamp, tronAddressShape } from '../api/common-schemas';

export const PAYMENT_ASSETS = ['TRX', 'USDT'] as const;
export type PaymentAsset = (typeof PAYMENT_ASSETS)[number];
export const PAYMENT_STATUSES = ['pending', 'completed', 'expired', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** True when watching a payment must stop. */
export function isTerminalPaymentStatus(status: PaymentStatus): boolean {
  return status !== 'pending';
}

/** A crypto amount as the gateway writes it ("100.50000012"): digits and one dot, kept as text. */
const cryptoDecimal = z.string().regex(/^\d+(\.\d+)?$/, { message: 'not a decimal amount' });

/** Adds `amountUsdCents` beside `amount_usd`. */
function withUsdCents<T extends { amount_usd: string }>(payment: T): T & { amountUsdCents: bigint } {
  return { ...payment, amountUsdCents: parseUsd(payment.amount_usd) };
}

/**
 * `POST /api/payment/create`: where and how much the payer sends. `walletAddressVerified` says
 * whether the address's checksum holds; the UI must not offer to pay an address where it does not
 * (the contract's own example address fails it, so the schema cannot simply refuse one).
 */
export const createdPaymentSchema = z
  .object({
    transaction_id: z.string().min(1),
    wallet_address: tronAddressShape,
    asset: z.enum(PAYMENT_ASSETS),
    amount_usd: usdDecimal,
    amount_crypto: cryptoDecimal,
    expires_at: isoTimestamp,
    status: z.enum(PAYMENT_STATUSES),
  })
  .transform((payment) => ({
    ...withUsdCents(payment),
    walletAddressVerified: isTronAddress(payment.wallet_address),
  }));
export type CreatedPayment = z.output<typeof createdPaymentSchema>;

/** The on-chain transfer that paid a completed payment. */
const blockchainSchema = z.object({
  txid: z.string(),
  from_address: z.string(),
  block_timestamp: z.number().int().nonnegative().optional(),
  block_number: z.number().int().nonnegative().optional(),
});

/** A payment as status, history, unprocessed and the postback report it. */
export const paymentSchema = z
  .object({
    transaction_id: z.string().min(1),
    status: z.enum(PAYMENT_STATUSES),
    asset: z.enum(PAYMENT_ASSETS),
    amount_usd: usdDecimal,
    amount_crypto: cryptoDecimal,
    amount_received: cryptoDecimal.nullish(),
    wallet_address: z.string(),
    created_at: isoTimestamp.optional(),
    expires_at: isoTimestamp.optional(),
    blockchain: blockchainSchema.nullish(),
  })
  .transform(withUsdCents);
export type Payment = z.output<typeof paymentSchema>;

/** Rows of a listing: one that does not parse is skipped, never the whole list. */
function tolerantRows<S extends z.ZodType>(row: S) {
  return z.array(z.unknown()).transform((rows) =>
    rows.flatMap((raw): z.output<S>[] => {
      const parsed = row.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    }),
  );
}

/** `GET /api/payments/unprocessed` and the rows of a history page. */
export const paymentRowsSchema = tolerantRows(paymentSchema);

/**
 * `GET /api/payments`: the contract says "with pagination" but shows no body, so both plausible
 * forms are read: a bare array, or an object holding the rows (`payments`, `data` or `items`) beside
 * paging fields (`total`, `page`/`current_page`, `limit`/`per_page`, `last_page`).
 */
export const paymentListSchema = z.union([
  paymentRowsSchema.transform((payments) => ({ payments }) as PaymentList),
  z
    .looseObject({
      payments: paymentRowsSchema.optional(),
      data: paymentRowsSchema.optional(),
      items: paymentRowsSchema.optional(),
      total: z.number().int().nonnegative().optional(),
      page: z.number().int().positive().optional(),
      current_page: z.number().int().positive().optional(),
      limit: z.number().int().positive().optional(),
      per_page: z.number().int().positive().optional(),
      last_page: z.number().int().positive().optional(),
    })
    .refine((list) => list.payments ?? list.data ?? list.items, { message: 'no payment rows' })
    .transform((list): PaymentList => ({
      payments: list.payments ?? list.data ?? list.items ?? [],
      total: list.total,
      page: list.page ?? list.current_page,
      limit: list.limit ?? list.per_page,
      lastPage: list.last_page,
    })),
]);
export interface PaymentList {
  payments: Payment[];
  total?: number;
  page?: number;
  limit?: number;
  lastPage?: number;
}

/** `POST /api/payment/{id}/resend-postback`. */
export const resendPostbackSchema = z.object({ postback_sent: z.boolean(), message: z.string().optional() });

/** A receiving wallet; list rows add usage, add/update answers may carry fewer fields. */
export const partnerWalletSchema = z.object({
  id: z.number().int(),
  address: z.string(),
  is_active: z.boolean(),
  usage_count: z.number().int().nonnegative().optional(),
  last_used_at: isoTimestamp.nullish(),
  created_at: isoTimestamp.optional(),
});
export type PartnerWallet = z.output<typeof partnerWalletSchema>;

/** `GET /api/partner/wallets`, one unreadable row skipped. */
export const walletRowsSchema = tolerantRows(partnerWalletSchema);

/** `GET /api/partner/info`. `balance` is the gateway's own ledger figure, kept as text. */
export const partnerInfoSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  balance: cryptoDecimal.optional(),
  max_wallets: z.number().int().nonnegative(),
  status: z.string(),
  default_postback_url: z.string().nullish(),
  wallets_count: z.number().int().nonnegative(),
  active_wallets_count: z.number().int().nonnegative(),
});
export type PartnerInfo = z.output<typeof partnerInfoSchema>;
