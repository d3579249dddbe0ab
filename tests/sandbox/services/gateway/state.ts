/** What the gateway remembers: partners with their API keys and wallets, and every payment. */
import type { Asset } from './amounts';

export interface Partner {
  id: number;
  apiKey: string;
  name: string;
  email: string;
  /** The account balance the partner page shows, in 10^-6 units (written with 8 decimals). */
  balanceUnits: bigint;
  status: 'active' | 'suspended';
  defaultPostbackUrl: string | null;
}

export interface Wallet {
  id: number;
  partnerId: number;
  address: string;
  isActive: boolean;
  usageCount: number;
  lastUsedAtMs: number | null;
  createdAtMs: number;
}

export type PaymentStatus = 'pending' | 'completed' | 'expired' | 'failed';

export interface PostbackAttempt {
  atMs: number;
  url: string;
  /** The receiver's HTTP status, or null when it could not be reached. */
  httpStatus: number | null;
  error?: string;
  manual: boolean;
}

export interface Payment {
  partnerId: number;
  transactionId: string;
  asset: Asset;
  amountUsdCents: bigint;
  /** The exact amount the chain must show, in 6-decimal base units. */
  amountUnits: bigint;
  walletAddress: string;
  postbackUrl: string | null;
  status: PaymentStatus;
  createdAtMs: number;
  expiresAtMs: number;
  receivedUnits: bigint | null;
  blockchain: { txid: string; fromAddress: string; blockTimestamp: number; blockNumber: number } | null;
  postbacks: PostbackAttempt[];
  postbackDelivered: boolean;
  /** True once every automatic attempt failed: the payment then counts as unprocessed. */
  postbackGaveUp: boolean;
}

export interface GatewayState {
  partners: Partner[];
  wallets: Wallet[];
  lastWalletId: number;
  payments: Payment[];
  /** Cancels the clock timers (expiries, postback retries) of the current state. */
  timers: Set<() => void>;
}
