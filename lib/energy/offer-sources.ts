/**
 * Prices one source of energy for what the person needs: TronNRG (paid from TronLink), a 2aml order
 * (billed from the 2aml energy wallet), a TronZap order (billed from the TronZap account) or burning
 * TRX at the chain's current energy fee. Each source is priced on its own, so the popup can ask for
 * all four at once and show each answer as it comes (a slow or failing source holds nobody up).
 *
 * What stands in the way of an offer is a blocker with its fix, found before anyone pays: a receiver
 * that is not activated on chain blocks every rental (TRON cannot delegate to it).
 */
import { type Outcome, refused, succeeded } from '@/lib/outcome';
import { isTronAddress } from '@/lib/tron/address';
import { burnCostSun, priceForEnergy, type RentalTerms, energyStillNeeded, type Sizing } from './quote';
import type { QuoteOutcome, WantedEnergy } from './rental-reads';
import type { QuoteRequestProblem } from './views';
import {
  PERIOD_HOURS,
  type OfferBlocker,
  type OfferNeedWire,
  type OfferPeriod,
  type OfferSource,
  type OfferWire,
} from './offers';
import { quoteProblem } from './texts';

/** 2aml's documented smallest order (seeds/000 §12). */
export const TWOAML_MIN_ENERGY = 10_000;

export interface OfferRequest {
  receiver: string;
  sizing: Sizing;
  period: OfferPeriod;
}

/** What pricing the sources reads; the background passes the real clients, tests their fakes. */
export interface OfferDeps {
  /** The connected TronLink account, or null. */
  account(): Promise<string | null>;
  wantedEnergy(sizing: Sizing, sender: string): Promise<WantedEnergy | QuoteRequestProblem>;
  receiver(address: string): Promise<{ activated: boolean; energyAvailable: number }>;
  /** The chain's current energy fee (`getEnergyFee`), in sun per energy. */
  energyFeeSun(): Promise<bigint>;
  /** A full TronNRG quote (what its confirmation shows). */
  tronNrgQuote(request: { receiver: string; sizing: Sizing }): Promise<QuoteOutcome>;
  /** TronNRG's terms, live or documented; null when none can be used. */
  tronNrgTerms(): Promise<RentalTerms | null>;
  twoAml: {
    /** `GET /quote` (public). */
    quote(input: {
      receiver: string;
      energy: number;
      period: OfferPeriod;
    }): Promise<{ amountSun: bigint; energy: number; orderingAvailable: boolean }>;
    /** The signed-in session's available wallet balance, or null when signed out. */
    walletSun(): Promise<bigint | null>;
  };
  /** TronZap with the kept key, or null when no key is kept for the TronZap address in force. */
  tronZap(): Promise<{
    calculateSun(input: { address: string; energy: number; durationHours: 1 | 24 }): Promise<bigint>;
    balanceSun(): Promise<bigint>;
  } | null>;
  /** Readable text of an offer message key (`energy.offers.*`). */
  text(key: string, substitutions?: string[]): string;
  /** Readable text of a service failure. */
  failure(error: unknown): string;
}

export type OfferOutcome = Outcome<OfferWire, QuoteRequestProblem>;

/** What every source prices: the receiver and the energy it still needs, or why there is nothing to price. */
export async function readNeed(
  deps: OfferDeps,
  request: Pick<OfferRequest, 'receiver' | 'sizing'>,
): Promise<Outcome<OfferNeedWire, QuoteRequestProblem>> {
  const account = await deps.account();
  if (!account) return refused(quoteProblem('not_connected'));
  const receiver = request.receiver.trim() || account;
  if (!isTronAddress(receiver)) return refused(quoteProblem('receiver_invalid'));
  try {
    const [wanted, chain, feeSun] = await Promise.all([
      deps.wantedEnergy(request.sizing, account),
      deps.receiver(receiver),
      deps.energyFeeSun(),
    ]);
    if (typeof wanted === 'string') return refused(quoteProblem(wanted));
    if (!Number.isSafeInteger(wanted.wantedEnergy) || wanted.wantedEnergy <= 0)
      return refused(quoteProblem('energy_invalid'));
    const neededEnergy = energyStillNeeded(wanted.wantedEnergy, chain.energyAvailable);
    if (neededEnergy === 0) return refused(quoteProblem('receiver_has_enough'));
    return succeeded({
      receiver,
      receiverActivated: chain.activated,
      receiverEnergyAvailable: chain.energyAvailable,
      wantedEnergy: wanted.wantedEnergy,
      neededEnergy,
      energyFeeSun: feeSun.toString(),
      burnSun: burnCostSun(neededEnergy, feeSun).toString(),
      sizedExactly: wanted.sizedExactly,
      ...(wanted.sizedPreset ? { sizedPreset: wanted.sizedPreset } : {}),
    });
  } catch {
    return refused(quoteProblem('unavailable'));
  }
}

/** Prices `source` for `need`; a source's own failure is an answer, never a thrown error. */
export async function priceOffer(
  deps: OfferDeps,
  source: OfferSource,
  need: OfferNeedWire,
  request: OfferRequest,
): Promise<OfferWire> {
  const blocked = (blocker: OfferBlocker, substitutions: string[] = []) => ({
    blocker,
    blockerText: deps.text(`energy.offers.blockers.${blocker}`, substitutions),
  });
  const failed = (message: string, blocker?: OfferBlocker, code?: string): OfferWire => ({
    source,
    need,
    state: 'failed',
    message,
    ...(blocker ? { blocker } : {}),
    ...(code ? { code } : {}),
  });
  // Nothing can be delegated to an address the chain does not know; found before anyone pays.
  const inactive = need.receiverActivated ? {} : blocked('activate_receiver');
  try {
    if (source === 'burn') {
      return {
        source,
        need,
        state: 'priced',
        priceSun: need.burnSun,
        energy: need.neededEnergy,
        periodHours: 0,
        ...inactive,
      };
    }
    if (source === 'tronnrg') {
      const quote = await deps.tronNrgQuote({ receiver: need.receiver, sizing: request.sizing });
      if (quote.ok) {
        return {
          source,
          need,
          state: 'priced',
          priceSun: quote.value.priceSun.toString(),
          energy: quote.value.energy,
          periodHours: null,
          minimumApplied: quote.value.minimumApplied,
        };
      }
      const code = quote.problem.code;
      if (code !== 'receiver_not_activated' && code !== 'balance_insufficient')
        return failed(quote.problem.message, undefined, code);
      // Still priced, so the person sees what fixing it would save.
      const terms = await deps.tronNrgTerms();
      const price = terms ? priceForEnergy(need.neededEnergy, terms) : 'energy_invalid';
      if (typeof price === 'string') return failed(quote.problem.message);
      return {
        source,
        need,
        state: 'priced',
        priceSun: price.priceSun.toString(),
        energy: price.energy,
        periodHours: null,
        minimumApplied: price.minimumApplied,
        ...(code === 'receiver_not_activated'
          ? blocked('activate_receiver')
          : { blocker: 'balance_insufficient' as const, blockerText: quote.problem.message }),
      };
    }
    if (source === 'twoaml') {
      const energy = Math.max(need.neededEnergy, TWOAML_MIN_ENERGY);
      const [quote, wallet] = await Promise.all([
        deps.twoAml.quote({ receiver: need.receiver, energy, period: request.period }),
        deps.twoAml.walletSun(),
      ]);
      if (!quote.orderingAvailable) return failed(deps.text('energy.offers.twoAmlUnavailable'));
      const blocker = !need.receiverActivated
        ? blocked('activate_receiver')
        : wallet === null
          ? blocked('sign_in')
          : wallet < quote.amountSun
            ? blocked('top_up_twoaml')
            : {};
      return {
        source,
        need,
        state: 'priced',
        priceSun: quote.amountSun.toString(),
        energy: quote.energy,
        periodHours: PERIOD_HOURS[request.period],
        minimumApplied: energy > need.neededEnergy,
        ...blocker,
      };
    }
    const zap = await deps.tronZap();
    if (!zap) return failed(deps.text('energy.offers.blockers.add_tronzap_key'), 'add_tronzap_key');
    const durationHours = request.period === '1H' ? 1 : request.period === '1D' ? 24 : null;
    if (durationHours === null) return failed(deps.text('energy.offers.zapPeriods'));
    const [priceSun, balanceSun] = await Promise.all([
      zap.calculateSun({ address: need.receiver, energy: need.neededEnergy, durationHours }),
      zap.balanceSun(),
    ]);
    return {
      source,
      need,
      state: 'priced',
      priceSun: priceSun.toString(),
      energy: need.neededEnergy,
      periodHours: durationHours,
      ...(!need.receiverActivated ? inactive : balanceSun < priceSun ? blocked('top_up_tronzap') : {}),
    };
  } catch (error) {
    return failed(deps.failure(error));
  }
}

/**
 * `source` priced for the need a receiver usually has (activated, none of its energy available),
 * asked while the chain is still being read: for a preset or custom amount that guess needs no chain
 * read. Null when there is nothing to guess (burning, a "transfer to…" sizing, no account).
 */
async function priceLikelyNeed(
  deps: OfferDeps,
  source: OfferSource,
  request: OfferRequest,
): Promise<{ guess: OfferNeedWire; wire: Promise<OfferWire> } | null> {
  if (source === 'burn' || request.sizing.kind === 'transferTo') return null;
  const account = await deps.account();
  if (!account) return null;
  const receiver = request.receiver.trim() || account;
  if (!isTronAddress(receiver)) return null;
  const wanted = await deps.wantedEnergy(request.sizing, account);
  if (typeof wanted === 'string' || !Number.isSafeInteger(wanted.wantedEnergy) || wanted.wantedEnergy <= 0)
    return null;
  const guess: OfferNeedWire = {
    receiver,
    receiverActivated: true,
    receiverEnergyAvailable: 0,
    wantedEnergy: wanted.wantedEnergy,
    neededEnergy: wanted.wantedEnergy,
    energyFeeSun: '0',
    burnSun: '0',
    sizedExactly: wanted.sizedExactly,
  };
  return { guess, wire: priceOffer(deps, source, guess, request) };
}

/**
 * The need, then `source` priced for it. A provider's price depends only on the receiver, the energy
 * still needed and whether the receiver is activated, so a price asked for the likely need while
 * the chain was read is used when the need read turns out the same, and asked again when not.
 */
export async function offerFor(
  deps: OfferDeps,
  source: OfferSource,
  request: OfferRequest,
  need: Promise<Outcome<OfferNeedWire, QuoteRequestProblem>> = readNeed(deps, request),
): Promise<OfferOutcome> {
  const early = priceLikelyNeed(deps, source, request).catch(() => null);
  const read = await need;
  if (!read.ok) return read;
  const real = read.value;
  const likely = await early;
  if (
    likely &&
    real.receiverActivated &&
    real.receiver === likely.guess.receiver &&
    real.neededEnergy === likely.guess.neededEnergy
  )
    return succeeded({ ...(await likely.wire), need: real });
  return succeeded(await priceOffer(deps, source, real, request));
}
