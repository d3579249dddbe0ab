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
import {
  tronLinkConnectItem,
  tronLinkVerifyItem,
  proveAccount,
  storeCandidateAccount,
} from '../tronlink/account';
import { isTronAddress } from '@/lib/tron/address';
import type { JobRecord } from '@/lib/jobs/schema';
import type { BridgeOutcome } from '@/lib/tronlink/reports';
import { createSerialQueue } from '@/lib/queue';
import { claimErrorText, connectOutcomeText, verifyOutcomeText } from './texts';

export interface BridgeResultInput {
  nonce: string;
  op: BridgeOp;
  report: unknown;
}

type ConnectWaiter = (outcome: BridgeOutcome) => void;

/**
 * Creates the result sink; `runner` applies job patches, `afterSaved` follows every rental write
 * (history, account proof) and `afterAnswer` every connect or verify answer (the bridge tab goes back).
 */
export function createBridgeResults(
  runner: () => JobRunner,
  hooks: { afterSaved(job: JobRecord): Promise<void>; afterAnswer(): Promise<void> },
) {
  const connectWaiters = new Map<string, ConnectWaiter>();
  const verifyWaiters = new Map<string, ConnectWaiter>();

  /** Runs `work` after every earlier report was applied. */
  const inTurn = createSerialQueue();

  async function applyConnect(nonce: string, outcome: BridgeOutcome): Promise<boolean> {
    const attempt = await tronLinkConnectItem.get();
    if (attempt?.nonce !== nonce || attempt.outcome) return false;
    if (outcome.status === 'connected' && isTronAddress(outcome.account)) {
      // A candidate only: the page reported it; a verified signature makes it the person's own.
      await storeCandidateAccount({
        address: outcome.account,
        via: outcome.via,
        wallet: outcome.wallet ?? null,
      });
    }
    await tronLinkConnectItem.set({
      ...attempt,
      outcome: { status: outcome.status, message: connectOutcomeText(outcome) },
    });
    connectWaiters.get(nonce)?.(outcome);
    await hooks.afterAnswer();
    return true;
  }

  /** Applies the answer to a "Verify" challenge: proven only when the signature recovers locally. */
  async function applyVerify(nonce: string, outcome: BridgeOutcome): Promise<boolean> {
    const attempt = await tronLinkVerifyItem.get();
    if (attempt?.nonce !== nonce || attempt.outcome) return false;
    const proven =
      outcome.status === 'signed' &&
      (await proveAccount({
        address: attempt.address,
        message: attempt.message,
        signature: outcome.signature,
        kind: 'challenge',
      }));
    // A signature that recovers to another key proves nothing: the page's noise, or another account.
    if (outcome.status === 'signed' && !proven && outcome.account !== attempt.address) return false;
    const status = proven ? 'proven' : outcome.status === 'signed' ? 'not_proven' : outcome.status;
    await tronLinkVerifyItem.set({
      ...attempt,
      outcome: { status, message: verifyOutcomeText(status) },
    });
    verifyWaiters.get(nonce)?.(outcome);
    await hooks.afterAnswer();
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
    await hooks.afterSaved(after);
    return true;
  }

  return {
    /** Applies one report; false when it concerns nothing (an unknown nonce, a page's noise). */
    async accept(input: BridgeResultInput): Promise<boolean> {
      const outcome = parseReport(input.op, input.report);
      if (!outcome) return false;
      return inTurn(async () => {
        if (input.op === 'connect') return applyConnect(input.nonce, outcome);
        if (input.op === 'sign' && (await tronLinkVerifyItem.get())?.nonce === input.nonce)
          return applyVerify(input.nonce, outcome);
        return applyToRental(input, outcome);
      });
    },

    /** Waits for the outcome of the connect attempt `nonce` (null after `timeoutMs`). */
    awaitConnect: (nonce: string, timeoutMs: number) => awaitOutcome(connectWaiters, nonce, timeoutMs),

    /** Waits for the outcome of the verify attempt `nonce` (null after `timeoutMs`). */
    awaitVerify: (nonce: string, timeoutMs: number) => awaitOutcome(verifyWaiters, nonce, timeoutMs),
  };
}

function awaitOutcome(
  waiters: Map<string, ConnectWaiter>,
  nonce: string,
  timeoutMs: number,
): Promise<BridgeOutcome | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiters.delete(nonce);
      resolve(null);
    }, timeoutMs);
    waiters.set(nonce, (outcome) => {
      clearTimeout(timer);
      waiters.delete(nonce);
      resolve(outcome);
    });
  });
}

export type BridgeResults = ReturnType<typeof createBridgeResults>;
