/**
 * The energy jobs' kind names and the `nrg-claim` rental's states and actions, without any zod:
 * UI pages import these words, so nothing here may pull in a schema.
 */

/*
 * The energy jobs' kind names without their zod schemas: UI pages need the names, not zod (the
 * stored shapes are in zap-order-job.ts and energy-order-job.ts, which re-export these).
 */
export const ZAP_ORDER_KIND = 'zap-tx';
export const ENERGY_ORDER_KIND = 'energy-order';
export const WALLET_TOPUP_KIND = 'wallet-topup';

/*
 * The names of the `nrg-claim` job's states and actions, without the data schema: the popup needs
 * these words, not zod (see claim-data.ts for the stored shape).
 */
export const NRG_CLAIM_KIND = 'nrg-claim';

/** quote → awaiting_payment → paid → signing → signed → claiming → delegated | refund_queued | failed | cancelled */
export const NRG_CLAIM_STATES = [
  'quote',
  'awaiting_payment',
  'paid',
  'signing',
  'signed',
  'claiming',
  'delegated',
  'refund_queued',
  'failed',
  'cancelled',
] as const;
export type NrgClaimState = (typeof NRG_CLAIM_STATES)[number];

export const NRG_CLAIM_TERMINAL_STATES: readonly NrgClaimState[] = [
  'delegated',
  'refund_queued',
  'failed',
  'cancelled',
];

/** What the person can do for a job that waits on them. */
export const NRG_CLAIM_ACTIONS = ['sign_again'] as const;
export type NrgClaimAction = (typeof NRG_CLAIM_ACTIONS)[number];
