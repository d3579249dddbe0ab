/**
 * The documented response shapes of both 2aml namespaces (seeds 000 and 003), as strict zod objects:
 * a test that parses a response with one of these fails on a missing, extra or mistyped field.
 */
import { z } from 'zod';

const isoDate = z.iso.datetime();
const trx6 = z.string().regex(/^\d+\.\d{6}$/);
const trx8 = z.string().regex(/^\d+\.\d{8}$/);
const tronAddress = z.string().regex(/^T[1-9A-HJ-NP-Za-km-z]{33}$/);
const txHash = z.string().regex(/^[0-9a-f]{64}$/);

export const userSchema = z.strictObject({
  id: z.number().int(),
  email: z.string(),
  isActive: z.boolean(),
  role: z.string(),
  referralCode: z.string(),
  referredByUserId: z.number().int().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  displayName: z.string().nullable(),
  emailVerifiedAt: isoDate.nullable(),
  pendingEmail: z.string().nullable(),
  pendingEmailRequestedAt: isoDate.nullable(),
  twoFactorEnabled: z.boolean(),
  twoFactorEnabledAt: isoDate.nullable(),
  twoFactorPendingSetup: z.boolean(),
});

export const registerSchema = z.strictObject({
  accessToken: z.string().min(20),
  user: userSchema,
  emailVerificationRequired: z.boolean(),
  verificationEmailSent: z.boolean(),
  message: z.string(),
});

export const authenticatedSchema = z.strictObject({
  status: z.literal('authenticated'),
  accessToken: z.string().min(20),
  user: userSchema,
  message: z.string(),
});

export const twoFactorRequiredSchema = z.strictObject({
  status: z.literal('two_factor_required'),
  loginChallengeToken: z.string().min(10),
  loginChallengeExpiresAt: isoDate,
  message: z.string(),
});

export const verificationRequiredSchema = z.strictObject({
  status: z.literal('email_verification_required'),
  verificationEmailSent: z.boolean(),
  message: z.string(),
});

export const verifyRequestSchema = z.strictObject({ success: z.literal(true), message: z.string() });

export const verifyConfirmSchema = z.strictObject({
  success: z.literal(true),
  message: z.string(),
  purpose: z.literal('verify_email'),
  email: z.string(),
  sessionsRevoked: z.boolean(),
});

export const errorEnvelopeSchema = z.strictObject({
  statusCode: z.number().int(),
  timestamp: isoDate,
  path: z.string().startsWith('/external/'),
  error: z.strictObject({ message: z.string().min(1) }),
});

export const energyWalletSummarySchema = z.strictObject({
  availableBalanceTrx: trx6,
  reservedBalanceTrx: trx6,
  status: z.string(),
  currency: z.literal('TRX'),
});

export const amlWalletSummarySchema = energyWalletSummarySchema.extend({
  amlCreditsBalance: z.number().int(),
});

export const energyDepositSchema = z.strictObject({
  network: z.literal('tron'),
  depositAddress: tronAddress,
  depositMemo: z.string().nullable(),
  memoRequired: z.boolean(),
  minDepositTrx: trx6,
  minConfirmations: z.number().int(),
  confirmationPolicy: z.string(),
});

export const amlDepositSchema = energyDepositSchema.extend({ depositRouteStatus: z.string() });

const energyHistoryBase = z.strictObject({
  type: z.enum(['topup', 'energy_reservation', 'energy_charge', 'energy_refund']),
  direction: z.enum(['credit', 'debit']),
  status: z.string(),
  amountTrx: trx8,
  availableBalanceTrx: trx8,
  reservedBalanceTrx: trx8,
  orderId: z.string().optional(),
  energyOrderId: z.string().optional(),
  description: z.string(),
  createdAt: isoDate,
});
export const energyHistoryRowSchema = energyHistoryBase;

export const amlHistoryRowSchema = z.strictObject({
  id: z.number().int(),
  type: z.enum(['topup', 'aml_credit_purchase', 'aml_check_charge', 'aml_refund']),
  direction: z.enum(['credit', 'debit']),
  status: z.string(),
  amountTrx: trx8,
  availableBalanceTrx: trx8,
  reservedBalanceTrx: trx8,
  txHash: txHash.nullable(),
  planCode: z.string().nullable(),
  checkRequestId: z.number().int().nullable(),
  description: z.string(),
  createdAt: isoDate,
});

export const energyTopupSchema = z.strictObject({
  txHash,
  amountTrx: trx8,
  status: z.literal('credited'),
  senderAddress: tronAddress,
  createdAt: isoDate,
  creditedAt: isoDate,
});

export const amlTopupSchema = energyTopupSchema.extend({ topupId: z.number().int() });

/** `{data, total, page, limit}` around `row`. */
export function pageSchema<T extends z.ZodType>(row: T) {
  return z.strictObject({
    data: z.array(row),
    total: z.number().int(),
    page: z.number().int(),
    limit: z.number().int(),
  });
}

export const quoteSchema = z.strictObject({
  receiver: tronAddress,
  energy: z.number().int(),
  duration: z.number().int(),
  period: z.string(),
  amountTrx: trx6,
  currency: z.literal('TRX'),
  orderingAvailable: z.boolean(),
});

const orderStatus = z.enum(['pending_confirmation', 'processing', 'completed', 'refunded', 'failed']);

export const createdOrderSchema = z.strictObject({
  energyOrderId: z.string(),
  orderId: z.string(),
  status: orderStatus,
  receiver: tronAddress,
  energy: z.number().int(),
  duration: z.number().int(),
  period: z.string(),
  amountTrx: trx6,
  chargedAmountTrx: trx6,
  walletAvailableBalanceTrx: trx6,
  idempotencyStatus: z.enum(['completed', 'replayed', 'pending']),
  message: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const orderSchema = z.strictObject({
  energyOrderId: z.string(),
  orderId: z.string(),
  status: orderStatus,
  receiver: tronAddress,
  energy: z.number().int(),
  duration: z.number().int(),
  period: z.string(),
  amountTrx: trx6,
  chargedAmountTrx: trx6,
  transactionHash: z.string().nullable(),
  message: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

const expirationPolicy = z.strictObject({ mode: z.literal('fixed_days'), expiresInDays: z.number().int() });
const pricing = z.strictObject({
  listPriceTrx: trx6,
  finalPriceTrx: trx6,
  discountRatePercent: z.number(),
  discountAmountTrx: trx6,
  referralDiscountApplied: z.boolean(),
});
const plan = z.strictObject({
  code: z.enum(['pack_1', 'pack_10', 'pack_50', 'pack_100']),
  credits: z.number().int(),
  priceTrx: trx6,
  pricePerCreditTrx: trx6,
  expirationPolicy,
  active: z.boolean(),
});

export const catalogSchema = z.strictObject({
  feePerCheckTrx: trx6,
  walletBalanceBillingEnabled: z.boolean(),
  creditPackBillingEnabled: z.boolean(),
  planCatalog: z.array(plan.extend({ pricingPreview: pricing })),
});

export const creditSummarySchema = z.strictObject({
  amlCreditsBalance: z.number().int(),
  amlCreditsPurchased: z.number().int(),
  amlCreditsConsumed: z.number().int(),
  amlCreditsExpired: z.number().int(),
  amlCreditsBonus: z.number().int(),
  walletAvailableBalanceTrx: trx6,
  walletReservedBalanceTrx: trx6,
  expirationPolicy,
});

export const creditHistoryRowSchema = z.strictObject({
  id: z.number().int(),
  type: z.enum(['purchase', 'consumption', 'restore', 'bonus', 'expiry']),
  credits: z.number().int(),
  planCode: z.string().nullable(),
  amountTrx: trx8,
  checkRequestId: z.number().int().nullable(),
  description: z.string(),
  createdAt: isoDate,
});

export const purchaseSchema = z.strictObject({
  plan,
  pricing,
  purchasedCredits: z.number().int(),
  expiresAt: isoDate,
  amlCreditsBalance: z.number().int(),
  walletAvailableBalanceTrx: trx6,
  walletReservedBalanceTrx: trx6,
  idempotencyStatus: z.enum(['completed', 'replayed']),
});

const checkStatus = z.enum(['processing', 'completed', 'failed', 'expired']);
const responseBillingMode = z.enum(['free', 'credit_pack', 'wallet_balance', 'payment_credit']);
const downloads = z.strictObject({
  jsonUrl: z.string().regex(/^\/external\/aml-wallet-check\/checks\/\d+$/),
  reportUrl: z.string().regex(/^\/external\/aml-wallet-check\/checks\/\d+\/report$/),
  summaryReportUrl: z.string().regex(/^\/external\/aml-wallet-check\/checks\/\d+\/report-summary$/),
  reportLanguage: z.string(),
});

export const createdCheckSchema = z.strictObject({
  checkId: z.number().int(),
  targetWallet: z.string(),
  targetNetwork: z.string(),
  status: checkStatus,
  amlScore: z.number().int().min(0).max(100).nullable(),
  riskLevel: z.string().nullable(),
  isFlagged: z.boolean().nullable(),
  checkedAt: isoDate.nullable(),
  billingMode: responseBillingMode,
  servedFromCache: z.boolean(),
  consumedCreditCount: z.number().int(),
  chargedAmountTrx: trx6.nullable(),
  remainingAmlCredits: z.number().int(),
  walletAvailableBalanceTrx: trx6,
  downloads,
});

export const checkHistoryRowSchema = z.strictObject({
  requestId: z.number().int(),
  checkId: z.number().int(),
  targetWallet: z.string(),
  targetNetwork: z.string(),
  status: checkStatus,
  billingMode: responseBillingMode,
  servedFromCache: z.boolean(),
  amlScore: z.number().int().nullable(),
  riskLevel: z.string().nullable(),
  isFlagged: z.boolean().nullable(),
  createdAt: isoDate,
  completedAt: isoDate.nullable(),
  downloadsReady: z.boolean(),
  downloads,
});

export const checkResultSchema = z.strictObject({
  checkId: z.number().int(),
  requestId: z.number().int(),
  targetWallet: z.string(),
  targetNetwork: z.string(),
  status: checkStatus,
  billingMode: responseBillingMode,
  servedFromCache: z.boolean(),
  amlScore: z.number().int().nullable(),
  riskLevel: z.string().nullable(),
  isFlagged: z.boolean().nullable(),
  requestedAt: isoDate,
  completedAt: isoDate.nullable(),
  checkedAt: isoDate.nullable(),
  consumedCreditCount: z.number().int(),
  chargedAmountTrx: trx6.nullable(),
  downloads,
  signals: z
    .strictObject({
      lastActivity: isoDate.nullable(),
      balance: trx6,
      transactions: z.number().int(),
      uniqueInteractors: z.number().int(),
      tags: z.array(z.string()),
    })
    .nullable(),
});

/** Parses `value` with `schema`, failing the test with zod's explanation. */
export function expectContract<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `response does not match the contract:\n${z.prettifyError(parsed.error)}\n${JSON.stringify(value, null, 2)}`,
    );
  }
  return parsed.data;
}
