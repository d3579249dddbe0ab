/**
 * TronZap orders from the background: the `zap-tx` kind wired to the kept credentials and the chain,
 * a quote (`/v1/calculate`, or the activation price from `/v1/services`) and the start of an order,
 * serialized so two windows asking at once make one order.
 */
import { formatCount, interfaceLocale, ltrText } from '@/lib/locale';
import { i18n } from '#i18n';
import type { Handlers } from '@/lib/messaging';
import type { JobRunner } from '@/lib/jobs/runner';
import type { JobRecord } from '@/lib/jobs/schema';
import { errorEntryFor } from '@/lib/api/error-catalog';
import { describeServiceError } from '@/lib/api/errors';
import { ServiceError } from '@/lib/http';
import { createEndpointClients } from '@/lib/service-clients';
import { createSerialQueue } from '@/lib/queue';
import { refused, settle, succeeded, type Outcome, type Problem } from '@/lib/outcome';
import { isTronAddress } from '@/lib/tron/address';
import { formatAmountForDisplay, TRX } from '@/lib/tron/units';
import { jobsItem } from '@/lib/storage';
import type { EndNotice } from '../jobs/notifications';
import { energyClients } from './rental-reads';
import { ZAP_BANDWIDTH_HOURS } from './bandwidth';
import { createTronZapApi, type TronZapApi } from './tronzap-api';
import { createTronZapCredentials, originOf } from './tronzap-credentials';
import {
  createZapOrderKind,
  ZAP_ORDER_KIND,
  zapOrderDataSchema,
  type ZapOrderService,
} from './zap-order-job';
import type { ZapOrderRequest, ZapQuoteView } from './views';

const credentials = createTronZapCredentials();
const tronZapAddress = createEndpointClients((endpoints) => endpoints.tronZap);
const translate = i18n.t as (key: string, substitutions?: string[]) => string;

/** A client for the TronZap address in force, when credentials are kept for it and it is `origin`. */
async function apiFor(origin?: string): Promise<{ api: TronZapApi; origin: string } | null> {
  const address = await tronZapAddress();
  const here = originOf(address);
  if (!here || (origin !== undefined && origin !== here)) return null;
  const credential = await credentials.read(address);
  return credential ? { api: createTronZapApi({ baseUrl: address, ...credential }), origin: here } : null;
}

/** The receiver's limit of the resource a service sells (1 once it exists, for an activation). */
async function resourceNow(service: ZapOrderService, receiver: string): Promise<number> {
  const node = (await energyClients()).tronNode;
  if (service === 'activate_address') return (await node.account(receiver)).activated ? 1 : 0;
  const resources = await node.accountResources(receiver);
  return service === 'energy' ? resources.energyLimit : resources.stakedBandwidthLimit;
}

/** The codes an order or its job ends with beyond TronZap's own; each has `energy.zap.errors.<code>`. */
const OWN_CODES: ReadonlySet<string> = new Set([
  'not_set_up',
  'credentials_gone',
  'not_placed',
  'not_on_chain',
  'unreachable',
  'failed',
  'in_progress',
  'receiver_invalid',
  'amount_invalid',
]);

/** The message of a TronZap code (seeds/002) or of one of the job's own. */
export function zapOrderMessage(code: string): string {
  if (OWN_CODES.has(code)) return translate(`energy.zap.errors.${code}`);
  return translate(`errors.${errorEntryFor('tronzap', code, 200).key}`);
}

export const zapOrderJob = createZapOrderKind({
  api: async (origin) => (await apiFor(origin))?.api ?? null,
  resourceNow,
  message: zapOrderMessage,
});

const problem = (code: string): Problem => ({ code, message: zapOrderMessage(code), retry: 'now' });

/** Checks an order's input; a problem means nothing is sent. */
function checkRequest(request: ZapOrderRequest): Problem | null {
  if (!isTronAddress(request.receiver.trim())) return problem('receiver_invalid');
  if (request.service !== 'activate_address' && (request.amount === undefined || request.amount <= 0))
    return problem('amount_invalid');
  // TronZap sells bandwidth for 1 hour only (seeds/002): refused here rather than by a paid call.
  if (
    request.service === 'bandwidth' &&
    (request.durationHours ?? ZAP_BANDWIDTH_HOURS) !== ZAP_BANDWIDTH_HOURS
  )
    return problem('12');
  return null;
}

const startQueue = createSerialQueue();

/** The TronZap order messages' handlers. */
export function createZapOrderHandlers({ runner }: { runner: JobRunner }): Handlers {
  return {
    'tronzap.quote': async (request): Promise<Outcome<ZapQuoteView>> => {
      const bad = checkRequest(request);
      if (bad) return refused(bad);
      const zap = await apiFor();
      if (!zap) return refused(problem('not_set_up'));
      const receiver = request.receiver.trim();
      return settle(async () => {
        const [balance, { amount, price }] = await Promise.all([
          zap.api.balance(),
          request.service === 'energy'
            ? zap.api
                .calculate({
                  address: receiver,
                  energy: request.amount!,
                  durationHours: request.durationHours,
                })
                .then((calc) => ({ amount: request.amount, price: calc.total.sun }))
            : zap.api.services().then((services) => servicePrice(services, request)),
        ]);
        return {
          ...(amount === undefined ? {} : { amount }),
          priceSun: price.toString(),
          balanceSun: balance.balance.sun.toString(),
          enough: balance.balance.sun >= price,
        };
      }, describeServiceError);
    },
    'tronzap.order': (request) =>
      // One at a time, and the job is written before anything is sent: a second window's identical
      // request finds the first order running instead of placing another.
      startQueue(async (): Promise<Outcome<{ jobId: string }>> => {
        const bad = checkRequest(request);
        if (bad) return refused(bad);
        const receiver = request.receiver.trim();
        const jobs = Object.values(await jobsItem.get());
        if (
          jobs.some(
            (job) =>
              job.kind === ZAP_ORDER_KIND &&
              !job.terminal &&
              job.data.receiver === receiver &&
              job.data.service === request.service,
          )
        )
          return refused(problem('in_progress'));
        const zap = await apiFor();
        if (!zap) return refused(problem('not_set_up'));
        const before = await resourceNow(request.service, receiver);
        if (request.service === 'activate_address' && before > 0) return refused(problem('25'));
        if (request.service !== 'activate_address' && (await resourceNow('activate_address', receiver)) === 0)
          return refused(problem('24'));
        const job = await runner.create(
          zapOrderJob,
          'creating',
          zapOrderDataSchema.parse({
            service: request.service,
            receiver,
            amount: request.service === 'activate_address' ? undefined : request.amount,
            durationHours:
              request.service === 'activate_address'
                ? undefined
                : request.service === 'bandwidth'
                  ? ZAP_BANDWIDTH_HOURS
                  : (request.durationHours ?? 1),
            externalId: `ampere-${crypto.randomUUID()}`,
            origin: zap.origin,
            resourceBefore: before,
          }),
        );
        void runner.kick();
        return succeeded({ jobId: job.id });
      }),
  };
}

/**
 * What TronZap lists in `/v1/services` for an activation, or for `request.amount` bandwidth (raised to
 * the tier's minimum; the tier's price is per 1,000 units, a charge rounded up to whole sun).
 * `/v1/calculate` prices energy only. A service TronZap does not list is not on sale (code 35).
 */
function servicePrice(
  services: Awaited<ReturnType<TronZapApi['services']>>,
  request: ZapOrderRequest,
): { amount?: number; price: bigint } {
  if (request.service !== 'bandwidth') {
    const price = services.activation?.price?.sun;
    if (price === undefined) throw notOnSale();
    return { price };
  }
  const tier = services.bandwidth.find((t) => t.durationHours === ZAP_BANDWIDTH_HOURS);
  const perThousand = tier?.pricePerThousand?.sun;
  if (!tier || perThousand === undefined) throw notOnSale();
  const amount = Math.max(request.amount ?? 0, tier.minAmount ?? 0);
  if (tier.maxAmount !== undefined && amount > tier.maxAmount)
    throw new ServiceError({
      service: 'tronzap',
      status: 200,
      code: '2',
      message: 'above the bandwidth maximum',
    });
  return { amount, price: (BigInt(amount) * perThousand + 999n) / 1000n };
}

/** TronZap's "service not available" (35), for a service `/v1/services` does not list. */
const notOnSale = () =>
  new ServiceError({ service: 'tronzap', status: 200, code: '35', message: 'not listed in /v1/services' });

/** How a TronZap order's end reads in a notification. */
export function describeZapOrderEnd(job: JobRecord): EndNotice {
  const receiver = typeof job.data.receiver === 'string' ? job.data.receiver : '';
  if (job.state === 'ready') {
    const amount = typeof job.data.amount === 'number' ? formatCount(job.data.amount) : '';
    const priceSun = typeof job.data.priceSun === 'string' ? BigInt(job.data.priceSun) : null;
    const price =
      priceSun === null ? '' : formatAmountForDisplay(TRX, priceSun, { locale: interfaceLocale() });
    return {
      title: translate('energy.zap.ready'),
      message:
        job.data.service === 'activate_address'
          ? translate('energy.zap.activated', [ltrText(receiver), ltrText(price)])
          : translate(`energy.zap.delivered.${String(job.data.service)}`, [
              ltrText(amount),
              ltrText(receiver),
              ltrText(price),
            ]),
    };
  }
  return { title: translate('energy.zap.failed'), message: job.error?.message ?? '', priority: 1 };
}
