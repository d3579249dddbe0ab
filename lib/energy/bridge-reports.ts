/**
 * Where a bridge report lands, whichever way it came (the relay's `bridge.result` message, which may
 * be the one that started this worker, or `executeScript`'s own answer): a connect attempt, or the
 * rental job that handed out its nonce. Reports are applied one at a time, so two copies of one
 * report never race each other into a job.
 */
import type { JobRunner } from '@/lib/jobs/runner';
import { bridgeResultPatch, parseReport } from '@/lib/energy/claim-results';
import { NRG_CLAIM_KIND, nrgClaimDataSchema } from '@/lib/energy/claim-data';
import type { BridgeOp } from '@/lib/tronlink/protocol';
import { jobsItem } from '@/lib/storage';
import { tronLinkAccountItem, tronLinkConnectItem } from '../tronlink/account';
import { rememberAddress } from '@/lib/risk/known-addresses';
import { isTronAddress } from '@/lib/tron/address';
import type { BridgeOutcome } from '@/lib/tronlink/outcome';
import { createSerialQueue } from '@/lib/queue';
import { claimErrorText, connectOutcomeText } from './texts';
import { recordRentalHistory } from './history-sync';

export interface BridgeResultInput {
  nonce: string;
  op: BridgeOp;
  report: unknown;
}

type ConnectWaiter = (outcome: BridgeOutcome) => void;

/** Creates the result sink; `runner` applies job patches. */
export function createBridgeResults(runner: () => JobRunner) {
  const connectWaiters = new Map<string, ConnectWaiter>();

  /** Runs `work` after every earlier report was applied. */
  const inTurn = createSerialQueue();

  async function applyConnect(nonce: string, outcome: BridgeOutcome): Promise<boolean> {
    const attempt = await tronLinkConnectItem.get();
    if (attempt?.nonce !== nonce || attempt.outcome) return false;
    if (outcome.status === 'connected' && isTronAddress(outcome.account)) {
      await tronLinkAccountItem.set({ address: outcome.account, via: outcome.via, connectedAt: Date.now() });
      await rememberAddress(outcome.account, 'tronlink');
    }
    await tronLinkConnectItem.set({
      ...attempt,
      outcome: { status: outcome.status, message: connectOutcomeText(outcome) },
    });
    connectWaiters.get(nonce)?.(outcome);
    return true;
  }

  /**
   * Applies a report to the rental that handed out its nonce, as stored now (called in turn). The
   * nonce is stored before TronLink is asked, so an unknown one is a page's noise (or another
   * browser's), never a report that came too early.
   */
  async function applyToRental(input: BridgeResultInput, outcome: BridgeOutcome): Promise<boolean> {
    const record = Object.values(await jobsItem.get()).find(
      (job) =>
        job.kind === NRG_CLAIM_KIND &&
        Array.isArray(job.data.nonces) &&
        (job.data.nonces as unknown[]).includes(input.nonce),
    );
    if (!record) return false;
    const data = nrgClaimDataSchema.safeParse(record.data);
    if (!data.success) return false;
    const patch = bridgeResultPatch(
      { ...record, data: data.data },
      input.nonce,
      input.op,
      outcome,
      Date.now(),
      claimErrorText,
    );
    if (!patch) return false;
    const after = await runner().patch(record.id, patch);
    await recordRentalHistory(after);
    return true;
  }

  return {
    /** Applies one report; false when it concerns nothing (an unknown nonce, a page's noise). */
    async accept(input: BridgeResultInput): Promise<boolean> {
      const outcome = parseReport(input.op, input.report);
      if (!outcome) return false;
      return inTurn(() =>
        input.op === 'connect' ? applyConnect(input.nonce, outcome) : applyToRental(input, outcome),
      );
    },

    /** Waits for the outcome of the connect attempt `nonce` (null after `timeoutMs`). */
    awaitConnect(nonce: string, timeoutMs: number): Promise<BridgeOutcome | null> {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          connectWaiters.delete(nonce);
          resolve(null);
        }, timeoutMs);
        connectWaiters.set(nonce, (outcome) => {
          clearTimeout(timer);
          connectWaiters.delete(nonce);
          resolve(outcome);
        });
      });
    },
  };
}

export type BridgeResults = ReturnType<typeof createBridgeResults>;
