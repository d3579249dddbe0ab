/**
 * A rental quote from facts read off the chain and TronNRG: how much energy is still needed, what
 * it costs, what burning it instead would cost, and every reason not to send anything.
 */
import { burnCostSun, energyBounds, priceForEnergy, type RentalTerms } from './pricing';
import { energyStillNeeded, type SizingPreset } from './sizing';

/** Everything a quote depends on, gathered by the background before it prices anything. */
export interface QuoteFacts {
  payer: string;
  payerBalanceSun: bigint;
  /** TRX the payment itself would burn for bandwidth (0 when the payer has free bandwidth left). */
  paymentFeeSun: bigint;
  receiver: string;
  receiverActivated: boolean;
  receiverEnergyAvailable: number;
  /** Energy the sizing asks for, before what the receiver has is taken off. */
  wantedEnergy: number;
  /** True when the person typed the amount (bounds are then enforced, not rounded up to). */
  customEnergy: boolean;
  /** The preset chosen for "sizing for a transfer to", when that was used. */
  sizedPreset?: SizingPreset;
  /** "Sizing for a transfer to" used the node's estimate of that exact transfer. */
  sizedExactly?: boolean;
  terms: RentalTerms;
  /** False when `/supply` could not be read and the documented bounds stand in. */
  termsLive: boolean;
  energyFeeSun: bigint;
  payTo: string;
  /** The documented TronNRG payment address of the profile in force (production only). */
  documentedPayTo?: string;
}

export const QUOTE_PROBLEMS = [
  'receiver_not_activated',
  'receiver_has_enough',
  'energy_invalid',
  'energy_below_minimum',
  'energy_above_maximum',
  'balance_insufficient',
] as const;
export type QuoteProblem = (typeof QUOTE_PROBLEMS)[number];

export interface RentalQuote {
  payer: string;
  receiver: string;
  payTo: string;
  wantedEnergy: number;
  receiverEnergyAvailable: number;
  /** `wantedEnergy` minus what the receiver already has. */
  neededEnergy: number;
  /** Delegated for `priceSun`. */
  energy: number;
  priceSun: bigint;
  /** Burning `neededEnergy` instead. */
  burnSun: bigint;
  /** `burnSun − priceSun`; negative when burning would be cheaper. */
  savingSun: bigint;
  minimumApplied: boolean;
  sizedPreset?: SizingPreset;
  sizedExactly?: boolean;
  termsLive: boolean;
  minEnergy: number;
  maxEnergy: number;
  /** `pay_to` differs from the documented address: the person must confirm it deliberately. */
  payToUndocumented: boolean;
}

export type QuoteResult = { ok: true; quote: RentalQuote } | { ok: false; problem: QuoteProblem };

/** Prices a rental, or names the first reason it must not be sent. */
export function buildQuote(facts: QuoteFacts): QuoteResult {
  const bounds = energyBounds(facts.terms);
  if (!Number.isSafeInteger(facts.wantedEnergy) || facts.wantedEnergy <= 0)
    return { ok: false, problem: 'energy_invalid' };
  if (facts.customEnergy && facts.wantedEnergy < bounds.min)
    return { ok: false, problem: 'energy_below_minimum' };
  if (facts.wantedEnergy > bounds.max) return { ok: false, problem: 'energy_above_maximum' };
  // TRON refuses to delegate to an account that does not exist; TronNRG would only refund.
  if (!facts.receiverActivated) return { ok: false, problem: 'receiver_not_activated' };
  const neededEnergy = energyStillNeeded(facts.wantedEnergy, facts.receiverEnergyAvailable);
  if (neededEnergy === 0) return { ok: false, problem: 'receiver_has_enough' };
  const price = priceForEnergy(neededEnergy, facts.terms);
  if (typeof price === 'string') return { ok: false, problem: price };
  if (price.priceSun + facts.paymentFeeSun > facts.payerBalanceSun)
    return { ok: false, problem: 'balance_insufficient' };
  const burnSun = burnCostSun(neededEnergy, facts.energyFeeSun);
  return {
    ok: true,
    quote: {
      payer: facts.payer,
      receiver: facts.receiver,
      payTo: facts.payTo,
      wantedEnergy: facts.wantedEnergy,
      receiverEnergyAvailable: facts.receiverEnergyAvailable,
      neededEnergy,
      energy: price.energy,
      priceSun: price.priceSun,
      burnSun,
      savingSun: burnSun - price.priceSun,
      minimumApplied: price.minimumApplied,
      sizedPreset: facts.sizedPreset,
      sizedExactly: facts.sizedExactly,
      termsLive: facts.termsLive,
      minEnergy: bounds.min,
      maxEnergy: bounds.max,
      payToUndocumented: facts.documentedPayTo !== undefined && facts.payTo !== facts.documentedPayTo,
    },
  };
}

/** A quote as it travels to the popup: amounts as decimal strings of sun (messages carry JSON). */
export type QuoteWire = Omit<RentalQuote, 'priceSun' | 'burnSun' | 'savingSun'> & {
  priceSun: string;
  burnSun: string;
  savingSun: string;
};

/** Serialises a quote for a message. */
export function quoteToWire(quote: RentalQuote): QuoteWire {
  return {
    ...quote,
    priceSun: quote.priceSun.toString(),
    burnSun: quote.burnSun.toString(),
    savingSun: quote.savingSun.toString(),
  };
}
