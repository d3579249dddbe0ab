/**
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
