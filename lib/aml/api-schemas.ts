/** Wallet AML Check credits and checks (seeds/003 §12–18). */
import { z } from 'zod';
import { trxDecimal, withSunAmounts } from '../api/amounts';
import { isoTimestamp } from '../api/common-schemas';
import { tolerantArray, tolerantPageOf } from '../twoaml/tolerant-list';

export const CREDIT_PLAN_CODES = ['pack_1', 'pack_10', 'pack_50', 'pack_100'] as const;
export type CreditPlanCode = (typeof CREDIT_PLAN_CODES)[number];
export const CREDIT_HISTORY_TYPES = ['purchase', 'consumption', 'restore', 'bonus', 'expiry'] as const;
export type CreditHistoryType = (typeof CREDIT_HISTORY_TYPES)[number];
/** What a check may be billed with, as requested. */
export const REQUEST_BILLING_MODES = ['auto', 'credit_pack', 'wallet_balance'] as const;
export type RequestBillingMode = (typeof REQUEST_BILLING_MODES)[number];
export const REPORT_LANGUAGES = ['en', 'fa', 'ru', 'zh', 'ur', 'tr', 'ar', 'ps'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];
export const CHECK_STATUSES = ['processing', 'completed', 'failed', 'expired'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** True when polling a check must stop. */
export function isTerminalCheckStatus(status: CheckStatus): boolean {
  return status !== 'processing';
}

// Display only: a policy 2aml leaves out or sends as null changes nothing that is paid.
const expirationPolicySchema = z
  .object({
    mode: z.string().nullish(),
    expiresInDays: z.number().int().nullish(),
  })
  .nullish();

const pricingSchema = withSunAmounts(
  z.object({
    listPriceTrx: trxDecimal,
    finalPriceTrx: trxDecimal,
    discountRatePercent: z.number().nonnegative().optional(),
    discountAmountTrx: trxDecimal.optional(),
    referralDiscountApplied: z.boolean().optional(),
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
    // A plan that cannot be read is left out (and counted), the others stay buyable.
    planCatalog: tolerantArray(
      withSunAmounts(z.object({ ...planFields, pricingPreview: pricingSchema.optional() }), planAmounts),
    ).transform((read) => read.rows),
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
    expirationPolicy: expirationPolicySchema,
  }),
  ['walletAvailableBalanceTrx', 'walletReservedBalanceTrx'],
);
export type CreditSummary = z.output<typeof creditSummarySchema>;

/**
 * One row of `GET /credits/history`. `type` is shown as text: the five documented values are the
 * filter's, not a promise that no other appears. The amount is strict: a row whose amount is not
 * whole sun is skipped (and counted), not shown wrong.
 */
export const creditHistoryEntrySchema = withSunAmounts(
  z.object({
    id: z.number().int(),
    type: z.string(),
    credits: z.number().int(),
    planCode: z.string().nullish(),
    amountTrx: trxDecimal,
    checkRequestId: z.number().int().nullish(),
    description: z.string().nullish(),
    createdAt: isoTimestamp,
  }),
  ['amountTrx'],
);
export const creditHistorySchema = tolerantPageOf(creditHistoryEntrySchema);
export type CreditHistoryEntry = z.output<typeof creditHistoryEntrySchema>;

/**
 * `POST /credits/purchases`: what was bought and paid is strict; the plan's description is display
 * only. A replay of a key still being processed may answer with the status alone (`pending` below).
 */
const completedPurchaseSchema = withSunAmounts(
  z.object({
    plan: z.object({ code: z.string(), credits: z.number().int().positive().optional() }).loose().optional(),
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
/** A replayed key whose purchase 2aml has not finished: nothing to read yet, ask again later. */
const pendingPurchaseSchema = z
  .object({ idempotencyStatus: z.string(), purchasedCredits: z.undefined() })
  .transform((answer) => ({ pending: true as const, idempotencyStatus: answer.idempotencyStatus }));
export const creditPurchaseSchema = z.union([
  completedPurchaseSchema.transform((answer) => ({ ...answer, pending: false as const })),
  pendingPurchaseSchema,
]);
export type CreditPurchase = z.output<typeof creditPurchaseSchema>;
export type CompletedCreditPurchase = Extract<CreditPurchase, { pending: false }>;

/** Where a check's JSON and PDFs live: paths relative to the 2aml backend origin. */
export const checkDownloadsSchema = z.object({
  jsonUrl: z.string(),
  reportUrl: z.string(),
  summaryReportUrl: z.string(),
  reportLanguage: z.string().optional(),
});
export type CheckDownloads = z.output<typeof checkDownloadsSchema>;

// While a check is `processing` its verdict fields are still null. The billing mode is shown as
// text (a mode the docs do not list is 2aml's own word); whether the result was reused is display.
const verdict = {
  checkId: z.number().int(),
  targetWallet: z.string(),
  targetNetwork: z.string(),
  status: z.enum(CHECK_STATUSES),
  amlScore: z.number().nullish(),
  riskLevel: z.string().nullish(),
  isFlagged: z.boolean().nullish(),
  billingMode: z.string().nullish(),
  servedFromCache: z.boolean().optional(),
  downloads: checkDownloadsSchema.nullish(),
};
/** The docs tie `checkId` to a completed result: a processing, failed or expired request may have none. */
const requestCheckId = z
  .number()
  .int()
  .nullish()
  .transform((id) => id ?? null);

/** `POST /checks`: the screening result (terminal, or `processing` for a deep scan). */
export const createdCheckSchema = withSunAmounts(
  z.object({
    ...verdict,
    checkId: requestCheckId,
    targetWallet: z.string().optional(),
    targetNetwork: z.string().optional(),
    checkedAt: isoTimestamp.nullish(),
    consumedCreditCount: z.number().int().nonnegative().optional(),
    chargedAmountTrx: trxDecimal.nullish(),
    remainingAmlCredits: z.number().int().nonnegative().optional(),
    walletAvailableBalanceTrx: trxDecimal.optional(),
  }),
  ['chargedAmountTrx', 'walletAvailableBalanceTrx'],
);
export type CreatedCheck = z.output<typeof createdCheckSchema>;

/**
 * One row of `GET /checks` (request history: `requestId` per request, `checkId` per completed
 * screening). The status is kept as text here: a row is shown, it decides nothing that is paid.
 */
export const checkHistoryEntrySchema = z.object({
  ...verdict,
  checkId: requestCheckId,
  status: z.string(),
  requestId: z.number().int(),
  createdAt: isoTimestamp,
  completedAt: isoTimestamp.nullish(),
  downloadsReady: z.boolean().optional(),
});
export const checkHistorySchema = tolerantPageOf(checkHistoryEntrySchema);
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
