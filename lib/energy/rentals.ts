/**
 * Starting, cancelling and recording rentals: the serialized start, the cancel between steps, the
 * history kept in step with the jobs (and the sweep for late payments), the energy part of the app
 * view, and how a rental's end reads in a notification.
 */

import type { JobRunner, JobKind, JobPatch } from '@/lib/jobs/runner';
import type { JobRecord } from '@/lib/jobs/schema';
import {
  NRG_CLAIM_KIND,
  nrgClaimDataSchema,
  historyEntryOf,
  upsertHistory,
  CHAIN_CLOCK_SLACK_MS,
  rentalHistoryItem,
  type NrgClaimData,
  type NrgClaimDataInput,
} from '@/lib/energy/claim-data';
import { isJobPayment } from '@/lib/energy/claim-results';
import { jobsItem, settingsItem } from '@/lib/storage';
import { consumeTxid, txidsConsumedByOthers } from './tronlink-steps';
import {
  energyClients,
  readChainParameters,
  type EnergyClients,
  quoteRefused,
  type QuoteOutcome,
  type QuoteRequest,
} from './rental-reads';
import { addSaving, rentalOutcomeOf, savingOf, savingsItem, totalSavedSun } from './savings';
import { createLogger } from '@/lib/log';
import type { MessageData, MessageOutput } from '@/lib/messaging';
import { createSerialQueue } from '@/lib/queue';
import { succeeded } from '@/lib/outcome';
import type { RentalQuote } from './quote';
import type { EnergyView, RentalCancelAnswer } from '@/lib/energy/views';
import { resolveEndpoints } from '@/lib/config/network';
import {
  CONNECT_TIMEOUT_MS,
  tronLinkAccountItem,
  tronLinkConnectItem,
  tronLinkVerifyItem,
} from '../tronlink/account';
import { i18n } from '#i18n';
import { formatAmountForDisplay, TRX } from '@/lib/tron/units';
import { formatCount, interfaceLocale, ltrText } from '@/lib/locale';
import type { EndNotice } from '../jobs/notifications';

/*
 * Keeps the rental history in step with the rental jobs, and looks once more at rentals that ended
 * without a payment: a refusal a web page forged, or TronLink answering after its tab was closed,
 * could still be followed by a real payment, which must then be claimed rather than lost.
 */
/** Ended rentals without a payment are looked at again for this long. */
const LATE_PAYMENT_WINDOW_MS = 15 * 60_000;

const log = createLogger('energy');

/** Writes the history entry of a rental job (other kinds are ignored). */
export async function recordRentalHistory(job: JobRecord): Promise<void> {
  if (job.kind !== NRG_CLAIM_KIND) return;
  const entry = historyEntryOf(job);
  if (!entry) return;
  await rentalHistoryItem.update((entries) => upsertHistory(entries, entry));
}

/** The chain's energy fee now, sun per unit. */
async function energyFeeNow(): Promise<bigint> {
  return (await readChainParameters(await energyClients())).energyFeeSun;
}

/**
 * Writes the saving of a rental ready on the chain (TronNRG, TronZap energy, 2aml energy order) at
 * the chain's energy fee when it finished; once per job, other jobs and states are ignored. Called on
 * every job transition: a fee that cannot be read leaves no record rather than a guessed one.
 */
export async function recordRentalSaving(
  job: JobRecord,
  readFee: () => Promise<bigint> = energyFeeNow,
  now = Date.now(),
): Promise<void> {
  if (!job.terminal || !rentalOutcomeOf(job)) return;
  if ((await savingsItem.get()).some((record) => record.jobId === job.id)) return;
  let fee: bigint;
  try {
    fee = await readFee();
  } catch (error) {
    log.warn(`the energy fee could not be read; rental ${job.id} keeps no saving`, error);
    return;
  }
  const record = savingOf(job, fee, now);
  if (record) await savingsItem.update((records) => addSaving(records, record));
}

/** txids owned by rental jobs other than `exceptJobId` (verified or still to be checked). */
export async function claimedTxids(exceptJobId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const job of Object.values(await jobsItem.get())) {
    if (job.kind !== NRG_CLAIM_KIND || job.id === exceptJobId) continue;
    const data = nrgClaimDataSchema.safeParse(job.data);
    if (!data.success) continue;
    if (data.data.txid) ids.push(data.data.txid);
    ids.push(...data.data.reportedTxids);
  }
  // Payments of rentals dismissed since stay taken.
  ids.push(...(await txidsConsumedByOthers(exceptJobId)));
  return [...new Set(ids)];
}

/** Wakes a recently ended, unpaid rental whose payment has appeared on the chain since. */
export async function sweepLatePayments(
  runner: JobRunner,
  clients: EnergyClients,
  now = Date.now(),
): Promise<void> {
  const rentals = Object.values(await jobsItem.get()).filter((job) => job.kind === NRG_CLAIM_KIND);
  // A live rental still waiting for its payment may be about to own any matching transfer: only
  // once every live rental knows its txid can a transfer be told apart as an ended one's.
  const unpaidLive = rentals.some(
    (job) => !job.terminal && !nrgClaimDataSchema.safeParse(job.data).data?.txid,
  );
  if (unpaidLive) return;
  const ended = rentals.filter(
    (job) =>
      job.terminal &&
      (job.state === 'cancelled' || job.state === 'failed') &&
      now - job.updatedAt < LATE_PAYMENT_WINDOW_MS,
  );
  for (const job of ended) {
    const data = nrgClaimDataSchema.safeParse(job.data);
    if (!data.success || data.data.txid) continue;
    const found = await clients.tronNode
      .findTrxPayment({
        from: data.data.payer,
        to: data.data.payTo,
        amountSun: BigInt(data.data.priceSun),
        sinceMs: Math.max(0, data.data.startedAt - CHAIN_CLOCK_SLACK_MS),
        excludeTxids: await claimedTxids(job.id),
      })
      .catch((error: unknown) => {
        log.debug(
          `looking for the late payment of rental ${job.id} failed; the next sweep looks again`,
          error,
        );
        return undefined;
      });
    if (!found || !isJobPayment(data.data, found)) continue;
    const txid = found.txid.toLowerCase();
    if (!(await consumeTxid(txid, job.id, now))) continue;
    const after = await runner.patch(job.id, {
      state: 'paid',
      terminal: false,
      data: { txid, paidAt: now, request: null, action: null },
      error: null,
      nextRunAt: now,
    });
    await recordRentalHistory(after);
  }
}

/*
 * Starting a rental: quote again, check the quote is what the person confirmed, and create the
 * `nrg-claim` job unless the payer already has one that needs TronLink. Starts are serialized in
 * the background, and a start takes its turn synchronously, before its first `await`: a second
 * window's start runs only once the first one's job exists, and then finds it (`rental_in_progress`),
 * so two windows make one job and one payment prompt.
 */
type RentalRequest = MessageData<'energy.rent'>;
type RentalStart = MessageOutput<'energy.rent'>;

/** States in which a rental still needs TronLink: a second one would stack prompts on the first. */
const NEEDS_TRONLINK = new Set(['quote', 'awaiting_payment', 'paid', 'signing']);

export interface RentalStartDeps {
  runner: Pick<JobRunner, 'create'>;
  job: JobKind<NrgClaimData>;
  /** Prices the rental now (network: the chain and TronNRG). */
  quote(request: QuoteRequest): Promise<QuoteOutcome>;
  /** After the job exists (history, known addresses). */
  onStarted?(job: JobRecord, quote: RentalQuote): Promise<void>;
  now?: () => number;
}

/** Creates the serialized rental start. */
export function createRentalStarts(deps: RentalStartDeps): (request: RentalRequest) => Promise<RentalStart> {
  const now = deps.now ?? Date.now;
  const turns = createSerialQueue();

  async function start(request: RentalRequest): Promise<RentalStart> {
    const outcome = await deps.quote({ receiver: request.receiver, sizing: request.sizing });
    if (!outcome.ok) return outcome;
    const quote = outcome.value;
    // What the person confirmed must be what is paid, to the sun and to the address.
    if (quote.priceSun.toString() !== request.priceSun) return quoteRefused('price_changed');
    if (quote.payTo !== request.payTo) return quoteRefused('pay_to_changed');
    if (quote.payToUndocumented && !request.confirmUndocumentedPayTo)
      return quoteRefused('pay_to_unconfirmed');
    const busy = Object.values(await jobsItem.get()).some(
      (job) =>
        job.kind === NRG_CLAIM_KIND &&
        !job.terminal &&
        NEEDS_TRONLINK.has(job.state) &&
        job.data.payer === quote.payer,
    );
    if (busy) return quoteRefused('rental_in_progress');

    const data: NrgClaimDataInput = {
      payer: quote.payer,
      receiver: quote.receiver,
      payTo: quote.payTo,
      priceSun: quote.priceSun.toString(),
      energy: quote.energy,
      neededEnergy: quote.neededEnergy,
      startedAt: now(),
    };
    // `create` kicks the runner: TronLink is asked to pay at once.
    const job = await deps.runner.create(deps.job, 'quote', nrgClaimDataSchema.parse(data));
    await deps.onStarted?.(job, quote);
    return succeeded({ jobId: job.id });
  }

  // No `async` here: the turn is taken in the same tick the message arrives.
  return (request) => turns(() => start(request));
}

/*
 * Cancelling a rental. Only a rental that has moved no money can be cancelled: one still asking for
 * its payment, with no txid verified or reported. A cancel never cuts a step short: it waits until the
 * step in flight (a request being handed to TronLink, a payment being looked for, a claim being sent)
 * has written its outcome, then decides on the job as it stands, with no step starting meanwhile.
 * A payment TronLink still sends after the cancel revives the job (claim-results.ts, `sweepLatePayments` above).
 */
const CANCELLABLE_STATES = new Set(['quote', 'awaiting_payment']);

/** The patch that cancels `job`, or null when it is not a rental that can still be cancelled. */
export function rentalCancelPatch(job: JobRecord): JobPatch<NrgClaimData> | null {
  if (job.kind !== NRG_CLAIM_KIND || job.terminal || !CANCELLABLE_STATES.has(job.state)) return null;
  const data = nrgClaimDataSchema.safeParse(job.data);
  if (!data.success || data.data.txid || data.data.reportedTxids.length > 0) return null;
  const request = data.data.request;
  return {
    state: 'cancelled',
    terminal: true,
    data: request ? { request: { ...request, settled: true } } : {},
    error: null,
  };
}

/** Cancels rental `id` once no step of it is running; says what came of it. */
export async function cancelRental(runner: JobRunner, id: string): Promise<RentalCancelAnswer> {
  let cancelled = false;
  const after = await runner.patchBetweenSteps(id, (job) => {
    const patch = rentalCancelPatch(job);
    cancelled = patch !== null;
    return patch as JobPatch<unknown> | null;
  });
  if (!after) return { cancelled: false, state: 'gone' };
  if (cancelled) await recordRentalHistory(after);
  return { cancelled, state: after.state };
}

/*
 * The `energy` part of the app view: the connected TronLink account, the connect attempt and the
 * rental history. Storage reads only, so it is rebuilt with every change; nothing here asks the
 * chain or TronNRG.
 */
/** Builds the energy view (the connect attempt's nonce stays in the background). */
export async function buildEnergyView(): Promise<EnergyView> {
  const [account, attempt, verify, settings, history, savings] = await Promise.all([
    tronLinkAccountItem.get(),
    tronLinkConnectItem.get(),
    tronLinkVerifyItem.get(),
    settingsItem.get(),
    rentalHistoryItem.get(),
    savingsItem.get(),
  ]);
  const savedByJob = new Map(savings.map((record) => [record.jobId, record.savedSun]));
  const shown = (
    tried: { startedAt: number; outcome: { status: string; message: string } | null } | null,
  ) => ({
    pending: tried !== null && tried.outcome === null && Date.now() - tried.startedAt < CONNECT_TIMEOUT_MS,
    status: tried?.outcome?.status ?? null,
    message: tried?.outcome?.message ?? null,
  });
  return {
    account,
    connect: shown(attempt),
    // Only about the account shown: a verify of an account since replaced says nothing about this one.
    verify: shown(verify && verify.address === account?.address ? verify : null),
    tronscan: resolveEndpoints(settings.network).tronscan,
    history: history.map((entry) => {
      const savedSun = savedByJob.get(entry.jobId);
      return savedSun === undefined ? entry : { ...entry, savedSun };
    }),
    savings: { totalSun: totalSavedSun(savings).toString(), rentals: savings.length },
  };
}

/* How a rental's end reads in a notification: what was delegated to whom, the refund, or why it failed. */
/** The end notification of a rental; none for one the person cancelled (they know, nothing was paid). */
export function describeRentalEnd(job: JobRecord): EndNotice | null {
  if (job.state === 'cancelled') return null;
  const rental = historyEntryOf(job);
  const reason = job.error?.message ?? i18n.t('energy.job.states.failed');
  if (job.state === 'delegated' && rental) {
    return {
      title: i18n.t('energy.job.states.delegated'),
      message: i18n.t('energy.job.delegated', [
        ltrText(formatCount(rental.receipt?.energy ?? rental.energy)),
        ltrText(rental.receiver),
      ]),
    };
  }
  if (job.state === 'refund_queued') {
    const refund = rental?.refund;
    return {
      title: i18n.t('energy.job.states.refund_queued'),
      message: refund
        ? i18n.t('energy.job.refund', [
            ltrText(formatAmountForDisplay(TRX, BigInt(refund.amountSun), { locale: interfaceLocale() })),
            ltrText(refund.to),
          ])
        : reason,
      priority: 1,
    };
  }
  return { title: i18n.t('energy.job.states.failed'), message: reason, priority: 1 };
}
