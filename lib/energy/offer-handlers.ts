/**
 * The background side of the Energy tab's offers: `energy.offer` prices one source (the popup asks
 * for every source at once and shows each answer as it arrives), and `energy.order` starts a 2aml
 * energy order (the durable `energy-order` job) after pricing it again here. The energy namespace
 * shares the AML session (lib/twoaml/background-session.ts): one 2aml sign-in serves both.
 */
import { formatCount, interfaceLocale, ltrText } from '@/lib/locale';
import { i18n } from '#i18n';
import type { Handlers } from '@/lib/messaging';
import type { JobRunner } from '@/lib/jobs/runner';
import type { JobRecord } from '@/lib/jobs/schema';
import { describeServiceError } from '@/lib/api/errors';
import { TWOAML_ERRORS, type TwoAmlErrorCode } from '@/lib/twoaml/errors';
import { createTwoAmlClient } from '@/lib/twoaml/client';
import { signedInUserId, twoAmlSession } from '@/lib/twoaml/background-session';
import { createEndpointClients } from '@/lib/service-clients';
import { createSerialQueue } from '@/lib/queue';
import { refused, succeeded, type Outcome, type Problem } from '@/lib/outcome';
import { formatAmountForDisplay, TRX } from '@/lib/tron/units';
import { jobsItem } from '@/lib/storage';
import { tronLinkAccountItem } from '../tronlink/account';
import type { EndNotice } from '../jobs/notifications';
import { energyClients, readChainParameters, readSupply, quoteRental, wantedEnergyFor } from './rental-reads';
import { DOCUMENTED_TERMS } from './quote';
import { createTwoAmlEnergyApi } from './twoaml-orders-api';
import { createEnergyOrderKind, ENERGY_ORDER_KIND, energyOrderDataSchema } from './energy-order-job';
import { createTronZapApi } from './tronzap-api';
import { createTronZapCredentials } from './tronzap-credentials';
import { offerFor, readNeed, type OfferDeps, type OfferRequest } from './offer-sources';
import type { OfferNeedWire } from './offers';
import type { QuoteRequestProblem } from './views';

const translate = i18n.t as (key: string, substitutions?: string[]) => string;

/** The energy namespace with the session's token (the same session as AML). */
const twoAmlEnergy = createEndpointClients(
  (endpoints) =>
    createTwoAmlEnergyApi(createTwoAmlClient({ baseUrl: endpoints.twoAml, ...twoAmlSession.credentials })),
  undefined,
  ['twoAml'],
);
const tronZapAddress = createEndpointClients((endpoints) => endpoints.tronZap);
const tronZapCredentials = createTronZapCredentials();

/** The real sources: the chain, TronNRG, 2aml and TronZap of the network profile in force. */
export const offerDeps: OfferDeps = {
  account: async () => (await tronLinkAccountItem.get())?.address ?? null,
  wantedEnergy: async (sizing, sender) => wantedEnergyFor(sizing, sender, (await energyClients()).tronNode),
  async receiver(address) {
    const node = (await energyClients()).tronNode;
    const [account, resources] = await Promise.all([node.account(address), node.accountResources(address)]);
    return { activated: account.activated, energyAvailable: resources.energyAvailable };
  },
  energyFeeSun: async () => (await readChainParameters(await energyClients())).energyFeeSun,
  tronNrgQuote: async (request) => quoteRental(request, await energyClients()),
  async tronNrgTerms() {
    const clients = await energyClients();
    const supply = await readSupply(clients).catch(() => null);
    if (supply)
      return {
        energyPerTrx: supply.energyPerTrx,
        minPaymentSun: supply.minPaymentSun,
        maxPaymentSun: supply.maxPaymentSun,
      };
    return clients.endpoints.tronNrgDocumentedPayTo ? DOCUMENTED_TERMS : null;
  },
  twoAml: {
    async quote(input) {
      const quote = await (await twoAmlEnergy()).quote(input);
      return { amountSun: quote.amountSun, energy: quote.energy, orderingAvailable: quote.orderingAvailable };
    },
    async walletSun() {
      if ((await signedInUserId()) === null) return null;
      return (await (await twoAmlEnergy()).wallet.summary()).availableBalanceSun;
    },
  },
  async tronZap() {
    const address = await tronZapAddress();
    const credential = await tronZapCredentials.read(address);
    if (!credential) return null;
    const api = createTronZapApi({ baseUrl: address, ...credential });
    return {
      calculateSun: async (input) => (await api.calculate(input)).total.sun,
      balanceSun: async () => (await api.balance()).balance.sun,
    };
  },
  text: translate,
  failure: (error) => describeServiceError(error).message,
};

/** How long the offers of one batch share one read of the need (they are asked at once). */
const NEED_SHARED_MS = 2_000;
let sharedNeed: { key: string; at: number; need: ReturnType<typeof readNeed> } | undefined;

/**
 * The need of `request`, read once for the offers of its batch (the popup asks every source at
 * once). Only the same batch shares: a read made for an earlier batch, even a moment ago, may
 * predate a rental or a reset of the chain, and its "already has enough energy" would be stale.
 */
function needOf(request: OfferRequest, batch: string | undefined) {
  if (batch === undefined) return readNeed(offerDeps, request);
  const key = JSON.stringify([batch, request.receiver.trim(), request.sizing]);
  const now = Date.now();
  if (!sharedNeed || sharedNeed.key !== key || now - sharedNeed.at > NEED_SHARED_MS)
    sharedNeed = { key, at: now, need: readNeed(offerDeps, request) };
  return sharedNeed.need;
}

/** The message of a 2aml order code (seeds/000) or of one of the job's own. */
function orderMessage(code: string): string {
  const own = translate(`energy.offers.orderErrors.${code}`);
  if (own && own !== `energy.offers.orderErrors.${code}`) return own;
  const advice = TWOAML_ERRORS[code as TwoAmlErrorCode];
  return translate(advice?.key ? `errors.${advice.key}` : 'errors.unknown');
}

export const energyOrderJob = createEnergyOrderKind({
  async session() {
    const userId = await signedInUserId();
    return userId === null ? null : { api: await twoAmlEnergy(), userId };
  },
  energyLimit: async (receiver) =>
    (await (await energyClients()).tronNode.accountResources(receiver)).energyLimit,
  message: orderMessage,
});

const orderProblem = (code: QuoteRequestProblem | string, message?: string): Problem => ({
  code,
  message: message ?? orderMessage(code),
  retry: 'now',
});

const startQueue = createSerialQueue();

/** Starts a 2aml order for `request` at `priceSun`, or says why nothing was sent. */
async function startTwoAmlOrder(
  runner: JobRunner,
  request: OfferRequest & { priceSun: string },
): Promise<Outcome<{ jobId: string }>> {
  // Read afresh: what the button showed must still be what 2aml charges.
  sharedNeed = undefined;
  const read = await readNeed(offerDeps, request);
  if (!read.ok) return read;
  const need: OfferNeedWire = read.value;
  const offer = await offerFor(offerDeps, 'twoaml', request, Promise.resolve(read));
  if (!offer.ok) return offer;
  const priced = offer.value;
  if (priced.state !== 'priced') return refused(orderProblem('unavailable', priced.message));
  if (priced.priceSun !== request.priceSun) return refused(orderProblem('price_changed'));
  if (priced.blocker) return refused(orderProblem(priced.blocker, priced.blockerText));
  const userId = await signedInUserId();
  if (userId === null) return refused(orderProblem('signed_out'));
  const running = Object.values(await jobsItem.get()).some(
    (job) => job.kind === ENERGY_ORDER_KIND && !job.terminal && job.data.receiver === need.receiver,
  );
  if (running) return refused(orderProblem('in_progress'));
  const resources = await (await energyClients()).tronNode.accountResources(need.receiver);
  // The ids are written with the job, before the first POST /orders.
  const job = await runner.create(
    energyOrderJob,
    'creating',
    energyOrderDataSchema.parse({
      receiver: need.receiver,
      energy: priced.energy,
      period: request.period,
      orderId: `ampere-${crypto.randomUUID()}`,
      idempotencyKey: crypto.randomUUID(),
      userId,
      energyBefore: resources.energyLimit,
      priceSun: priced.priceSun,
    }),
  );
  void runner.kick();
  return succeeded({ jobId: job.id });
}

/** The offer messages' handlers. */
export function createOfferHandlers({ runner }: { runner: JobRunner }): Handlers {
  return {
    'energy.offer': async ({ source, batch, ...request }) =>
      offerFor(offerDeps, source, request, needOf(request, batch)),
    'energy.order': (request) => startQueue(() => startTwoAmlOrder(runner, request)),
  };
}

/** How a 2aml order's end reads in a notification. */
export function describeEnergyOrderEnd(job: JobRecord): EndNotice {
  const receiver = typeof job.data.receiver === 'string' ? job.data.receiver : '';
  if (job.state === 'ready') {
    const energy = typeof job.data.energy === 'number' ? formatCount(job.data.energy) : '';
    const charged = typeof job.data.chargedSun === 'string' ? job.data.chargedSun : job.data.priceSun;
    const price =
      typeof charged === 'string'
        ? formatAmountForDisplay(TRX, BigInt(charged), { locale: interfaceLocale() })
        : '';
    return {
      title: translate('energy.offers.orderReady'),
      message: translate('energy.offers.orderDelivered', [
        ltrText(energy),
        ltrText(receiver),
        ltrText(price),
      ]),
    };
  }
  return { title: translate('energy.offers.orderFailed'), message: job.error?.message ?? '', priority: 1 };
}
