/** The AML credit-pack catalog and its prices, with the referral discount a referred customer gets. */
import { formatTrx, percentOf } from './money';
import type { UserRecord } from './state';

/** The wallet-balance fee of one check, also the list price of one credit. */
export const FEE_PER_CHECK_SUN = 8_000_000n;
/** Referred customers pay 10% less for credit packs, as in the documented preview. */
export const REFERRAL_DISCOUNT_PERCENT = 10n;
/** Purchased credits expire 30 days after purchase. */
export const CREDIT_EXPIRY_DAYS = 30;

export interface CreditPlan {
  code: 'pack_1' | 'pack_10' | 'pack_50' | 'pack_100';
  credits: number;
  priceSun: bigint;
}

/** Bigger packs are cheaper per credit; pack_10 matches the documented 80 TRX. */
export const CREDIT_PLANS: readonly CreditPlan[] = [
  { code: 'pack_1', credits: 1, priceSun: 8_000_000n },
  { code: 'pack_10', credits: 10, priceSun: 80_000_000n },
  { code: 'pack_50', credits: 50, priceSun: 375_000_000n },
  { code: 'pack_100', credits: 100, priceSun: 700_000_000n },
];

export const PLAN_CODES = ['pack_1', 'pack_10', 'pack_50', 'pack_100'] as const;

/** The plan with `code`. */
export function planByCode(code: CreditPlan['code']): CreditPlan {
  const plan = CREDIT_PLANS.find((candidate) => candidate.code === code);
  if (!plan) throw new Error(`unknown plan ${code}`);
  return plan;
}

/** What `user` pays for `plan`. */
export function planPricing(plan: CreditPlan, user: UserRecord) {
  const referred = user.referredByUserId !== null;
  const discountPercent = referred ? REFERRAL_DISCOUNT_PERCENT : 0n;
  const discountSun = percentOf(plan.priceSun, discountPercent);
  return {
    listSun: plan.priceSun,
    finalSun: plan.priceSun - discountSun,
    discountSun,
    discountPercent,
    referred,
  };
}

/** The documented `pricingPreview` / `pricing` object. */
export function pricingView(plan: CreditPlan, user: UserRecord) {
  const pricing = planPricing(plan, user);
  return {
    listPriceTrx: formatTrx(pricing.listSun),
    finalPriceTrx: formatTrx(pricing.finalSun),
    discountRatePercent: Number(pricing.discountPercent),
    discountAmountTrx: formatTrx(pricing.discountSun),
    referralDiscountApplied: pricing.referred,
  };
}

export const EXPIRATION_POLICY = { mode: 'fixed_days', expiresInDays: CREDIT_EXPIRY_DAYS } as const;

/** The documented plan object (without pricing). */
export function planView(plan: CreditPlan) {
  return {
    code: plan.code,
    credits: plan.credits,
    priceTrx: formatTrx(plan.priceSun),
    pricePerCreditTrx: formatTrx(plan.priceSun / BigInt(plan.credits)),
    expirationPolicy: { ...EXPIRATION_POLICY },
    active: true,
  };
}
