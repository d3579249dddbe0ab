/**
 * What a rental reads: the TronNRG and chain clients in force, the chain reads its steps check a
 * payment and a delegation with, and the facts a quote is made of.
 */

import { createTronNodeApi, type TronNodeApi } from '@/lib/tron/node-api';
import { createTronNrgApi, type TronNrgApi, type TronNrgSupply } from '@/lib/energy/tronnrg-client';
import type { TronChainParameters } from '@/lib/tron/node-schemas';
import type { ServiceEndpoints } from '@/lib/config/network';
import { createEndpointClients } from '@/lib/service-clients';
import type { NrgClaimChain } from './claim-results';
import { formatCount, interfaceLocale } from '@/lib/locale';
import {
  buildQuote,
  quoteToWire,
  type QuoteFacts,
  type QuoteWire,
  type RentalQuote,
  DOCUMENTED_TERMS,
  energyBounds,
  type RentalTerms,
  SIZING_PRESETS,
  sizeTransfer,
  type Sizing,
} from '@/lib/energy/quote';
import type { QuoteRequestProblem } from '@/lib/energy/views';
import { refused, succeeded, type Outcome } from '@/lib/outcome';
import { isTronAddress } from '@/lib/tron/address';
import { tronLinkAccountItem } from '../tronlink/account';
import { AmountError, formatAmountForDisplay, parseUsdt, TRX } from '@/lib/tron/units';
import { quoteProblem } from './texts';
import { createLogger } from '@/lib/log';

/*
 * The TronNRG and chain clients for the network profile in force (lib/service-clients.ts), plus
 * short caches for the two reads every quote repeats: TronNRG's terms and the chain's energy fee.
 */
/** Terms and fees change rarely; a minute keeps a typing person's quotes cheap. */
const MARKET_CACHE_MS = 60_000;

export interface EnergyClients {
  endpoints: ServiceEndpoints;
  tronNrg: TronNrgApi;
  tronNode: TronNodeApi;
}

/** The clients for the endpoints of the settings in force. */
export const energyClients: () => Promise<EnergyClients> = createEndpointClients((endpoints) => ({
  endpoints,
  tronNrg: createTronNrgApi({ baseUrl: endpoints.tronNrg }),
  tronNode: createTronNodeApi({ baseUrl: endpoints.tronNode, usdtContract: endpoints.usdtContract }),
}));

function cachedPerEndpoint<T>(
  read: (clients: EnergyClients) => Promise<T>,
  key: (e: ServiceEndpoints) => string,
) {
  let cached: { key: string; at: number; value: T } | undefined;
  return async (clients: EnergyClients): Promise<T> => {
    const k = key(clients.endpoints);
    if (cached && cached.key === k && Date.now() - cached.at < MARKET_CACHE_MS) return cached.value;
    const value = await read(clients);
    cached = { key: k, at: Date.now(), value };
    return value;
  };
}

/** TronNRG's live `/supply` (cached briefly); throws when it cannot be read. */
export const readSupply: (clients: EnergyClients) => Promise<TronNrgSupply> = cachedPerEndpoint(
  (clients) => clients.tronNrg.supply(),
  (e) => e.tronNrg,
);

/** The chain's resource prices (cached briefly). */
export const readChainParameters: (clients: EnergyClients) => Promise<TronChainParameters> =
  cachedPerEndpoint(
    (clients) => clients.tronNode.chainParameters(),
    (e) => e.tronNode,
  );

/*
 * What a rental reads on the chain (`NrgClaimChain` in claim-results.ts), over the TRON node and TronGrid
 * client of the profile in force: a transaction with its block time, the payer's transfer to
 * `pay_to`, and an energy delegation to the receiver.
 */
/** The chain reads of the rental job over `node` (looked up per call: the settings may change). */
export function createRentalChain(node: () => Promise<TronNodeApi>): NrgClaimChain {
  return {
    async transaction(txid) {
      const tronNode = await node();
      const tx = await tronNode.transaction(txid);
      if (!tx || tx.blockTimestampMs !== undefined) return tx;
      // A node's transaction carries no block time; its receipt does, once it is in a block.
      const info = await tronNode.transactionInfo(txid);
      return info ? { ...tx, blockTimestampMs: info.blockTimestampMs } : tx;
    },
    async findPayment(query) {
      return (await node()).findTrxPayment({ ...query, sinceMs: Math.max(0, query.sinceMs) });
    },
    async findDelegation({ receiver, sinceMs }) {
      const page = await (
        await node()
      ).accountTransactions(receiver, {
        onlyTo: true,
        onlyConfirmed: true,
        minTimestamp: Math.max(0, sinceMs),
        orderBy: 'block_timestamp,asc',
        limit: 50,
      });
      return page.transactions.find(
        (tx) =>
          tx.type === 'DelegateResourceContract' &&
          tx.to === receiver &&
          (tx.contractRet === undefined || tx.contractRet === 'SUCCESS'),
      );
    },
  };
}

/*
 * Gathers what a quote depends on (the connected account, the receiver and the sizing target on the
 * chain, TronNRG's terms, the chain's fees) and prices the rental with `buildQuote`.
 */
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
