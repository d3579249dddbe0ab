/**
 * What pages see of the merchant's gateway: plain data that crosses the message boundary (decimal
 * text, never bigint), never the API key. Zod-free, so the popup and options pages need no schema
 * code to read it.
 */
import type { Problem } from '../outcome';

export const PAYMENT_ASSET_CHOICES = ['USDT', 'TRX'] as const;
export type PaymentAssetChoice = (typeof PAYMENT_ASSET_CHOICES)[number];
export const PAYMENT_STATUS_CHOICES = ['pending', 'completed', 'expired', 'failed'] as const;

/** The kind name of the durable job that watches one payment until it ends. */
export const PAYMENT_WATCH_KIND = 'payment-watch';

/** The `payments` part of the app view: whether a gateway is set up, and where (no key). */
export interface PaymentsView {
  /** A base URL and a key sealed for its origin are both stored. */
  configured: boolean;
  baseUrl: string | null;
}

/** The form fields a problem may be shown under (the gateway's VALIDATION_ERROR names some). */
export type PaymentField =
  'transactionId' | 'asset' | 'amountUsd' | 'postbackUrl' | 'address' | 'baseUrl' | 'apiKey';

/** A problem of the gateway, with `details` of a VALIDATION_ERROR placed under the field they name. */
export interface GatewayProblem extends Problem {
  fields?: Partial<Record<PaymentField, string>>;
}

/** The field messages of `problem`, if it carries any. */
export function fieldProblems(problem: Problem | null): Partial<Record<PaymentField, string>> {
  return (problem as GatewayProblem | null)?.fields ?? {};
}

/** The on-chain transfer that paid a payment. */
export interface PaymentChainView {
  txid: string;
  fromAddress: string;
  blockTimestamp: number | null;
  blockNumber: number | null;
}

/** One payment as status, history and the unprocessed list report it. */
export interface PaymentView {
  transactionId: string;
  /** A documented status, or the gateway's own word for one it added later. */
  status: string;
  asset: PaymentAssetChoice;
  amountUsd: string;
  amountCrypto: string;
  amountReceived: string | null;
  walletAddress: string;
  createdAt: string | null;
  expiresAt: string | null;
  blockchain: PaymentChainView | null;
}

/** A page of `GET /api/payments`. */
export interface PaymentPageView {
  payments: PaymentView[];
  page: number;
  lastPage: number | null;
  total: number | null;
}

/** The outcome of `resend-postback`. */
export interface PostbackView {
  sent: boolean;
  message: string;
}

/** A receiving wallet. */
export interface WalletView {
  id: number;
  address: string;
  active: boolean;
  usageCount: number | null;
  lastUsedAt: string | null;
}

/** `GET /api/partner/info`, shown by "Test connection". */
export interface PartnerInfoView {
  name: string;
  email: string;
  status: string;
  balance: string | null;
  defaultPostbackUrl: string | null;
  walletsCount: number;
  activeWalletsCount: number;
  maxWallets: number;
}

/** What a `payment-watch` job keeps, as pages read it from the job's data. */
export interface WatchedPaymentData {
  transactionId: string;
  asset: PaymentAssetChoice;
  amountUsd: string;
  amountCrypto: string;
  walletAddress: string;
  walletAddressVerified: boolean;
  expiresAt: number;
  status: string;
  amountReceived: string | null;
  blockchain: PaymentChainView | null;
}

/** How many decimals a decimal text carries. */
export function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** TRX and USDT both carry 6 decimals on chain: a gateway amount written with more says more than a transfer can. */
export const CHAIN_DECIMALS = 6;
