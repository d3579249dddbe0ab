/**
 * Offers side by side: every way to get the energy a transfer needs (TronNRG, a 2aml order, a
 * TronZap order, or burning TRX), each priced for the same energy, ranked so the cheapest usable
 * one comes first. Pure: the background gathers each source's answer and hands it here.
 */

export const OFFER_SOURCES = ['tronnrg', 'twoaml', 'tronzap', 'burn'] as const;
export type OfferSource = (typeof OFFER_SOURCES)[number];

/**
 * What stands between the person and an offer, each fixable in one step: sign in to 2aml, top up
 * the 2aml wallet, add a TronZap key, top up TronZap, or activate the receiver (TRON cannot delegate
 * to an address that does not exist yet).
 */
export const OFFER_BLOCKERS = [
  'sign_in',
  'top_up_twoaml',
  'add_tronzap_key',
  'top_up_tronzap',
  'activate_receiver',
  'balance_insufficient',
] as const;
export type OfferBlocker = (typeof OFFER_BLOCKERS)[number];

/** One source's answer for the energy asked: still loading, a price, or a reason it has none. */
export type OfferAnswer =
  | { state: 'loading' }
  | {
      state: 'priced';
      /** The total the person pays, in sun (TRX), whatever the source bills from. */
      priceSun: bigint;
      /** Energy delivered for `priceSun` (a provider may round up to its package). */
      energy: number;
      /** How long the energy stays delegated, in hours; burning keeps nothing (0). */
      periodHours: number;
      blocker?: OfferBlocker;
    }
  /** No price: the source failed, or cannot price before its blocker is fixed (no TronZap key). */
  | { state: 'failed'; message: string; blocker?: OfferBlocker };

export type Offer = OfferAnswer & { source: OfferSource };

/** The lease periods a person can ask for (2aml sells all four, TronZap 1H and 1D). */
export const OFFER_PERIODS = ['1H', '1D', '3D', '30D'] as const;
export type OfferPeriod = (typeof OFFER_PERIODS)[number];

/** Hours of each period. */
export const PERIOD_HOURS: Record<OfferPeriod, number> = { '1H': 1, '1D': 24, '3D': 72, '30D': 720 };

/** What every source is priced for: the receiver on the chain and the energy it still needs. */
export interface OfferNeedWire {
  receiver: string;
  receiverActivated: boolean;
  receiverEnergyAvailable: number;
  wantedEnergy: number;
  /** `wantedEnergy` minus what the receiver has: what every offer must deliver. */
  neededEnergy: number;
  /** The chain's current energy fee and burning `neededEnergy` at it, sun as decimal text. */
  energyFeeSun: string;
  burnSun: string;
  sizedExactly: boolean;
  sizedPreset?: 'usdtTransfer' | 'usdtTransferToNewHolder';
}

/** One source's answer as it crosses the message boundary (sun as decimal text). */
export type OfferWire = { source: OfferSource; need: OfferNeedWire } & (
  | {
      state: 'priced';
      priceSun: string;
      energy: number;
      /** Hours the energy stays; null when the source does not say (TronNRG), 0 for burning. */
      periodHours: number | null;
      blocker?: OfferBlocker;
      /** Why it is blocked, in words. */
      blockerText?: string;
      /** The source's smallest order, not the need, set the energy. */
      minimumApplied?: boolean;
    }
  | {
      state: 'failed';
      message: string;
      blocker?: OfferBlocker;
      /** The problem's code when the source refused the request (a TronNRG size bound). */
      code?: string;
    }
);

/** A wire answer as `rankOffers` takes it. */
export function offerFromWire(wire: OfferWire): Offer {
  if (wire.state === 'failed')
    return { source: wire.source, state: 'failed', message: wire.message, blocker: wire.blocker };
  return {
    source: wire.source,
    state: 'priced',
    priceSun: BigInt(wire.priceSun),
    energy: wire.energy,
    periodHours: wire.periodHours ?? 0,
    blocker: wire.blocker,
  };
}

/** A priced offer with what it saves against burning the same energy. */
export type RankedOffer = Offer & {
  /** Burning the energy the person needs, minus this offer's price (negative: burning is cheaper). */
  savingSun?: bigint;
  /** Price per energy unit in tenths of a sun, so 61.5 sun/energy is 615n (providers differ ~2x). */
  tenthsOfSunPerEnergy?: bigint;
  /** True for the first offer that can be used as it stands. */
  best: boolean;
};

/** Price per energy unit, in tenths of a sun, rounded half up; undefined for no energy. */
export function tenthsOfSunPerEnergy(priceSun: bigint, energy: number): bigint | undefined {
  if (!Number.isSafeInteger(energy) || energy <= 0) return undefined;
  const units = BigInt(energy);
  return (priceSun * 20n + units) / (2n * units);
}

/** 0 for a usable price, 1 for a blocked one, 2 while loading, 3 for a source that failed. */
function tier(offer: Offer): number {
  if (offer.state === 'priced') return offer.blocker === undefined ? 0 : 1;
  return offer.state === 'loading' ? 2 : 3;
}

/**
 * Orders offers cheapest usable first: usable prices by total, then per energy unit, then a
 * longer period; then blocked prices the same way (so the fix is shown beside what it would
 * save); then sources still loading; then sources that failed. The order of sources breaks ties, so
 * the list never jumps between two refreshes of the same answers.
 */
export function rankOffers(offers: readonly Offer[], burnSun: bigint): RankedOffer[] {
  const ranked = offers.map((offer): RankedOffer => {
    if (offer.state !== 'priced') return { ...offer, best: false };
    return {
      ...offer,
      savingSun: offer.source === 'burn' ? 0n : burnSun - offer.priceSun,
      tenthsOfSunPerEnergy: tenthsOfSunPerEnergy(offer.priceSun, offer.energy),
      best: false,
    };
  });
  ranked.sort((a, b) => {
    const byTier = tier(a) - tier(b);
    if (byTier !== 0) return byTier;
    if (a.state === 'priced' && b.state === 'priced') {
      if (a.priceSun !== b.priceSun) return a.priceSun < b.priceSun ? -1 : 1;
      const perA = a.tenthsOfSunPerEnergy ?? 0n;
      const perB = b.tenthsOfSunPerEnergy ?? 0n;
      if (perA !== perB) return perA < perB ? -1 : 1;
      if (a.periodHours !== b.periodHours) return b.periodHours - a.periodHours;
    }
    return OFFER_SOURCES.indexOf(a.source) - OFFER_SOURCES.indexOf(b.source);
  });
  const first = ranked[0];
  if (first && tier(first) === 0) first.best = true;
  return ranked;
}
