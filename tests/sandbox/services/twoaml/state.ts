/** Every record the 2aml backend keeps, in one resettable store shared by both API namespaces. */
import type { ScreeningNetwork } from './address';

export type Namespace = 'tron-energy' | 'aml-wallet-check';

export interface TwoFactorSetup {
  secretBase32: string;
  enabledAt: number;
  /** Unused one-time recovery codes (a used code is removed). */
  recoveryCodes: string[];
}

export interface UserRecord {
  id: number;
  email: string;
  passwordSalt: string;
  passwordHash: string;
  referralCode: string;
  referredByUserId: number | null;
  emailVerifiedAt: number | null;
  twoFactor: TwoFactorSetup | null;
  depositAddress: string;
  createdAt: number;
  /** `x-fingerprint` values seen on this account, newest last (attribution only). */
  fingerprints: string[];
  availableSun: bigint;
  reservedSun: bigint;
}

export interface SessionRecord {
  token: string;
  userId: number;
  expiresAt: number;
  revoked: boolean;
}

export interface LoginChallenge {
  token: string;
  userId: number;
  expiresAt: number;
  fingerprint: string | null;
  failedAttempts: number;
  used: boolean;
}

export interface VerificationToken {
  token: string;
  userId: number;
  expiresAt: number;
  used: boolean;
}

export type WalletEntryType =
  | 'topup'
  | 'energy_reservation'
  | 'energy_charge'
  | 'energy_refund'
  | 'aml_credit_purchase'
  | 'aml_check_charge'
  | 'aml_refund';

export interface WalletEntry {
  id: number;
  userId: number;
  type: WalletEntryType;
  direction: 'credit' | 'debit';
  status: 'completed';
  amountSun: bigint;
  availableAfterSun: bigint;
  reservedAfterSun: bigint;
  txHash: string | null;
  planCode: string | null;
  checkRequestId: number | null;
  orderId: string | null;
  energyOrderId: string | null;
  createdAt: number;
}

export interface TopupRecord {
  topupId: number;
  userId: number;
  txHash: string;
  amountSun: bigint;
  senderAddress: string;
  /** When the transfer happened on chain. */
  createdAt: number;
  creditedAt: number;
}

export type OrderStatus = 'pending_confirmation' | 'processing' | 'completed' | 'refunded' | 'failed';

export interface EnergyOrder {
  energyOrderId: string;
  orderId: string;
  userId: number;
  status: OrderStatus;
  receiver: string;
  energy: number;
  durationDays: number;
  period: string;
  amountSun: bigint;
  /** What the wallet finally paid: the amount, or zero once a reservation was released. */
  chargedSun: bigint;
  transactionHash: string | null;
  message: string;
  note: string | null;
  callbackUrl: string | null;
  fingerprint: string | null;
  createdAt: number;
  updatedAt: number;
}

export type CreditEntryType = 'purchase' | 'consumption' | 'restore' | 'bonus' | 'expiry';

export interface CreditLot {
  id: number;
  userId: number;
  source: 'purchase' | 'bonus' | 'restore';
  planCode: string | null;
  remaining: number;
  expiresAt: number;
}

export interface CreditEntry {
  id: number;
  userId: number;
  type: CreditEntryType;
  credits: number;
  planCode: string | null;
  amountSun: bigint;
  checkRequestId: number | null;
  createdAt: number;
}

export type CheckStatus = 'processing' | 'completed' | 'failed' | 'expired';
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';
export type ResponseBillingMode = 'free' | 'credit_pack' | 'wallet_balance' | 'payment_credit';

export interface CheckSignals {
  lastActivity: number | null;
  balanceSun: bigint;
  transactions: number;
  uniqueInteractors: number;
  tags: string[];
}

/** The canonical screening result (`checkId`); several requests may share one through the cache. */
export interface CheckResult {
  checkId: number;
  network: ScreeningNetwork;
  target: string;
  status: CheckStatus;
  amlScore: number | null;
  riskLevel: RiskLevel | null;
  isFlagged: boolean | null;
  signals: CheckSignals | null;
  requestedAt: number;
  completedAt: number | null;
}

/** One customer screening request (`requestId`). */
export interface CheckRequest {
  requestId: number;
  userId: number;
  checkId: number;
  billingMode: ResponseBillingMode;
  servedFromCache: boolean;
  consumedCreditCount: number;
  chargedSun: bigint | null;
  /** The credit lot a consumed credit came from, so a failed check can restore it. */
  creditLotId: number | null;
  reportLanguage: string;
  requesterWallet: string;
  fingerprint: string | null;
  createdAt: number;
}

export interface IdempotencyRecord {
  bodyDigest: string;
  state: 'pending' | 'completed';
  result: unknown;
}

/** Sandbox-only switches the control routes flip (fault injection and forced outcomes). */
export interface TwoAmlControls {
  unavailable: Record<Namespace, boolean>;
  walletBalanceBillingEnabled: boolean;
  creditPackBillingEnabled: boolean;
  /** Receiver -> the terminal status its orders are forced into. */
  forcedOrderOutcomes: Map<string, 'failed' | 'refunded'>;
  /** `network:target` -> the terminal status its new checks are forced into. */
  forcedCheckOutcomes: Map<string, 'failed' | 'expired'>;
  /** Extra real-time delay inside create calls, to make concurrent duplicates observable. */
  createLatencyMs: number;
  /**
   * The docs tie `checkId` to a completed result: when set, a request that is not completed shows
   * `checkId: null` (and no downloads) in the create answer and in the history, the other reading.
   */
  checkIdOnlyWhenCompleted: boolean;
  rateLimit: { limit: number; windowMs: number };
}

export interface TwoAmlState {
  /** Bumped on reset so timers scheduled before it do nothing. */
  generation: number;
  nextIds: {
    user: number;
    walletEntry: number;
    topup: number;
    order: number;
    creditLot: number;
    creditEntry: number;
    check: number;
    request: number;
  };
  users: Map<number, UserRecord>;
  usersByEmail: Map<string, number>;
  usersByDepositAddress: Map<string, number>;
  sessions: Map<string, SessionRecord>;
  challenges: Map<string, LoginChallenge>;
  verificationTokens: Map<string, VerificationToken>;
  walletEntries: WalletEntry[];
  topupsByTx: Map<string, TopupRecord>;
  orders: Map<string, EnergyOrder>;
  /** Delegation txid -> energyOrderId, to complete orders when the chain confirms. */
  ordersByDelegationTx: Map<string, string>;
  creditLots: CreditLot[];
  creditEntries: CreditEntry[];
  checks: Map<number, CheckResult>;
  requests: CheckRequest[];
  idempotency: Map<string, IdempotencyRecord>;
  /** Token -> request timestamps inside the current window. */
  rateWindows: Map<string, number[]>;
  controls: TwoAmlControls;
}

/** Default switches: everything available, 60 requests per 10 s per token. */
export function defaultControls(): TwoAmlControls {
  return {
    unavailable: { 'tron-energy': false, 'aml-wallet-check': false },
    walletBalanceBillingEnabled: true,
    creditPackBillingEnabled: true,
    forcedOrderOutcomes: new Map(),
    forcedCheckOutcomes: new Map(),
    createLatencyMs: 0,
    checkIdOnlyWhenCompleted: false,
    rateLimit: { limit: 60, windowMs: 10_000 },
  };
}

/** An empty store (seeding happens separately). */
export function createEmptyState(generation = 0): TwoAmlState {
  return {
    generation,
    nextIds: {
      user: 1,
      walletEntry: 101,
      topup: 1,
      order: 1,
      creditLot: 1,
      creditEntry: 301,
      check: 1,
      request: 1,
    },
    users: new Map(),
    usersByEmail: new Map(),
    usersByDepositAddress: new Map(),
    sessions: new Map(),
    challenges: new Map(),
    verificationTokens: new Map(),
    walletEntries: [],
    topupsByTx: new Map(),
    orders: new Map(),
    ordersByDelegationTx: new Map(),
    creditLots: [],
    creditEntries: [],
    checks: new Map(),
    requests: [],
    idempotency: new Map(),
    rateWindows: new Map(),
    controls: defaultControls(),
  };
}
