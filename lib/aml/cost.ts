/**
 * What one AML check will cost, worked out before anything is paid, with the rules of seeds/003:
 * `auto` uses a credit when there is one and credit-pack billing is open, otherwise the per-check
 * TRX fee from the wallet; `credit_pack` insists on a credit; `wallet_balance` on the fee.
 */
import type { RequestBillingMode } from './api-schemas';
import type { CheckCost } from './views';

export interface CostInputs {
  billingMode: RequestBillingMode;
  /** AML credits available now. */
  credits: number;
  walletAvailableSun: bigint;
  feePerCheckSun: bigint;
  walletBalanceBillingEnabled: boolean;
  creditPackBillingEnabled: boolean;
}

/** The cost of one check under `billingMode`, or why it cannot be paid that way. */
export function previewCheckCost(inputs: CostInputs): CheckCost {
  const credit: CheckCost = { kind: 'credit', credits: 1 };
  const fee: CheckCost = { kind: 'trx', sun: inputs.feePerCheckSun.toString() };
  const walletCovers = inputs.walletAvailableSun >= inputs.feePerCheckSun;
  switch (inputs.billingMode) {
    case 'credit_pack':
      if (!inputs.creditPackBillingEnabled) return unavailable('billing_disabled');
      return inputs.credits >= 1 ? credit : unavailable('no_credits');
    case 'wallet_balance':
      if (!inputs.walletBalanceBillingEnabled) return unavailable('billing_disabled');
      return walletCovers ? fee : unavailable('insufficient_balance');
    case 'auto':
      if (inputs.creditPackBillingEnabled && inputs.credits >= 1) return credit;
      if (!inputs.walletBalanceBillingEnabled) {
        return unavailable(inputs.creditPackBillingEnabled ? 'no_credits' : 'billing_disabled');
      }
      return walletCovers ? fee : unavailable('insufficient_balance');
  }
}

/** True when two previews ask the same of the user (what they confirmed is what is charged). */
export function sameCost(a: CheckCost, b: CheckCost): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'trx' && b.kind === 'trx') return a.sun === b.sun;
  if (a.kind === 'unavailable' && b.kind === 'unavailable') return a.reason === b.reason;
  return true;
}

function unavailable(reason: Extract<CheckCost, { kind: 'unavailable' }>['reason']): CheckCost {
  return { kind: 'unavailable', reason };
}
