/**
 * What the popup's Energy screen receives from the background, in the app view or as answers: views
 * only, amounts as decimal strings of sun (messages carry JSON, and no JS number may hold money).
 */
import type { QuoteProblem, SizingPreset } from './quote';
import type { BridgeStatus } from '../tronlink/reports';
import type { TronLinkAccount } from '../tronlink/account';
import type { RentalHistoryEntry } from './claim-data';

/**
 * The `energy` part of the app view (`buildEnergyView` in lib/energy/rentals.ts): what is stored, so the background
 * pushes it with every change. What needs the chain or TronNRG is asked for (`energy.resources`).
 */
export interface EnergyView {
  account: TronLinkAccount | null;
  /** The last connect attempt: pending until TronLink answered, then its outcome. */
  connect: { pending: boolean; status: string | null; message: string | null };
  /** The last "Verify" of the account, shaped like `connect`. */
  verify: { pending: boolean; status: string | null; message: string | null };
  /** Base of TronScan links (`…/#/transaction/<txid>`). */
  tronscan: string;
  /** Every TronNRG rental, newest first; kept when its job is dismissed from Activity. */
  history: RentalHistoryRow[];
  /** What every finished rental (TronNRG, TronZap, 2aml) saved against burning, so far. */
  savings: { totalSun: string; rentals: number };
}

/** A history row, with what the rental saved against burning (absent for rows older than savings). */
export type RentalHistoryRow = RentalHistoryEntry & {
  /** Sun; negative when burning would have been cheaper. */
  savedSun?: string;
};

/** The TronZap set-up as the options page shows it (never the token or secret). */
export interface TronZapSetupView {
  /** The TronZap address in force. */
  address: string;
  /** The origin the kept credentials were saved for, or null when none are kept. */
  savedFor: string | null;
  /** Credentials are kept for the address in force. */
  usable: boolean;
}

/** What `/v1/balance` says of the TronZap account. */
export interface TronZapAccountView {
  /** Sun as a decimal string. */
  balanceSun: string;
  currency: string;
  /** Where to send TRX to top the account up, when TronZap names it. */
  depositAddress: string | null;
}

/** A TronZap order as the popup asks for it (checked again by the background). */
export interface ZapOrderRequest {
  service: 'energy' | 'bandwidth' | 'activate_address';
  receiver: string;
  /** Energy or bandwidth units (not for an activation). */
  amount?: number;
  durationHours?: 1 | 24;
}

/** What a TronZap order would cost, against the TronZap balance. */
export interface ZapQuoteView {
  /** Units the order buys: what was asked, raised to TronZap's minimum (bandwidth). */
  amount?: number;
  priceSun: string;
  balanceSun: string;
  enough: boolean;
}

/** Why the TronZap set-up could not go ahead before anything was sent. */
export type TronZapSetupProblem = 'credentials_missing' | 'not_set_up';

export interface AccountResourcesView {
  address: string;
  activated: boolean;
  balanceSun: string;
  energyAvailable: number;
  energyLimit: number;
  bandwidthAvailable: number;
  /** Left of today's free bandwidth, and of staked (or delegated) bandwidth. */
  freeBandwidthAvailable: number;
  freeBandwidthLimit: number;
  stakedBandwidthAvailable: number;
}

export interface EnergyMarketView {
  payTo: string;
  energyPerTrx: number;
  minEnergy: number;
  maxEnergy: number;
  /** False when `/supply` could not be read: the documented bounds are in force. */
  live: boolean;
  energyFeeSun: string;
  /** The documented payment address when the profile has one (production). */
  documentedPayTo: string | null;
}

/** What `energy.resources` reads off the chain and TronNRG (a problem instead when that failed). */
export interface EnergyResourcesView {
  account: AccountResourcesView | null;
  market: EnergyMarketView | null;
}

/** Problems a quote request can have beyond the pricing rules. */
export const QUOTE_REQUEST_PROBLEMS = [
  'not_connected',
  'receiver_invalid',
  'sizing_address_invalid',
  'sizing_amount_invalid',
  'price_changed',
  'pay_to_changed',
  'pay_to_unconfirmed',
  'rental_in_progress',
  'unavailable',
] as const;
export type QuoteRequestProblem = QuoteProblem | (typeof QUOTE_REQUEST_PROBLEMS)[number];

/** Why connecting gave no account: TronLink's answer, or no answer (bridge unreachable, timeout). */
export type ConnectProblemCode = BridgeStatus | 'unreachable' | 'timeout';

/** What a cancel did: whether it ended the rental, and the state the rental is in now. */
export interface RentalCancelAnswer {
  cancelled: boolean;
  state: string;
}

export type { SizingPreset };
