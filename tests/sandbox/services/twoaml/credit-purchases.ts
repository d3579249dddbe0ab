/** Buying an AML credit pack from the wallet balance. */
import type { TwoAml } from './context';
import { creditBalance, grantCredits } from './credits';
import { planPricing, planView, pricingView, type CreditPlan } from './credit-plans';
import { MESSAGES, TwoAmlError } from './errors';
import { formatTrx } from './money';
import { iso } from './time';
import { moveWallet } from './wallet';
import type { UserRecord } from './state';

/** Charges the pack's final price, adds its credits, and returns the documented purchase response. */
export function purchaseCredits(ctx: TwoAml, user: UserRecord, plan: CreditPlan) {
  if (!ctx.state.controls.creditPackBillingEnabled) throw new TwoAmlError(403, MESSAGES.creditPackDisabled);
  const pricing = planPricing(plan, user);
  if (user.availableSun < pricing.finalSun) throw new TwoAmlError(400, MESSAGES.purchaseInsufficientBalance);
  moveWallet(ctx, user, {
    type: 'aml_credit_purchase',
    direction: 'debit',
    availableDeltaSun: -pricing.finalSun,
    amountSun: pricing.finalSun,
    planCode: plan.code,
  });
  const lot = grantCredits(ctx, user, {
    source: 'purchase',
    credits: plan.credits,
    planCode: plan.code,
    amountSun: pricing.finalSun,
  });
  const ref = `credit-purchase:${lot.id}`;
  ctx.world.ledger.record({
    service: '2aml-aml',
    kind: 'charge',
    account: user.email,
    amount: formatTrx(pricing.finalSun),
    unit: 'TRX',
    ref,
    note: pricing.referred ? `referral discount ${formatTrx(pricing.discountSun)} TRX` : undefined,
  });
  ctx.world.ledger.record({
    service: '2aml-aml',
    kind: 'credit',
    account: user.email,
    amount: String(plan.credits),
    unit: 'credits',
    ref,
  });
  return {
    plan: planView(plan),
    pricing: pricingView(plan, user),
    purchasedCredits: plan.credits,
    expiresAt: iso(lot.expiresAt),
    amlCreditsBalance: creditBalance(ctx, user),
    walletAvailableBalanceTrx: formatTrx(user.availableSun),
    walletReservedBalanceTrx: formatTrx(user.reservedSun),
    idempotencyStatus: 'completed' as 'completed' | 'replayed',
  };
}
