/**
 * Gathers what a quote depends on (the connected account, the receiver and the sizing target on the
 * chain, TronNRG's terms, the chain's fees) and prices the rental with `buildQuote`.
 */
import { formatCount, interfaceLocale } from '@/lib/locale';
import {
  buildQuote,
  quoteToWire,
  type QuoteFacts,
  type QuoteWire,
  type RentalQuote,
} from '@/lib/energy/quote';
import { DOCUMENTED_TERMS, energyBounds, type RentalTerms } from '@/lib/energy/pricing';
import { SIZING_PRESETS, sizeTransfer, type Sizing } from '@/lib/energy/sizing';
import type { QuoteRequestProblem } from '@/lib/energy/views';
import { refused, succeeded, type Outcome } from '@/lib/outcome';
import { isTronAddress } from '@/lib/tron/address';
import { tronLinkAccountItem } from '../tronlink/account';
import { AmountError, formatAmountForDisplay, parseUsdt, TRX } from '@/lib/tron/units';
import { readChainParameters, readSupply, type EnergyClients } from './clients';
import { quoteProblem } from './problems';
import { createLogger } from '@/lib/log';

const log = createLogger('energy');

/** A TRX transfer uses ~267 bytes of bandwidth (seeds/README); without free bandwidth it is burned. */
const PAYMENT_BANDWIDTH_BYTES = 300n;

export interface QuoteRequest {
  receiver: string;
  sizing: Sizing;
}

export type QuoteOutcome = Outcome<RentalQuote, QuoteRequestProblem>;

/** A quote or rental refused before anything was sent. */
export function quoteRefused(code: QuoteRequestProblem, substitutions: string[] = []) {
  return refused(quoteProblem(code, substitutions));
}

/** TronNRG's terms and payment address, live when `/supply` answers, else the documented ones. */
async function marketTerms(clients: EnergyClients) {
  try {
    const supply = await readSupply(clients);
    const terms: RentalTerms = {
      energyPerTrx: supply.energyPerTrx,
      minPaymentSun: supply.minPaymentSun,
      maxPaymentSun: supply.maxPaymentSun,
    };
    return { terms, payTo: supply.payTo, live: true };
  } catch (error) {
    log.debug('TronNRG /supply did not answer; quoting on the documented terms where there are any', error);
    // Production documents its payment address; elsewhere nothing may be paid without `/supply`.
    const documented = clients.endpoints.tronNrgDocumentedPayTo;
    return documented ? { terms: DOCUMENTED_TERMS, payTo: documented, live: false } : null;
  }
}

/** Prices a rental for the connected account; every reason not to send anything comes back as a problem. */
export async function quoteRental(request: QuoteRequest, clients: EnergyClients): Promise<QuoteOutcome> {
  const account = await tronLinkAccountItem.get();
  if (!account) return quoteRefused('not_connected');
  const receiver = request.receiver.trim() || account.address;
  if (!isTronAddress(receiver)) return quoteRefused('receiver_invalid');

  const node = clients.tronNode;
  try {
    const wanted = await wantedEnergyFor(request.sizing, account.address, node);
    if (typeof wanted === 'string') return quoteRefused(wanted);
    const { wantedEnergy, sizedPreset, sizedExactly } = wanted;

    const [market, parameters, payer, payerResources, receiverAccount, receiverResources] = await Promise.all(
      [
        marketTerms(clients),
        readChainParameters(clients),
        node.account(account.address),
        node.accountResources(account.address),
        node.account(receiver),
        node.accountResources(receiver),
      ],
    );
    if (!market) return quoteRefused('unavailable');
    const result = buildQuote({
      payer: account.address,
      payerBalanceSun: payer.balanceSun,
      paymentFeeSun:
        BigInt(payerResources.bandwidthAvailable) >= PAYMENT_BANDWIDTH_BYTES
          ? 0n
          : PAYMENT_BANDWIDTH_BYTES * parameters.bandwidthFeeSun,
      receiver,
      receiverActivated: receiverAccount.activated,
      receiverEnergyAvailable: receiverResources.energyAvailable,
      wantedEnergy,
      customEnergy: request.sizing.kind === 'custom',
      sizedPreset,
      sizedExactly,
      terms: market.terms,
      termsLive: market.live,
      energyFeeSun: parameters.energyFeeSun,
      payTo: market.payTo,
      documentedPayTo: clients.endpoints.tronNrgDocumentedPayTo,
    });
    if (result.ok) return succeeded(result.quote);
    const bounds = energyBounds(market.terms);
    const substitutions =
      result.problem === 'energy_below_minimum'
        ? [energyText(bounds.min)]
        : result.problem === 'energy_above_maximum'
          ? [energyText(bounds.max)]
          : result.problem === 'balance_insufficient'
            ? [formatAmountForDisplay(TRX, payer.balanceSun, { locale: interfaceLocale() })]
            : [];
    return quoteRefused(result.problem, substitutions);
  } catch (error) {
    log.warn('a quote could not be made', error);
    return quoteRefused('unavailable');
  }
}

/** What a sizing asks for before the receiver's own energy is taken off, or why it cannot be read. */
export interface WantedEnergy {
  wantedEnergy: number;
  sizedPreset?: QuoteFacts['sizedPreset'];
  sizedExactly: boolean;
}

/**
 * The energy `sizing` asks for: a preset, the typed amount, or the node's estimate of the exact
 * transfer from `sender` (the table row when the node cannot say).
 */
export async function wantedEnergyFor(
  sizing: Sizing,
  sender: string,
  node: Pick<EnergyClients['tronNode'], 'usdtTransferEnergy' | 'usdtBalance'>,
): Promise<WantedEnergy | 'sizing_address_invalid' | 'sizing_amount_invalid'> {
  if (sizing.kind === 'preset') return { wantedEnergy: SIZING_PRESETS[sizing.preset], sizedExactly: false };
  if (sizing.kind === 'custom') return { wantedEnergy: sizing.energy, sizedExactly: false };
  const target = sizing.address.trim();
  if (!isTronAddress(target)) return 'sizing_address_invalid';
  const amount = transferAmount(sizing.amount);
  if (amount === null) return 'sizing_amount_invalid';
  // The sender is the connected account: its balance decides whether the transfer would run.
  const [estimate, recipientBalance] = await Promise.all([
    node.usdtTransferEnergy(sender, target, amount),
    node.usdtBalance(target),
  ]);
  return sizeTransfer(estimate, recipientBalance);
}

/**
 * The USDT amount of a "transfer to…" sizing in base units; 1 base unit stands in when none was
 * typed (a transfer's energy depends on the balances it touches, hardly on its size). Null when
 * the text is not an amount.
 */
function transferAmount(text: string | undefined): bigint | null {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return 1n;
  try {
    const amount = parseUsdt(trimmed);
    return amount > 0n ? amount : null;
  } catch (error) {
    if (error instanceof AmountError) return null;
    throw error;
  }
}

function energyText(energy: number): string {
  return formatCount(energy);
}

/** A quote outcome as it travels to the popup. */
export function quoteResponse(outcome: QuoteOutcome): Outcome<QuoteWire, QuoteRequestProblem> {
  return outcome.ok ? succeeded(quoteToWire(outcome.value)) : outcome;
}
