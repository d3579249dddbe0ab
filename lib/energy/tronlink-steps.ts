/**
 * The rental's TronLink steps: asking TronLink to pay and to sign (through the bridge tab), watching
 * for the payment on the chain and for the signature, and the record of payment txids rentals took.
 */

import { z } from 'zod';
import { defineValidatedItem } from '../storage';
import { createLogger } from '../log';
import type { BridgeRequest } from '../tronlink/protocol';
import {
  claimMessage,
  type BridgeRequestRecord,
  type NrgClaimData,
  START_IN_FLIGHT_GUARD_MS,
  WAIT_FOR_PROVIDER_MS,
  WATCH_DELAYS_MS,
  backoff,
  CHAIN_CLOCK_SLACK_MS,
  PAYMENT_WINDOW_MS,
  PROPAGATION_RECHECK_MS,
  watchDelay,
  RELAY_SILENCE_MS,
} from './claim-data';
import {
  bridgeResultPatch,
  parseReport,
  type Claim,
  type NrgClaimDeps,
  type RelayPeek,
  type ClaimSave,
  failedPatch,
  isJobPayment,
  paymentVerdict,
} from './claim-results';
import type { JobPatch } from '../jobs/runner';

/*
 * Every payment txid a rental has taken as its own, kept apart from the jobs so that dismissing a
 * finished rental from Activity never frees its payment for another job to claim again. A txid is
 * taken atomically (one storage update), so two jobs can never both take the same payment.
 */
/**
 * Entries are forgotten after this long. A rental only accepts a payment whose block time is after it
 * started (less a minute of clock slack), and it looks for one for minutes, not days: a txid this old
 * can no longer pass that rule for any new rental, so the set stays small without reopening a door.
 */
export const CONSUMED_TXID_KEEP_MS = 30 * 24 * 60 * 60_000;

const entrySchema = z.object({ jobId: z.string().min(1), at: z.number() });
const txidSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** txid → the job that took it; an entry that does not parse is dropped, the rest are kept. */
const consumedSchema = z.record(z.string(), z.unknown()).transform((raw) => {
  const kept: Record<string, z.output<typeof entrySchema>> = {};
  for (const [txid, entry] of Object.entries(raw)) {
    const parsed = entrySchema.safeParse(entry);
    if (txidSchema.safeParse(txid).success && parsed.success) kept[txid] = parsed.data;
  }
  return kept;
});

export const consumedTxidsItem = defineValidatedItem('local:energyConsumedTxids', consumedSchema, {
  fallback: {},
});

/** Takes `txid` for `jobId`; false when another job already took it (then it is not this job's payment). */
export async function consumeTxid(txid: string, jobId: string, now = Date.now()): Promise<boolean> {
  const key = txid.toLowerCase();
  let taken = false;
  await consumedTxidsItem.update((entries) => {
    const owner = entries[key];
    if (owner && owner.jobId !== jobId) return entries;
    taken = true;
    const kept = Object.fromEntries(
      Object.entries(entries).filter(([, entry]) => now - entry.at < CONSUMED_TXID_KEEP_MS),
    );
    return { ...kept, [key]: owner ?? { jobId, at: now } };
  });
  return taken;
}

/** txids taken by any job but `exceptJobId`. */
export async function txidsConsumedByOthers(exceptJobId: string): Promise<string[]> {
  const entries = await consumedTxidsItem.get();
  return Object.entries(entries)
    .filter(([, entry]) => entry.jobId !== exceptJobId)
    .map(([txid]) => txid);
}

/*
 * The `nrg-claim` job's requests to TronLink: writing one before handing it to a host tab, and reading
 * what the relay of that tab kept for it.
 */
const log = createLogger('energy');

/** What the relay said about the outstanding request: a result applied, TronLink still open, or nothing. */
export type RelayAnswer = 'applied' | 'open' | 'silent';

/** The request TronLink gets for `record`: the payment of the quote, or the signature over the claim. */
export function bridgeRequestOf(data: NrgClaimData, record: BridgeRequestRecord): BridgeRequest {
  return record.op === 'pay'
    ? {
        nonce: record.nonce,
        op: 'pay',
        expectedAccount: data.payer,
        payTo: data.payTo,
        amountSun: data.priceSun,
        waitForProviderMs: WAIT_FOR_PROVIDER_MS,
      }
    : {
        nonce: record.nonce,
        op: 'sign',
        expectedAccount: data.payer,
        message: claimMessage(data.txid!, data.receiver),
        waitForProviderMs: WAIT_FOR_PROVIDER_MS,
      };
}

/** Updates the outstanding request when it is still `nonce` (a result may have settled it meanwhile). */
export function requestUpdate(
  data: NrgClaimData,
  nonce: string,
  change: Partial<BridgeRequestRecord>,
): Partial<NrgClaimData> {
  return data.request?.nonce === nonce ? { request: { ...data.request, ...change } } : {};
}

/** Creates the asking and the relay reading over the bridge. */
export function createClaimRequests(
  deps: Pick<NrgClaimDeps, 'bridge' | 'newNonce' | 'deliverReport' | 'message'>,
) {
  /** Writes a new request (write-ahead), then hands it to TronLink. */
  async function ask(
    job: Claim,
    save: ClaimSave,
    op: 'pay' | 'sign',
    now: number,
    context: { now(): number },
  ): Promise<void> {
    const nonce = deps.newNonce();
    const record: BridgeRequestRecord = { nonce, op, sentAt: now, settled: false };
    const saved = await save({
      state: op === 'pay' ? 'awaiting_payment' : 'signing',
      data: { request: record, nonces: [...job.data.nonces, nonce], action: null },
      error: null,
      nextRunAt: now + START_IN_FLIGHT_GUARD_MS,
    });
    try {
      const { tabId } = await deps.bridge.start(
        bridgeRequestOf(saved.data, record),
        saved.data.hostTabId,
        (report) => deps.deliverReport({ nonce, op, report }),
      );
      // Only the tab and the first watch: a result may already have landed, and its writes stand.
      await save.reschedule(context.now() + WATCH_DELAYS_MS[0]!, { hostTabId: tabId });
    } catch (error) {
      // Nothing ran in any tab, so TronLink was never asked: nothing can have moved.
      log.warn(`the ${op} request could not be handed to TronLink`, error);
      if (op === 'pay')
        await save({
          ...failedPatch(deps.message, 'tronlink_unreachable'),
          data: requestUpdate(saved.data, nonce, { settled: true }),
        });
      else
        await save({
          data: { action: 'sign_again', ...requestUpdate(saved.data, nonce, { settled: true }) },
          error: { code: 'tronlink_unreachable', message: deps.message('tronlink_unreachable') },
          nextRunAt: null,
        });
    }
  }

  /** Reads the relay for the outstanding request; applies a finished report. Returns what it saw. */
  async function consultRelay(job: Claim, save: ClaimSave, now: number): Promise<RelayAnswer> {
    const request = job.data.request;
    const tabId = job.data.hostTabId;
    if (!request || request.settled || tabId === null) return 'silent';
    const peek = await deps.bridge.peek(tabId, request.nonce).catch((): RelayPeek => 'tab_gone');
    if (peek === 'unknown' || peek === 'tab_gone') return 'silent';
    if (peek.phase === 'started') return 'open';
    const outcome = parseReport(request.op, peek.report);
    const patch = outcome && bridgeResultPatch(job, request.nonce, request.op, outcome, now, deps.message);
    if (!patch) return 'silent';
    await save(patch);
    return 'applied';
  }

  return { ask, consultRelay };
}

export type ClaimRequests = ReturnType<typeof createClaimRequests>;

/*
 * The `awaiting_payment` step: the payment is looked for on the chain (the txids TronLink reported
 * first, then a search for the payer's transfer), the relay is read for TronLink's answer, and the
 * job is failed only once a payment could no longer land.
 */
/** The job moves on to `paid` with the verified `txid`; the request is over. */
export function paidPatch(txid: string, now: number): JobPatch<NrgClaimData> {
  return {
    state: 'paid',
    data: { txid, paidAt: now, reportedTxids: [], request: null, action: null },
    error: null,
    nextRunAt: now,
  };
}

/** Creates the payment watch over the chain and the relay reading. */
export function createPaymentWatch(
  deps: Pick<NrgClaimDeps, 'chain' | 'claimedTxids' | 'consumeTxid' | 'message'>,
  consultRelay: ClaimRequests['consultRelay'],
) {
  /**
   * Checks reported txids and the chain for the payment: `paid` when the job moved on, `propagating`
   * when TronLink named a txid the node does not know yet, else `none`.
   */
  async function findPayment(
    job: Claim,
    save: ClaimSave,
    now: number,
  ): Promise<'paid' | 'propagating' | 'none'> {
    const data = job.data;
    const unconfirmed: string[] = [];
    for (const txid of data.reportedTxids) {
      const tx = await deps.chain.transaction(txid);
      const verdict = tx ? paymentVerdict(data, tx) : 'pending';
      // Another job's payment (dismissed or not) is never this one's, however it was reported.
      if (verdict === 'payment' && (await deps.consumeTxid(txid, job.id))) {
        await save(paidPatch(txid, now));
        return 'paid';
      }
      // Unknown or not in a block yet (still propagating) stays a candidate; anything else is not ours.
      if (verdict === 'pending') unconfirmed.push(txid);
    }
    if (unconfirmed.length !== data.reportedTxids.length)
      await save({ data: { reportedTxids: unconfirmed } });
    const found = await deps.chain.findPayment({
      from: data.payer,
      to: data.payTo,
      amountSun: BigInt(data.priceSun),
      sinceMs: data.startedAt - CHAIN_CLOCK_SLACK_MS,
      excludeTxids: await deps.claimedTxids(job.id),
    });
    const foundTxid = found?.txid.toLowerCase();
    if (found && foundTxid && isJobPayment(data, found) && (await deps.consumeTxid(foundTxid, job.id))) {
      await save(paidPatch(foundTxid, now));
      return 'paid';
    }
    return unconfirmed.length > 0 ? 'propagating' : 'none';
  }

  /** One look for the payment; reschedules the next, or fails the job once nothing can land. */
  async function watchPayment(job: Claim, save: ClaimSave, now: number): Promise<void> {
    const payment = await findPayment(job, save, now);
    if (payment === 'paid') return;
    const relay = await consultRelay(job, save, now);
    if (relay === 'applied') return;
    const request = job.data.request;
    const openFor = request ? now - request.sentAt : Infinity;
    // TronLink broadcast it a moment ago: the node will know it within a block or two.
    if (payment === 'propagating' && openFor < PAYMENT_WINDOW_MS)
      return save.reschedule(now + PROPAGATION_RECHECK_MS);
    if (relay === 'open') return save.reschedule(now + watchDelay(openFor));
    // TronLink is no longer asking (answered without a txid, or its tab is gone): a payment signed
    // just before could still land for a while, so the chain is watched before calling it nothing.
    if (openFor < PAYMENT_WINDOW_MS) return save.reschedule(now + backoff(WATCH_DELAYS_MS, 1));
    await save({
      ...failedPatch(
        deps.message,
        job.error?.code === 'tronlink_error' ? 'payment_not_found' : 'tronlink_no_answer',
      ),
      data: request ? { request: { ...request, settled: true } } : {},
    });
  }

  return watchPayment;
}

/*
 * The `signing` step: the relay is read for TronLink's signature; when the tab that hosted the prompt
 * stays silent, the answer is lost and the person is asked to sign again (signing is free).
 */
/** Creates the signature watch over the relay reading. */
export function createSignatureWatch(
  deps: Pick<NrgClaimDeps, 'message'>,
  consultRelay: ClaimRequests['consultRelay'],
) {
  /**
   * When the relay was first found without a signing request's record, by nonce. Kept in memory: a
   * new worker simply starts counting again, which only delays the "sign again" a little.
   */
  const relaySilentSince = new Map<string, number>();

  /** One look at the relay; reschedules the next, or asks to sign again once the answer is lost. */
  async function watchSignature(job: Claim, save: ClaimSave, now: number): Promise<void> {
    const request = job.data.request;
    if (!request || request.settled) {
      await save({ nextRunAt: null });
      return;
    }
    const relay = await consultRelay(job, save, now);
    if (relay !== 'silent') relaySilentSince.delete(request.nonce);
    if (relay === 'applied') return;
    if (relay === 'open') return save.reschedule(now + watchDelay(now - request.sentAt));
    // A tab that is busy or still loading can fail one look: silence counts only once it lasted.
    const silentSince = relaySilentSince.get(request.nonce) ?? now;
    relaySilentSince.set(request.nonce, silentSince);
    if (now - silentSince < RELAY_SILENCE_MS || now - request.sentAt < RELAY_SILENCE_MS) {
      return save.reschedule(now + 2_000);
    }
    // The tab was closed or reloaded while TronLink was open: its answer is lost. Signing is free,
    // so the person is simply asked again.
    relaySilentSince.delete(request.nonce);
    await save({
      data: { action: 'sign_again', request: { ...request, settled: true } },
      error: { code: 'signature_lost', message: deps.message('signature_lost') },
      nextRunAt: null,
    });
  }

  return watchSignature;
}
