/**
 * What extension pages receive from the background about the 2aml account and AML checks: views
 * only. Amounts are decimal strings of sun (messages carry JSON, and no JS number may hold money);
 * the bearer token, the login challenge token and the password never appear here.
 */
import type { Problem } from '../outcome';
import type { CheckStatus, RequestBillingMode } from './api-schemas';
import type { RiskResult } from '../risk/badge-model';

/** Why the last session ended without the user signing out; the UI asks to sign in again. */
export type SessionEndReason = 'expired' | 'revoked' | 'challenge_expired' | 'address_changed';

export interface AmlUserView {
  id: number;
  email: string;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  referralCode: string | null;
  displayName: string | null;
}

/** The sign-in state as pages see it. */
export type AmlSessionView =
  | { status: 'signed_out'; ended: SessionEndReason | null; email: string | null }
  | { status: 'two_factor_required'; email: string; expiresAt: number }
  | {
      status: 'email_verification_required';
      email: string;
      verificationEmailSent: boolean;
      /** The e-mail was confirmed here; the user signs in again with the password. */
      confirmed: boolean;
    }
  | { status: 'signed_in'; user: AmlUserView; keepSignedIn: boolean; signedInAt: number };

export interface AmlPreferences {
  billingMode: RequestBillingMode;
}

/** The `aml` part of the app view. */
export interface AmlView {
  session: AmlSessionView;
  preferences: AmlPreferences;
}

export interface AmlWalletView {
  availableSun: string;
  reservedSun: string;
  status: string;
  credits: number;
  creditsPurchased: number;
  creditsConsumed: number;
  creditsExpired: number;
  creditsBonus: number;
  /** Days a purchased credit stays valid, when the policy says. */
  creditsExpireInDays: number | null;
}

export interface DepositView {
  network: string;
  address: string;
  memo: string | null;
  memoRequired: boolean;
  routeStatus: string | null;
  minDepositSun: string;
  minConfirmations: number;
  policy: string | null;
}

export interface TopupView {
  txHash: string;
  amountSun: string;
  status: string;
  senderAddress: string;
  createdAt: string;
  creditedAt: string | null;
}

export interface ReconcileView {
  topup: TopupView;
  wallet: { availableSun: string; credits: number };
}

export interface PlanView {
  code: string;
  credits: number;
  active: boolean;
  priceSun: string;
  pricePerCreditSun: string;
  /** What the purchase costs this account (the referral discount applied when there is one). */
  finalPriceSun: string;
  listPriceSun: string;
  discountSun: string;
  discountRatePercent: number;
  referralDiscountApplied: boolean;
  expiresInDays: number | null;
}

export interface CatalogView {
  feePerCheckSun: string;
  walletBalanceBillingEnabled: boolean;
  creditPackBillingEnabled: boolean;
  plans: PlanView[];
}

export interface CreditHistoryRow {
  id: number;
  type: string;
  credits: number;
  planCode: string | null;
  amountSun: string;
  checkRequestId: number | null;
  description: string;
  createdAt: string;
}

export interface WalletHistoryRow {
  id: number;
  type: string;
  direction: 'credit' | 'debit';
  status: string;
  amountSun: string;
  availableSun: string;
  txHash: string | null;
  planCode: string | null;
  checkRequestId: number | null;
  description: string;
  createdAt: string;
}

export interface PageView<T> {
  rows: T[];
  /** Rows 2aml sent that could not be read and are not shown. */
  skipped: number;
  total: number;
  page: number;
  limit: number;
}

export interface CheckHistoryRow {
  requestId: number;
  /** Null until (and unless) the request completed: no result or report to open. */
  checkId: number | null;
  address: string;
  network: string;
  /** 2aml's status, shown as text when it is not one of the documented four. */
  status: string;
  billingMode: string | null;
  servedFromCache: boolean | null;
  score: number | null;
  level: string | null;
  flagged: boolean | null;
  createdAt: string;
  completedAt: string | null;
  downloadsReady: boolean;
}

export interface CheckSignalsView {
  lastActivity: string | null;
  balance: string | null;
  transactions: number | null;
  uniqueInteractors: number | null;
  tags: string[];
}

/** One check in full, as the check page shows it. */
export interface CheckDetailView {
  checkId: number;
  requestId: number | null;
  address: string;
  network: string;
  status: CheckStatus;
  score: number | null;
  level: string | null;
  flagged: boolean | null;
  billingMode: string | null;
  servedFromCache: boolean | null;
  requestedAt: string | null;
  completedAt: string | null;
  checkedAt: string | null;
  consumedCreditCount: number | null;
  chargedSun: string | null;
  reportLanguage: string | null;
  signals: CheckSignalsView | null;
  /** The canonical JSON result exactly as 2aml sent it, pretty-printed. */
  json: string;
}

/** What one check will cost, shown before anything is paid. */
export type CheckCost =
  | { kind: 'credit'; credits: 1 }
  | { kind: 'trx'; sun: string }
  | { kind: 'unavailable'; reason: CostUnavailableReason };

export type CostUnavailableReason = 'no_credits' | 'insufficient_balance' | 'billing_disabled';

export interface CheckCostView {
  cost: CheckCost;
  billingMode: RequestBillingMode;
  credits: number;
  walletAvailableSun: string;
  feePerCheckSun: string;
}

/** What the check page knows about an address before and after a check. */
export interface AddressCheckView {
  address: string;
  /** The locally cached paid result (what badges show), if any. */
  cached: RiskResult | null;
  /** The full result from 2aml when signed in and a check exists. */
  detail: CheckDetailView | null;
  /** Why the full result could not be read (signed out, not found…). */
  problem: Problem | null;
}
