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
import { tronLinkAccountItem, tronLinkConnectItem } from '@/lib/storage';
import { rememberAddress } from '@/lib/risk/known-addresses';
import { isTronAddress } from '@/lib/tron/address';
import type { BridgeOutcome } from '@/lib/tronlink/outcome';
import { readJobsQuietly } from './jobs-read';
import { claimErrorText, connectOutcomeText } from './texts';
import { recordRentalHistory } from './history';
import { patchAndRun } from './run-now';

export interface BridgeResultInput {
  nonce: string;
  op: BridgeOp;
  report: unknown;
}

type ConnectWaiter = (outcome: BridgeOutcome) => void;

/** Tries over about a second before a nonce counts as unknown (a page's noise, or another browser's). */
const NONCE_LOOKUPS = 6;

/** Creates the result sink; `runner` applies job patches. */
export function createBridgeResults(runner: () => JobRunner) {
  let queue: Promise<unknown> = Promise.resolve();
  const connectWaiters = new Map<string, ConnectWaiter>();

  /** Runs `work` after every earlier report was applied. */
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

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

  /** The rental that handed out `nonce`, looked for a few times: a racing write may hide it briefly. */
  async function rentalWithNonce(nonce: string) {
    for (let attempt = 0; attempt < NONCE_LOOKUPS; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 40 * attempt));
      const record = Object.values(await readJobsQuietly()).find(
        (job) =>
          job.kind === NRG_CLAIM_KIND &&
          Array.isArray(job.data.nonces) &&
          (job.data.nonces as unknown[]).includes(nonce),
      );
      if (record) return record;
    }
    return undefined;
  }

  /** Applies a report to the rental `jobId` as stored now (called in turn). */
  async function applyToJob(
    jobId: string,
    input: BridgeResultInput,
    outcome: BridgeOutcome,
  ): Promise<boolean> {
    const record = (await readJobsQuietly())[jobId];
    if (!record) return false;
    const data = nrgClaimDataSchema.safeParse(record.data);
    if (!data.success) return false;
    // The nonce was found on this rental a moment ago; a racing write may have hidden it again since.
    const nonces = data.data.nonces.includes(input.nonce)
      ? data.data.nonces
      : [...data.data.nonces, input.nonce];
    const patch = bridgeResultPatch(
      { ...record, data: { ...data.data, nonces } },
      input.nonce,
      input.op,
      outcome,
      Date.now(),
      claimErrorText,
    );
    if (!patch) return false;
    const after = await patchAndRun(runner(), record.id, patch);
    await recordRentalHistory(after);
    return true;
  }

  return {
    /** Applies one report; false when it concerns nothing (an unknown nonce, a page's noise). */
    async accept(input: BridgeResultInput): Promise<boolean> {
      const outcome = parseReport(input.op, input.report);
      if (!outcome) return false;
      if (input.op === 'connect') return inTurn(() => applyConnect(input.nonce, outcome));
      // Looked up before taking a turn, so noise with unknown nonces never delays real reports.
      const rental = await rentalWithNonce(input.nonce);
      return rental ? inTurn(() => applyToJob(rental.id, input, outcome)) : false;
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
