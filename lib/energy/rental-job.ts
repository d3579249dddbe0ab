/**
 * The `nrg-claim` job kind: the state machine that routes each state to its step, where every bridge
 * report lands (`createBridgeResults`), and the kind wired to the real bridge tab, chain and TronNRG.
 */

import { NRG_CLAIM_KIND, nrgClaimDataSchema, type NrgClaimData, claimMessage } from './claim-data';
import type { JobKind, JobRunner } from '../jobs/runner';
import { type NrgClaimDeps, createClaimSave, bridgeResultPatch, parseReport } from './claim-results';
import { createClaimRequests, createPaymentWatch, createSignatureWatch, consumeTxid } from './tronlink-steps';
import { createOwnDelegationSearch, createClaimRefusals, createDelegationClaim } from './delegation-claim';
import { jobsItem } from '@/lib/storage';
import { createTronLinkBridge, bridgeHostFor, createBridgeTabs, type BridgeTabApi } from '../tronlink/bridge';
import { energyClients, createRentalChain } from './rental-reads';
import {
  CONNECT_TIMEOUT_MS,
  tronLinkAccountItem,
  tronLinkConnectItem,
  tronLinkVerifyItem,
  proveAccount,
  storeCandidateAccount,
} from '../tronlink/account';
import type { JobRecord } from '@/lib/jobs/schema';
import { claimedTxids, recordRentalHistory } from './rentals';
import { claimErrorText, connectOutcomeText, verifyOutcomeText } from './texts';
import { WALLET_TOPUP_KIND } from './job-names';
import type { BridgeOp } from '@/lib/tronlink/protocol';
import { isTronAddress } from '@/lib/tron/address';
import type { BridgeOutcome } from '@/lib/tronlink/reports';
import { createSerialQueue } from '@/lib/queue';

export type { NrgClaimBridge, NrgClaimChain, NrgClaimDeps, RelayPeek } from './claim-results';
export {
  ALREADY_USED_SEARCH_MS,
  CHAIN_CLOCK_SLACK_MS,
  NOT_INDEXED_RETRY_MS,
  PAYMENT_WINDOW_MS,
  TRANSIENT_RETRY_MS,
} from './claim-data';

/*
 * The `nrg-claim` job: a TronNRG rental paid and signed through the person's own TronLink, then
 * claimed with `POST /delegate` (seeds/001), exactly once whatever happens to the popup or the worker.
 *
 * quote → awaiting_payment → paid {txid} → signing → signed {signature} → claiming →
 * delegated | refund_queued | failed | cancelled
 *
 * Every state is written before the side effect it announces. A txid is accepted only when the chain
 * shows the transfer (payer → pay_to, the quoted amount) in a block after the job started (less a
 * minute of clock slack) and no other rental took it (`consumeTxid`, tronlink-steps.ts); once accepted it is never
 * forgotten and never paid again; a signature only when it recovers locally to the payer. Both rules make a result
 * a web page forges harmless: it cannot pass either check.
 *
 * `createNrgClaimKind` routes each state to its step: asking TronLink and watching for the payment
 * and the signature (tronlink-steps.ts), and claiming (delegation-claim.ts); the timings live in
 * claim-data.ts.
 */
/** Creates the job kind over its collaborators. */
export function createNrgClaimKind(deps: NrgClaimDeps): JobKind<NrgClaimData> {
  const { ask, consultRelay } = createClaimRequests(deps);
  const watchPayment = createPaymentWatch(deps, consultRelay);
  const watchSignature = createSignatureWatch(deps, consultRelay);
  const searchOwnDelegation = createOwnDelegationSearch(deps);
  const claimDelegation = createDelegationClaim(
    deps,
    searchOwnDelegation,
    createClaimRefusals(deps, searchOwnDelegation),
  );

  return {
    kind: NRG_CLAIM_KIND,
    dataSchema: nrgClaimDataSchema,
    async step(job, context) {
      const save = createClaimSave(job, context, deps);
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

/*
 * Where a bridge report lands, whichever way it came (the relay's `bridge.result` message, which may
 * be the one that started this worker, or `executeScript`'s own answer): a connect attempt, or the
 * rental job that handed out its nonce. Reports are applied one at a time, so two copies of one
 * report never race each other into a job.
 */
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
  /** Other jobs that hand out bridge nonces (a 2aml wallet top-up), asked after the rentals. */
  const otherSinks: Array<(input: BridgeResultInput) => Promise<boolean>> = [];

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
        if (await applyToRental(input, outcome)) return true;
        for (const sink of otherSinks) if (await sink(input)) return true;
        return false;
      });
    },

    /**
     * Lets another job kind take the reports of nonces it handed out, so a relayed report reaches it
     * even when the worker that asked TronLink has stopped. `sink` answers whether the nonce was its own.
     */
    addSink(sink: (input: BridgeResultInput) => Promise<boolean>): void {
      otherSinks.push(sink);
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

/*
 * The `nrg-claim` job kind wired to the real bridge, chain and TronNRG. The kind is listed in
 * `job-kinds.ts` before the runner exists, yet a report that comes straight back from a tab is applied
 * through that runner: `bindEnergyRunner` closes the loop once per worker start.
 */
let boundRunner: JobRunner | undefined;

function energyRunner(): JobRunner {
  if (!boundRunner) throw new Error('the energy feature is used before the background bound its runner');
  return boundRunner;
}

/** Gives the energy feature the runner (called while the background wires itself). */
export function bindEnergyRunner(jobRunner: JobRunner): void {
  boundRunner = jobRunner;
}

/** Where every bridge report is applied (relay messages and direct answers alike). */
export const bridgeResults = createBridgeResults(energyRunner, {
  afterSaved: afterRentalSaved,
  afterAnswer: () => releaseBridgeWhenIdle(false),
});

/** The one bridge tab, on the TronScan page of the endpoints in force (https only, see lib/tronlink/bridge.ts). */
export const bridgeTabs = createBridgeTabs({
  host: async () => bridgeHostFor((await energyClients()).endpoints.tronscan),
  api: browser as unknown as BridgeTabApi,
});

/** The TronLink bridge over that tab. */
export const tronLinkBridge = createTronLinkBridge(bridgeTabs);

/** Rental states in which TronLink is about to be asked, or is being asked. */
const ASKS_TRONLINK = new Set(['quote', 'awaiting_payment', 'paid', 'signing']);

/** True while `job` waits for TronLink (not for the person's "Sign again", which may take a while). */
function waitsForTronLink(job: JobRecord): boolean {
  // A wallet top-up's payment request lives in the same tab.
  if (job.kind === WALLET_TOPUP_KIND) return !job.terminal && job.state === 'awaiting_payment';
  return (
    job.kind === NRG_CLAIM_KIND &&
    !job.terminal &&
    ASKS_TRONLINK.has(job.state) &&
    (job.data as { action?: unknown }).action !== 'sign_again'
  );
}

/**
 * Gives the person their tab back once no rental, connect or verification waits for TronLink;
 * called after every rental write and every account answer. A bridge tab Ampere opened closes after
 * a rental (`close`); after a connect it stays in the background for the rental that usually
 * follows, so that rental does not wait for TronScan to load again.
 */
export async function releaseBridgeWhenIdle(close: boolean, now = Date.now()): Promise<void> {
  const [jobs, connect, verify] = await Promise.all([
    jobsItem.get(),
    tronLinkConnectItem.get(),
    tronLinkVerifyItem.get(),
  ]);
  const asking = (attempt: { startedAt: number; outcome: unknown } | null) =>
    attempt !== null && attempt.outcome === null && now - attempt.startedAt < CONNECT_TIMEOUT_MS;
  if (asking(connect) || asking(verify) || Object.values(jobs).some(waitsForTronLink)) return;
  await bridgeTabs.release({ close });
}

/** After every rental write: keep the history in step, prove the account by its claim, free the tab. */
async function afterRentalSaved(job: JobRecord): Promise<void> {
  await recordRentalHistory(job);
  const data = job.kind === NRG_CLAIM_KIND ? nrgClaimDataSchema.safeParse(job.data) : null;
  const claim = data?.success ? data.data : null;
  if (claim?.signature && claim.txid) {
    const account = await tronLinkAccountItem.get();
    // The first rental's claim signature proves the account with no extra prompt.
    if (account && !account.proof && account.address === claim.payer)
      await proveAccount({
        address: claim.payer,
        message: claimMessage(claim.txid, claim.receiver),
        signature: claim.signature,
        kind: 'claim',
      });
  }
  await releaseBridgeWhenIdle(true);
}

/** 128 random bits, hex: unguessable, so a page cannot address a request it did not see. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const nrgClaimJob = createNrgClaimKind({
  bridge: tronLinkBridge,
  chain: createRentalChain(async () => (await energyClients()).tronNode),
  async delegate(input) {
    return (await energyClients()).tronNrg.delegate(input);
  },
  newNonce,
  claimedTxids,
  consumeTxid: (txid, jobId) => consumeTxid(txid, jobId),
  deliverReport: (result) => void bridgeResults.accept(result),
  message: claimErrorText,
  readJob: async (id) => (await jobsItem.get())[id],
  onSaved: afterRentalSaved,
});
