/**
 * A TronNRG rental's price, pure and zod-free (the popup imports it): the pricing rules, how much
 * energy a transfer needs (sizing), and the quote a person confirms. Money is sun as `bigint`.
 */

/*
 * What a TronNRG rental costs and what it saves against burning. Everything in sun (`bigint`);
 * energy is a plain count of resource units, never money.
 */
export const SUN_PER_TRX = 1_000_000n;

/** The terms a price is computed under: the live `/supply` values, or the documented fallbacks. */
export interface RentalTerms {
  energyPerTrx: number;
  minPaymentSun: bigint;
  maxPaymentSun: bigint;
}

/** seeds/001 and seeds/README: linear 16,250 energy per TRX, 4..1,000 TRX per payment. */
export const DOCUMENTED_TERMS: RentalTerms = {
  energyPerTrx: 16_250,
  minPaymentSun: 4n * SUN_PER_TRX,
  maxPaymentSun: 1_000n * SUN_PER_TRX,
};

/** Energy delivered for a payment: `floor(trx × energyPerTrx)`, computed in sun so nothing rounds early. */
export function energyForPayment(paymentSun: bigint, terms: RentalTerms): number {
  return Number((paymentSun * BigInt(terms.energyPerTrx)) / SUN_PER_TRX);
}

/** The smallest and largest energy an order can have under `terms`. */
export function energyBounds(terms: RentalTerms): { min: number; max: number } {
  return {
    min: energyForPayment(terms.minPaymentSun, terms),
    max: energyForPayment(terms.maxPaymentSun, terms),
  };
}

export type PriceProblem = 'energy_invalid' | 'energy_above_maximum';

export interface RentalPrice {
  /** Whole TRX, in sun: `ceil(energy / energyPerTrx)` raised to the minimum payment. */
  priceSun: bigint;
  /** What TronNRG delegates for `priceSun` (at least the energy asked for). */
  energy: number;
  /** True when the minimum order, not the energy asked for, set the price. */
  minimumApplied: boolean;
}

/**
 * The price of `energy` under `terms`, in whole TRX: ceil(energy / energyPerTrx), never below the
 * minimum payment. Whole TRX because that is how TronNRG documents its orders (4 TRX → 65,000) and
 * what a person can check at a glance in TronLink's approval window.
 */
export function priceForEnergy(energy: number, terms: RentalTerms): RentalPrice | PriceProblem {
  if (!Number.isSafeInteger(energy) || energy <= 0) return 'energy_invalid';
  const perTrx = BigInt(terms.energyPerTrx);
  const wholeTrx = (BigInt(energy) + perTrx - 1n) / perTrx;
  let priceSun = wholeTrx * SUN_PER_TRX;
  let minimumApplied = false;
  if (priceSun < terms.minPaymentSun) {
    // A fractional live minimum (say 4.5 TRX) is paid as the next whole TRX, like any other price.
    priceSun = ((terms.minPaymentSun + SUN_PER_TRX - 1n) / SUN_PER_TRX) * SUN_PER_TRX;
    minimumApplied = true;
  }
  if (priceSun > terms.maxPaymentSun) return 'energy_above_maximum';
  return { priceSun, energy: energyForPayment(priceSun, terms), minimumApplied };
}

/** TRX burned for `energy` when the account has none: energy × the chain's `getEnergyFee`. */
export function burnCostSun(energy: number, energyFeeSun: bigint): bigint {
  return BigInt(Math.max(0, Math.trunc(energy))) * energyFeeSun;
}

/*
 * How much energy a rental should buy. A USDT-TRC20 transfer needs about 64,285 energy to an
 * address that already holds USDT and about 130,285 to one that holds none (the contract writes a
 * new storage slot); providers sell 65,000 / 131,000 packages (seeds/README).
 */
export const SIZING_PRESETS = {
  /** "1 USDT transfer" to an address that already holds USDT. */
  usdtTransfer: 65_000,
  /** "to a new USDT holder": the first USDT an address receives. */
  usdtTransferToNewHolder: 131_000,
} as const;

export type SizingPreset = keyof typeof SIZING_PRESETS;

/** The sizing a person picks on the Energy screen. */
export type Sizing =
  | { kind: 'preset'; preset: SizingPreset }
  | { kind: 'custom'; energy: number }
  /** `amount`: the USDT to send, as typed (decimal text); empty or absent means "any amount". */
  | { kind: 'transferTo'; address: string; amount?: string };

/** How a "transfer to…" sizing was settled. */
export interface TransferSizing {
  wantedEnergy: number;
  /** The table row used when the node could not estimate the transfer. */
  sizedPreset?: SizingPreset;
  /** The node computed the energy of this exact transfer. */
  sizedExactly: boolean;
}

/**
 * The energy of a transfer to a recipient: the node's estimate of that exact transfer when it has
 * one, else the table row for a recipient holding `recipientUsdtBalance`.
 */
export function sizeTransfer(estimate: number | undefined, recipientUsdtBalance: bigint): TransferSizing {
  if (estimate !== undefined && Number.isSafeInteger(estimate) && estimate > 0)
    return { wantedEnergy: estimate, sizedExactly: true };
  const sizedPreset = presetForRecipient(recipientUsdtBalance);
  return { wantedEnergy: SIZING_PRESETS[sizedPreset], sizedPreset, sizedExactly: false };
}

/** The preset for a transfer to an address holding `usdtBalance` base units of USDT. */
export function presetForRecipient(usdtBalance: bigint): SizingPreset {
  return usdtBalance > 0n ? 'usdtTransfer' : 'usdtTransferToNewHolder';
}

/**
 * Energy still to buy once what the receiver already has is used first; 0 when it has enough.
 * Energy is spent from the receiver's own pool before any TRX is burned, so renting it again wastes it.
 */
export function energyStillNeeded(wanted: number, receiverEnergyAvailable: number): number {
  return Math.max(0, wanted - Math.max(0, receiverEnergyAvailable));
}

/*
 * A rental quote from facts read off the chain and TronNRG: how much energy is still needed, what
 * it costs, what burning it instead would cost, and every reason not to send anything.
 */
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
