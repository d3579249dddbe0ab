/** 2aml answers as page views: `…Sun` bigints become decimal strings, nothing else changes. */
import type { CreditCatalog, CreditHistoryEntry, CreditSummary } from '@/lib/aml/api-schemas';
import type {
  AmlWalletHistoryEntry,
  AmlWalletSummary,
  DepositInstructions,
  Topup,
} from '@/lib/twoaml/wallet-schemas';
import type {
  AmlWalletView,
  CatalogView,
  CreditHistoryRow,
  DepositView,
  PlanView,
  TopupView,
  WalletHistoryRow,
} from '@/lib/aml/views';

/** The wallet and credit balances together. */
export function walletView(wallet: AmlWalletSummary, credits: CreditSummary): AmlWalletView {
  return {
    availableSun: wallet.availableBalanceSun.toString(),
    reservedSun: wallet.reservedBalanceSun.toString(),
    status: wallet.status,
    // The wallet summary is the documented source of the balance; the credit summary adds the detail.
    credits: wallet.amlCreditsBalance,
    creditsPurchased: credits.amlCreditsPurchased,
    creditsConsumed: credits.amlCreditsConsumed,
    creditsExpired: credits.amlCreditsExpired,
    creditsBonus: credits.amlCreditsBonus ?? 0,
    creditsExpireInDays: credits.expirationPolicy?.expiresInDays ?? null,
  };
}

/** Where to send TRX to top up. */
export function depositView(deposit: DepositInstructions): DepositView {
  return {
    network: deposit.network,
    address: deposit.depositAddress,
    memo: deposit.depositMemo,
    memoRequired: deposit.memoRequired,
    routeStatus: deposit.depositRouteStatus ?? null,
    minDepositSun: deposit.minDepositSun.toString(),
    minConfirmations: deposit.minConfirmations,
    policy: deposit.confirmationPolicy ?? null,
  };
}

/** One top-up. */
export function topupView(topup: Topup): TopupView {
  return {
    txHash: topup.txHash,
    amountSun: topup.amountSun.toString(),
    status: topup.status,
    senderAddress: topup.senderAddress,
    createdAt: topup.createdAt,
    creditedAt: topup.creditedAt ?? null,
  };
}

/** The credit catalog with each pack's price for this account. */
export function catalogView(catalog: CreditCatalog): CatalogView {
  return {
    feePerCheckSun: catalog.feePerCheckSun.toString(),
    walletBalanceBillingEnabled: catalog.walletBalanceBillingEnabled,
    creditPackBillingEnabled: catalog.creditPackBillingEnabled,
    plans: catalog.planCatalog.map(planView),
  };
}

/** What buying `plan` costs this account: the referral preview when 2aml sent one. */
export function planPriceSun(plan: CreditCatalog['planCatalog'][number]): bigint {
  return plan.pricingPreview?.finalPriceSun ?? plan.priceSun;
}

function planView(plan: CreditCatalog['planCatalog'][number]): PlanView {
  const preview = plan.pricingPreview;
  return {
    code: plan.code,
    credits: plan.credits,
    active: plan.active,
    priceSun: plan.priceSun.toString(),
    pricePerCreditSun: plan.pricePerCreditSun.toString(),
    finalPriceSun: planPriceSun(plan).toString(),
    listPriceSun: (preview?.listPriceSun ?? plan.priceSun).toString(),
    discountSun: (preview?.discountAmountSun ?? 0n).toString(),
    discountRatePercent: preview?.discountRatePercent ?? 0,
    referralDiscountApplied: preview?.referralDiscountApplied ?? false,
    expiresInDays: plan.expirationPolicy?.expiresInDays ?? null,
  };
}

/** One row of the credit history. */
export function creditHistoryRow(entry: CreditHistoryEntry): CreditHistoryRow {
  return {
    id: entry.id,
    type: entry.type,
    credits: entry.credits,
    planCode: entry.planCode ?? null,
    amountSun: entry.amountSun.toString(),
    checkRequestId: entry.checkRequestId ?? null,
    description: entry.description ?? '',
    createdAt: entry.createdAt,
  };
}

/** One row of the AML wallet history. */
export function walletHistoryRow(entry: AmlWalletHistoryEntry): WalletHistoryRow {
  return {
    id: entry.id,
    type: entry.type,
    direction: entry.direction,
    status: entry.status,
    amountSun: entry.amountSun.toString(),
    availableSun: entry.availableBalanceSun.toString(),
    txHash: entry.txHash ?? null,
    planCode: entry.planCode ?? null,
    checkRequestId: entry.checkRequestId ?? null,
    description: entry.description ?? '',
    createdAt: entry.createdAt,
  };
}
