/**
 * The `awaiting_payment` step: the payment is looked for on the chain (the txids TronLink reported
 * first, then a search for the payer's transfer), the relay is read for TronLink's answer, and the
 * job is failed only once a payment could no longer land.
 */
import type { JobPatch } from '../jobs/runner';
import type { NrgClaimData } from './claim-data';
import { isJobPayment, paymentVerdict } from './claim-results';
import type { Claim, NrgClaimDeps } from './claim-deps';
import type { ClaimSave } from './claim-save';
import type { ClaimRequests } from './claim-requests';
import { failedPatch } from './claim-failure';
import {
  backoff,
  CHAIN_CLOCK_SLACK_MS,
  PAYMENT_WINDOW_MS,
  PROPAGATION_RECHECK_MS,
  WATCH_DELAYS_MS,
  watchDelay,
} from './claim-timing';

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
