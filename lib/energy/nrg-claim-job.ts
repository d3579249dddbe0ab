/**
 * The `nrg-claim` job: a TronNRG rental paid and signed through the person's own TronLink, then
 * claimed with `POST /delegate` (seeds/001), exactly once whatever happens to the popup or the worker.
 *
 * quote → awaiting_payment → paid {txid} → signing → signed {signature} → claiming →
 * delegated | refund_queued | failed | cancelled
 *
 * Every state is written before the side effect it announces. A txid is accepted only when the chain
 * shows the transfer (payer → pay_to, the quoted amount) and, once accepted, is never forgotten and
 * never paid again; a signature only when it recovers locally to the payer. Both rules make a result
 * a web page forges harmless: it cannot pass either check.
 */
import { ServiceError } from '../http';
import type { TronNrgDelegation, TronNrgErrorDetails } from './tronnrg-api';
import {
  claimMessage,
  NRG_CLAIM_KIND,
  nrgClaimDataSchema,
  type BridgeRequestRecord,
  type ClaimReceipt,
  type NrgClaimData,
} from './claim-data';
import type { BridgeRequest } from '../tronlink/protocol';
import {
  bridgeResultPatch,
  isJobPayment,
  parseReport,
  signatureSigner,
  type NrgClaimErrorCode,
} from './claim-results';
import type { Job, JobKind, JobPatch, StepContext } from '../jobs/runner';
import type { JobRecord } from '../jobs/schema';
import type { NrgClaimDeps, RelayPeek } from './claim-deps';
import {
  backoff,
  CHAIN_CLOCK_SLACK_MS,
  CLAIM_IN_FLIGHT_GUARD_MS,
  ALREADY_USED_SEARCH_MS,
  NOT_INDEXED_DELAYS_MS,
  NOT_INDEXED_RETRY_MS,
  PAYMENT_WINDOW_MS,
  PROPAGATION_RECHECK_MS,
  RELAY_SILENCE_MS,
  START_IN_FLIGHT_GUARD_MS,
  TRANSIENT_DELAYS_MS,
  TRANSIENT_RETRY_MS,
  WAIT_FOR_PROVIDER_MS,
  WATCH_DELAYS_MS,
  watchDelay,
} from './claim-timing';

export type { NrgClaimBridge, NrgClaimChain, NrgClaimDeps, RelayPeek } from './claim-deps';
export {
  ALREADY_USED_SEARCH_MS,
  CHAIN_CLOCK_SLACK_MS,
  NOT_INDEXED_RETRY_MS,
  PAYMENT_WINDOW_MS,
  TRANSIENT_RETRY_MS,
} from './claim-timing';

type Claim = Job<NrgClaimData>;

/** Creates the job kind over its collaborators. */
export function createNrgClaimKind(deps: NrgClaimDeps): JobKind<NrgClaimData> {
  /**
   * When the relay was first found without a signing request's record, by nonce. Kept in memory: a
   * new worker simply starts counting again, which only delays the "sign again" a little.
   */
  const relaySilentSince = new Map<string, number>();

  const fail = (code: NrgClaimErrorCode, substitutions: string[] = []): JobPatch<NrgClaimData> => ({
    state: 'failed',
    terminal: true,
    error: { code, message: deps.message(code, substitutions) },
  });

  function bridgeRequest(data: NrgClaimData, record: BridgeRequestRecord): BridgeRequest {
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

  /** Writes a new request (write-ahead), then hands it to TronLink. */
  async function ask(
    job: Claim,
    save: Save,
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
        bridgeRequest(saved.data, record),
        saved.data.hostTabId,
        (report) => deps.deliverReport({ nonce, op, report }),
      );
      // Only the tab and the first watch: a result may already have landed, and its writes stand.
      await save.reschedule(context.now() + WATCH_DELAYS_MS[0]!, { hostTabId: tabId });
    } catch {
      // Nothing ran in any tab, so TronLink was never asked: nothing can have moved.
      if (op === 'pay')
        await save({
          ...fail('tronlink_unreachable'),
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

  /**
   * Checks reported txids and the chain for the payment: `paid` when the job moved on, `propagating`
   * when TronLink named a txid the node does not know yet, else `none`.
   */
  async function findPayment(job: Claim, save: Save, now: number): Promise<'paid' | 'propagating' | 'none'> {
    const data = job.data;
    const unconfirmed: string[] = [];
    for (const txid of data.reportedTxids) {
      const tx = await deps.chain.transaction(txid);
      if (tx && isJobPayment(data, tx)) {
        await save(paidPatch(txid, now));
        return 'paid';
      }
      // Unknown yet (still propagating) stays a candidate; anything else is not our payment.
      if (!tx) unconfirmed.push(txid);
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
    if (found && isJobPayment(data, found)) {
      await save(paidPatch(found.txid.toLowerCase(), now));
      return 'paid';
    }
    return unconfirmed.length > 0 ? 'propagating' : 'none';
  }

  function paidPatch(txid: string, now: number): JobPatch<NrgClaimData> {
    return {
      state: 'paid',
      data: { txid, paidAt: now, reportedTxids: [], request: null, action: null },
      error: null,
      nextRunAt: now,
    };
  }

  /** Reads the relay for the outstanding request; applies a finished report. Returns what it saw. */
  async function consultRelay(job: Claim, save: Save, now: number): Promise<'applied' | 'open' | 'silent'> {
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

  async function watchPayment(job: Claim, save: Save, now: number): Promise<void> {
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
      ...fail(job.error?.code === 'tronlink_error' ? 'payment_not_found' : 'tronlink_no_answer'),
      data: request ? { request: { ...request, settled: true } } : {},
    });
  }

  async function watchSignature(job: Claim, save: Save, now: number): Promise<void> {
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

  async function claimDelegation(job: Claim, save: Save, now: number): Promise<void> {
    const data = job.data;
    if (!data.txid || !data.signature || signatureSigner(data, data.signature) !== data.payer) {
      // Never reached through the patches above; a stored job that says otherwise stops before claiming.
      await save({ state: 'paid', data: { signature: undefined, action: 'sign_again' }, nextRunAt: null });
      return;
    }
    if (data.alreadyUsedSince !== undefined) {
      await save(await searchOwnDelegation(job, now));
      return;
    }
    const attempts = data.claimAttempts + 1;
    await save({
      state: 'claiming',
      data: { claimAttempts: attempts },
      nextRunAt: now + CLAIM_IN_FLIGHT_GUARD_MS,
    });
    let receipt: TronNrgDelegation;
    try {
      receipt = await deps.delegate({
        tx_hash: data.txid,
        delegate_to: data.receiver,
        signature: data.signature,
      });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      await save(await claimFailurePatch(job, error, attempts, now));
      return;
    }
    const stored: ClaimReceipt = {
      ref: receipt.ref,
      energy: receipt.energy,
      costSun: receipt.cost.sun.toString(),
      delegations: receipt.delegations.map((d) => ({ tx: d.tx, energy: d.energy })),
      recovered: false,
    };
    await save({ state: 'delegated', terminal: true, error: null, data: { receipt: stored } });
  }

  /**
   * After `hash_already_used`: our own earlier claim may have gone through while its answer was lost
   * (with the worker, or a timeout). Its delegation can take a block or two to be listed, so the chain
   * is searched for a while before the answer is taken at its word.
   */
  async function searchOwnDelegation(job: Claim, now: number): Promise<JobPatch<NrgClaimData>> {
    const data = job.data;
    const since = data.alreadyUsedSince ?? now;
    const delegation = await deps.chain.findDelegation({
      receiver: data.receiver,
      sinceMs: (data.paidAt ?? data.startedAt) - CHAIN_CLOCK_SLACK_MS,
    });
    if (delegation) {
      const receipt: ClaimReceipt = {
        energy: data.energy,
        costSun: data.priceSun,
        delegations: [{ tx: delegation.txid }],
        recovered: true,
      };
      return { state: 'delegated', terminal: true, error: null, data: { receipt } };
    }
    if (now - since >= ALREADY_USED_SEARCH_MS) return fail('hash_already_used', [data.txid!]);
    return { state: 'claiming', data: { alreadyUsedSince: since }, nextRunAt: now + 2_000 };
  }

  /** What a refused claim means for the job (seeds/001, "Error Codes"). */
  async function claimFailurePatch(
    job: Claim,
    error: ServiceError,
    attempts: number,
    now: number,
  ): Promise<JobPatch<NrgClaimData>> {
    const data = job.data;
    const txid = data.txid!;
    const details = (error.details ?? {}) as TronNrgErrorDetails;
    const refund = details.refund
      ? { to: details.refund.to, amountSun: details.refund.amount.sun.toString() }
      : undefined;
    const refunded = (code: NrgClaimErrorCode): JobPatch<NrgClaimData> => ({
      state: 'refund_queued',
      terminal: true,
      data: { refund },
      error: { code, message: deps.message(code, [txid]) },
    });
    const retryAt = (delay: number, patch: JobPatch<NrgClaimData> = {}): JobPatch<NrgClaimData> => ({
      ...patch,
      nextRunAt: now + delay,
      error: { code: error.code, message: error.message },
    });

    switch (error.code) {
      case 'payment_verification_failed': {
        if (refund) return refunded('payment_refused');
        if (error.status !== 404) return fail('payment_refused', [txid]);
        // 404: not indexed yet. Retried quickly at first (the block may be sealed any moment).
        const since = data.notIndexedSince ?? now;
        if (now - since >= NOT_INDEXED_RETRY_MS) return fail('payment_not_indexed', [txid]);
        return retryAt(backoff(NOT_INDEXED_DELAYS_MS, attempts - 1), { data: { notIndexedSince: since } });
      }
      case 'hash_already_used':
        return searchOwnDelegation(job, now);
      case 'delegation_failed':
        return refund ? refunded('delegation_failed') : fail('delegation_failed', [txid]);
      case 'invalid_tx_hash':
      case 'invalid_address':
      case 'missing_signature':
      case 'invalid_signature':
      case 'signature_mismatch':
      case 'invalid_input':
        return fail('claim_refused', [txid, error.code]);
      default: {
        // 429, 5xx, timeouts, bodies that do not parse: the claim is keyed by the tx hash, so
        // repeating it can never delegate twice.
        const since = data.failingSince ?? now;
        if (now - since >= TRANSIENT_RETRY_MS) return fail('service_unavailable', [txid]);
        const delay = error.retryAfterMs ?? backoff(TRANSIENT_DELAYS_MS, Math.max(0, attempts - 1));
        return retryAt(Math.min(delay, 5 * 60_000), { data: { failingSince: since } });
      }
    }
  }

  return {
    kind: NRG_CLAIM_KIND,
    dataSchema: nrgClaimDataSchema,
    async step(job, context) {
      const save = savingWith(job, context, deps);
      const now = context.now();
      switch (job.state) {
        case 'quote':
          return ask(job, save, 'pay', now, context);
        case 'awaiting_payment':
          return watchPayment(job, save, now);
        case 'paid':
          if (job.data.action === 'sign_again') return void (await save({ nextRunAt: null }));
          return ask(job, save, 'sign', now, context);
        case 'signing':
          return watchSignature(job, save, now);
        case 'signed':
        case 'claiming':
          return claimDelegation(job, save, now);
        default:
          await save({ nextRunAt: null });
      }
    },
  };
}

type Save = StepContext<NrgClaimData>['save'] & {
  /**
   * Writes a new wake-up time unless an outside result changed the job while this step ran (the
   * runner skips a job that is mid-step, so that result's "run now" must not be overwritten).
   */
  reschedule(nextRunAt: number, data?: Partial<NrgClaimData>): Promise<void>;
};

function savingWith(job: Claim, context: StepContext<NrgClaimData>, deps: NrgClaimDeps): Save {
  let lastSeen: Pick<JobRecord, 'updatedAt' | 'state' | 'nextRunAt'> = job;
  const save = async (patch: JobPatch<NrgClaimData>) => {
    const saved = await context.save(patch);
    lastSeen = saved;
    await deps.onSaved?.(saved as unknown as JobRecord);
    return saved;
  };
  return Object.assign(save, {
    async reschedule(nextRunAt: number, data?: Partial<NrgClaimData>) {
      const stored = await deps.readJob(job.id);
      const untouched =
        stored !== undefined &&
        stored.updatedAt === lastSeen.updatedAt &&
        stored.state === lastSeen.state &&
        stored.nextRunAt === lastSeen.nextRunAt;
      if (untouched) await save({ nextRunAt, data });
      else if (data) await save({ data });
    },
  });
}

/** Updates the outstanding request when it is still `nonce` (a result may have settled it meanwhile). */
function requestUpdate(
  data: NrgClaimData,
  nonce: string,
  change: Partial<BridgeRequestRecord>,
): Partial<NrgClaimData> {
  return data.request?.nonce === nonce ? { request: { ...data.request, ...change } } : {};
}
