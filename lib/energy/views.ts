/**
 * What the popup's Energy screen receives from the background: views only, amounts as decimal
 * strings of sun (messages carry JSON, and no JS number may hold money).
 */
import type { QuoteProblem, QuoteWire } from './quote';
import type { TronLinkAccount } from '../tronlink/account';
import type { SizingPreset } from './sizing';

export interface EnergyStatusView {
  account: TronLinkAccount | null;
  /** The last connect attempt: pending until TronLink answered, then its outcome. */
  connect: { pending: boolean; status: string | null; message: string | null };
  /** Base of TronScan links (`…/#/transaction/<txid>`). */
  tronscan: string;
}

export interface AccountResourcesView {
  address: string;
  activated: boolean;
  balanceSun: string;
  energyAvailable: number;
  energyLimit: number;
  bandwidthAvailable: number;
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

export interface EnergyResourcesView {
  account: AccountResourcesView | null;
  market: EnergyMarketView | null;
  /** Why a part could not be read (chain or TronNRG unreachable). */
  error: { code: string; message: string } | null;
}

/** Problems a quote request can have beyond the pricing rules. */
export const QUOTE_REQUEST_PROBLEMS = [
  'not_connected',
  'receiver_invalid',
  'sizing_address_invalid',
  'price_changed',
  'pay_to_changed',
  'pay_to_unconfirmed',
  'rental_in_progress',
  'unavailable',
] as const;
export type QuoteRequestProblem = QuoteProblem | (typeof QUOTE_REQUEST_PROBLEMS)[number];

export type QuoteResponse =
  { ok: true; quote: QuoteWire } | { ok: false; problem: QuoteRequestProblem; message: string };

export type RentResponse =
  { ok: true; jobId: string } | { ok: false; problem: QuoteRequestProblem; message: string };

export type ConnectResponse =
  { ok: true; account: TronLinkAccount } | { ok: false; status: string; message: string };

export type { SizingPreset };
