/** Wallet AML Check credits and checks (seeds/003 §12–18). */
import { z } from 'zod';
import { trxDecimal, withSunAmounts } from '../api/amounts';
import { isoTimestamp, pageOf } from '../api/common-schemas';

export const CREDIT_PLAN_CODES = ['pack_1', 'pack_10', 'pack_50', 'pack_100'] as const;
export type CreditPlanCode = (typeof CREDIT_PLAN_CODES)[number];
export const CREDIT_HISTORY_TYPES = ['purchase', 'consumption', 'restore', 'bonus', 'expiry'] as const;
export type CreditHistoryType = (typeof CREDIT_HISTORY_TYPES)[number];
/** What a check may be billed with, as requested. */
export const REQUEST_BILLING_MODES = ['auto', 'credit_pack', 'wallet_balance'] as const;
export type RequestBillingMode = (typeof REQUEST_BILLING_MODES)[number];
/** What a check was actually billed with. */
export const RESPONSE_BILLING_MODES = ['free', 'credit_pack', 'wallet_balance', 'payment_credit'] as const;
export const REPORT_LANGUAGES = ['en', 'fa', 'ru', 'zh', 'ur', 'tr', 'ar', 'ps'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];
export const CHECK_STATUSES = ['processing', 'completed', 'failed', 'expired'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** True when polling a check must stop. */
export function isTerminalCheckStatus(status: CheckStatus): boolean {
  return status !== 'processing';
}

const expirationPolicySchema = z.object({
  mode: z.string(),
  expiresInDays: z.number().int().nullish(),
});

const pricingSchema = withSunAmounts(
  z.object({
    listPriceTrx: trxDecimal,
    finalPriceTrx: trxDecimal,
    discountRatePercent: z.number().nonnegative(),
    discountAmountTrx: trxDecimal,
    referralDiscountApplied: z.boolean(),
  }),
  ['listPriceTrx', 'finalPriceTrx', 'discountAmountTrx'],
);

const planFields = {
  code: z.string(),
  credits: z.number().int().positive(),
  priceTrx: trxDecimal,
  pricePerCreditTrx: trxDecimal,
  expirationPolicy: expirationPolicySchema,
  active: z.boolean(),
};
const planAmounts = ['priceTrx', 'pricePerCreditTrx'] as const;

/** `GET /credits/catalog`: packs, the per-check wallet fee and which billing modes are open now. */
export const creditCatalogSchema = withSunAmounts(
  z.object({
    feePerCheckTrx: trxDecimal,
    walletBalanceBillingEnabled: z.boolean(),
    creditPackBillingEnabled: z.boolean(),
    planCatalog: z.array(
      withSunAmounts(z.object({ ...planFields, pricingPreview: pricingSchema.optional() }), planAmounts),
    ),
  }),
  ['feePerCheckTrx'],
);
export type CreditCatalog = z.output<typeof creditCatalogSchema>;

/** `GET /credits/summary`. */
export const creditSummarySchema = withSunAmounts(
  z.object({
    amlCreditsBalance: z.number().int().nonnegative(),
    amlCreditsPurchased: z.number().int().nonnegative(),
    amlCreditsConsumed: z.number().int().nonnegative(),
    amlCreditsExpired: z.number().int().nonnegative(),
    amlCreditsBonus: z.number().int().nonnegative().optional(),
    walletAvailableBalanceTrx: trxDecimal,
    walletReservedBalanceTrx: trxDecimal,
    expirationPolicy: expirationPolicySchema.optional(),
  }),
  ['walletAvailableBalanceTrx', 'walletReservedBalanceTrx'],
);
export type CreditSummary = z.output<typeof creditSummarySchema>;

/** One row of `GET /credits/history`. */
export const creditHistoryEntrySchema = withSunAmounts(
  z.object({
    id: z.number().int(),
    type: z.enum(CREDIT_HISTORY_TYPES),
    credits: z.number().int(),
    planCode: z.string().nullish(),
    amountTrx: trxDecimal,
    checkRequestId: z.number().int().nullish(),
    description: z.string(),
    createdAt: isoTimestamp,
  }),
  ['amountTrx'],
);
export const creditHistorySchema = pageOf(creditHistoryEntrySchema);
export type CreditHistoryEntry = z.output<typeof creditHistoryEntrySchema>;

/** `POST /credits/purchases`. */
export const creditPurchaseSchema = withSunAmounts(
  z.object({
    plan: withSunAmounts(z.object(planFields), planAmounts),
    pricing: pricingSchema,
    purchasedCredits: z.number().int().positive(),
    expiresAt: isoTimestamp.nullish(),
    amlCreditsBalance: z.number().int().nonnegative(),
    walletAvailableBalanceTrx: trxDecimal,
    walletReservedBalanceTrx: trxDecimal,
    idempotencyStatus: z.string().optional(),
  }),
  ['walletAvailableBalanceTrx', 'walletReservedBalanceTrx'],
);
export type CreditPurchase = z.output<typeof creditPurchaseSchema>;

/** Where a check's JSON and PDFs live: paths relative to the 2aml backend origin. */
export const checkDownloadsSchema = z.object({
  jsonUrl: z.string(),
  reportUrl: z.string(),
  summaryReportUrl: z.string(),
  reportLanguage: z.string().optional(),
});
export type CheckDownloads = z.output<typeof checkDownloadsSchema>;

// While a check is `processing` its verdict fields are still null.
const verdict = {
  checkId: z.number().int(),
  targetWallet: z.string(),
  targetNetwork: z.string(),
  status: z.enum(CHECK_STATUSES),
  amlScore: z.number().nullish(),
  riskLevel: z.string().nullish(),
  isFlagged: z.boolean().nullish(),
  billingMode: z.enum(RESPONSE_BILLING_MODES).nullish(),
  servedFromCache: z.boolean(),
  downloads: checkDownloadsSchema.nullish(),
};

/** `POST /checks`: the screening result (terminal, or `processing` for a deep scan). */
export const createdCheckSchema = withSunAmounts(
  z.object({
    ...verdict,
    checkedAt: isoTimestamp.nullish(),
    consumedCreditCount: z.number().int().nonnegative().optional(),
    chargedAmountTrx: trxDecimal.nullish(),
    remainingAmlCredits: z.number().int().nonnegative().optional(),
    walletAvailableBalanceTrx: trxDecimal.optional(),
  }),
  ['chargedAmountTrx', 'walletAvailableBalanceTrx'],
);
export type CreatedCheck = z.output<typeof createdCheckSchema>;

/** One row of `GET /checks` (request history: `requestId` per request, `checkId` per screening). */
export const checkHistoryEntrySchema = z.object({
  ...verdict,
  requestId: z.number().int(),
  createdAt: isoTimestamp,
  completedAt: isoTimestamp.nullish(),
  downloadsReady: z.boolean().optional(),
});
export const checkHistorySchema = pageOf(checkHistoryEntrySchema);
export type CheckHistoryEntry = z.output<typeof checkHistoryEntrySchema>;

/** `GET /checks/:checkId`: the canonical JSON result with its on-chain signals. */
export const checkResultSchema = withSunAmounts(
  z.object({
    ...verdict,
    requestId: z.number().int().optional(),
    requestedAt: isoTimestamp.nullish(),
    completedAt: isoTimestamp.nullish(),
    checkedAt: isoTimestamp.nullish(),
    consumedCreditCount: z.number().int().nonnegative().optional(),
    chargedAmountTrx: trxDecimal.nullish(),
    signals: z
      .object({
        lastActivity: isoTimestamp.nullish(),
        // The screened wallet's balance in its own network's unit, so no TRX conversion here.
        balance: z.string().nullish(),
        transactions: z.number().int().nullish(),
        uniqueInteractors: z.number().int().nullish(),
        tags: z.array(z.string()).default([]),
      })
      .nullish(),
  }),
  ['chargedAmountTrx'],
);
export type CheckResult = z.output<typeof checkResultSchema>;
