/**
 * What the 2aml energy wallet and order history send to pages (zod-free: the popup imports these
 * types only). Sun stays decimal text; ids exactly as 2aml returned them.
 */
export type { DepositView, PageView, TopupView } from '../aml/views';

export interface TwoAmlEnergyWalletView {
  availableSun: string;
  reservedSun: string;
  status: string;
  /** The 2aml account's e-mail, so the person sees which account is billed. */
  email: string;
}

export interface TwoAmlEnergyHistoryRow {
  type: string;
  direction: 'credit' | 'debit';
  status: string;
  amountSun: string;
  availableSun: string;
  orderId: string | null;
  energyOrderId: string | null;
  description: string;
  createdAt: string;
}

export interface TwoAmlEnergyOrderView {
  /** 2aml's id, kept exactly as returned. */
  energyOrderId: string;
  orderId: string;
  /** One of seeds/000's statuses, or an undocumented one shown as text. */
  status: string;
  terminal: boolean;
  receiver: string;
  energy: number;
  period: string | null;
  amountSun: string;
  chargedSun: string | null;
  transactionHash: string | null;
  message: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Why a top-up cannot start; `amount_*` are checked before anything is sent. */
export type TopupProblemCode =
  | 'not_signed_in'
  | 'no_tronlink'
  | 'amount_invalid'
  | 'amount_below_minimum'
  | 'memo_missing'
  | 'in_progress';
