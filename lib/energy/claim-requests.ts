/**
 * The `nrg-claim` job's requests to TronLink: writing one before handing it to a host tab, and reading
 * what the relay of that tab kept for it.
 */
import { createLogger } from '../log';
import type { BridgeRequest } from '../tronlink/protocol';
import { claimMessage, type BridgeRequestRecord, type NrgClaimData } from './claim-data';
import { bridgeResultPatch, parseReport } from './claim-results';
import type { Claim, NrgClaimDeps, RelayPeek } from './claim-deps';
import type { ClaimSave } from './claim-save';
import { failedPatch } from './claim-failure';
import { START_IN_FLIGHT_GUARD_MS, WAIT_FOR_PROVIDER_MS, WATCH_DELAYS_MS } from './claim-timing';

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
