/**
 * The energy messages' handlers: connect, verify, resources, quote, rent, cancel, "Sign again" and
 * the relay's `bridge.result`.
 */

import { type Handlers, MessageRefused } from '@/lib/messaging';
import { cancelRental, createRentalStarts, recordRentalHistory, sweepLatePayments } from './rentals';
import type { JobRunner } from '@/lib/jobs/runner';
import { NRG_CLAIM_KIND, nrgClaimDataSchema, WAIT_FOR_PROVIDER_MS } from '@/lib/energy/claim-data';
import type { EnergyResourcesView } from '@/lib/energy/views';
import { rememberAddress } from '@/lib/risk/known-addresses';
import {
  forgetAccount,
  challengeMessage,
  CONNECT_TIMEOUT_MS,
  tronLinkAccountItem,
  tronLinkConnectItem,
  tronLinkVerifyItem,
} from '../tronlink/account';
import { jobsItem } from '@/lib/storage';
import { describeServiceError } from '@/lib/api/errors';
import { refused, settle, succeeded } from '@/lib/outcome';
import {
  energyClients,
  readChainParameters,
  readSupply,
  type EnergyClients,
  quoteRental,
  quoteResponse,
} from './rental-reads';
import {
  bindEnergyRunner,
  bridgeResults,
  bridgeTabs,
  newNonce,
  nrgClaimJob,
  releaseBridgeWhenIdle,
  tronLinkBridge,
} from './rental-job';
import { connectProblem, verifyOutcomeText, type VerifyStatus } from './texts';
import { tronNrgProblem } from './tronnrg-problems';
import { createLogger } from '@/lib/log';

/*
 * The background side of quick energy rental: connecting TronLink through the bridge, quotes,
 * starting `nrg-claim` jobs, "Sign again", and the relay's `bridge.result`. What is stored (the
 * account, the connect attempt, the rental history) reaches pages in the app view (`buildEnergyView`, rentals.ts).
 *
 * `createEnergyHandlers` must be called once per worker start while the background wires itself:
 * it binds the runner the job kind applies bridge reports through.
 */
const log = createLogger('energy');

export { nrgClaimJob };

/** The energy messages' handlers. */
export function createEnergyHandlers({ runner }: { runner: JobRunner }): Handlers {
  bindEnergyRunner(runner);
  void resumeInterruptedRentals(runner);

  const startRental = createRentalStarts({
    runner,
    job: nrgClaimJob,
    quote: async (request) => quoteRental(request, await energyClients()),
    async onStarted(job, quote) {
      await recordRentalHistory(job);
      // The payer becomes the person's own account only once its claim signature is verified.
      await rememberAddress(quote.receiver, 'rental');
    },
  });

  return {
    'energy.connect': async () => {
      const nonce = newNonce();
      await tronLinkConnectItem.set({ nonce, startedAt: Date.now(), outcome: null });
      const answered = bridgeResults.awaitConnect(nonce, CONNECT_TIMEOUT_MS);
      try {
        await tronLinkBridge.start(
          { nonce, op: 'connect', waitForProviderMs: WAIT_FOR_PROVIDER_MS },
          null,
          (report) => void bridgeResults.accept({ nonce, op: 'connect', report }),
        );
      } catch (error) {
        log.debug('no tab could host the TronLink connect request', error);
        const problem = connectProblem({ status: 'unreachable' });
        await tronLinkConnectItem.set({
          nonce,
          startedAt: Date.now(),
          outcome: { status: problem.code, message: problem.message },
        });
        await releaseBridgeWhenIdle(false);
        return refused(problem);
      }
      const outcome = await answered;
      if (!outcome) {
        const problem = connectProblem({ status: 'timeout' });
        await tronLinkConnectItem.update((attempt) =>
          attempt?.nonce === nonce && !attempt.outcome
            ? { ...attempt, outcome: { status: problem.code, message: problem.message } }
            : attempt,
        );
        await releaseBridgeWhenIdle(false);
        return refused(problem);
      }
      const account = await tronLinkAccountItem.get();
      if (outcome.status === 'connected' && account) return succeeded(account);
      return refused(connectProblem(outcome));
    },

    'energy.forget': async () => {
      await forgetAccount();
      await releaseBridgeWhenIdle(true);
    },

    'energy.verify': () => verifyAccount(),

    'energy.resources': async () => {
      const clients = await energyClients();
      void sweepLatePayments(runner, clients).catch((error: unknown) =>
        log.warn('the sweep for late rental payments failed; the next read sweeps again', error),
      );
      return settle(
        () => readResources(clients),
        (error) => {
          const described = tronNrgProblem(error, '/supply') ?? describeServiceError(error);
          if (described.code === 'unknown') log.warn('reading the energy screen failed unexpectedly', error);
          return described;
        },
      );
    },

    'energy.quote': async (request) => quoteResponse(await quoteRental(request, await energyClients())),

    'energy.rent': (request) => startRental(request),

    'energy.cancel': async ({ id }) => cancelRental(runner, id),

    'energy.signAgain': async ({ id }) => {
      const job = (await jobsItem.get())[id];
      const data = job && job.kind === NRG_CLAIM_KIND ? nrgClaimDataSchema.safeParse(job.data) : undefined;
      if (!job || job.terminal || !data?.success || data.data.action !== 'sign_again' || !data.data.txid) {
        throw new MessageRefused(
          'invalid_payload',
          'energy.signAgain: this rental is not waiting for a signature',
        );
      }
      const after = await runner.patch(id, {
        state: 'paid',
        data: { action: null, request: null, signRound: data.data.signRound + 1 },
        error: null,
        nextRunAt: Date.now(),
      });
      await recordRentalHistory(after);
    },

    'bridge.result': async (result, sender) => {
      // Only the relay of a pinned bridge document is heard; any other tab is a page's noise.
      const fromBridge = await bridgeTabs.isBridgeSender({
        tabId: sender.tabId,
        frameId: sender.frameId,
        documentId: sender.documentId,
        url: sender.url,
      });
      if (!fromBridge) {
        log.warn('a bridge result came from a document that is not the bridge tab; ignored');
        return { accepted: false };
      }
      return { accepted: await bridgeResults.accept(result) };
    },
  };
}

/** The connected account's balance and resources, TronNRG's terms and the chain's energy fee. */
async function readResources(clients: EnergyClients): Promise<EnergyResourcesView> {
  const account = await tronLinkAccountItem.get();
  const view: EnergyResourcesView = { account: null, market: null };
  const [parameters, supply] = await Promise.all([
    readChainParameters(clients),
    readSupply(clients).catch((error: unknown) => {
      log.debug('TronNRG /supply did not answer; showing the documented terms', error);
      return null;
    }),
  ]);
  const documented = clients.endpoints.tronNrgDocumentedPayTo ?? null;
  const payTo = supply?.payTo ?? documented;
  if (payTo) {
    view.market = {
      payTo,
      energyPerTrx: supply?.energyPerTrx ?? 16_250,
      minEnergy: supply?.minEnergy ?? 65_000,
      maxEnergy: supply?.maxEnergy ?? 16_250_000,
      live: supply !== null,
      energyFeeSun: parameters.energyFeeSun.toString(),
      documentedPayTo: documented,
    };
  }
  if (account) {
    const [details, resources] = await Promise.all([
      clients.tronNode.account(account.address),
      clients.tronNode.accountResources(account.address),
    ]);
    view.account = {
      address: account.address,
      activated: details.activated,
      balanceSun: details.balanceSun.toString(),
      energyAvailable: resources.energyAvailable,
      energyLimit: resources.energyLimit,
      bandwidthAvailable: resources.bandwidthAvailable,
      freeBandwidthAvailable: resources.freeBandwidthAvailable,
      freeBandwidthLimit: resources.freeBandwidthLimit,
      stakedBandwidthAvailable: resources.stakedBandwidthAvailable,
    };
  }
  return view;
}

/**
 * A new worker has no request in flight: a rental whose claim or TronLink request was running when
 * the last one stopped is stepped now, instead of at the guard time written for a live worker.
 */
async function resumeInterruptedRentals(runner: JobRunner): Promise<void> {
  const now = Date.now();
  for (const job of Object.values(await jobsItem.get())) {
    if (job.kind !== NRG_CLAIM_KIND || job.terminal || job.nextRunAt === null || job.nextRunAt <= now)
      continue;
    await runner.patch(job.id, { nextRunAt: now });
  }
}

/*
 * "Verify": asks TronLink, through the bridge tab, to sign a challenge with the connected account.
 * The answer is applied by the bridge results (`bridgeResults`, rental-job.ts), which recover the signer here and
 * prove the account only when it is the one shown. Nothing is paid, so a lost answer only costs a retry.
 */
/** Settles the attempt `nonce` with `status` unless an answer settled it first. */
async function settleVerify(nonce: string, status: VerifyStatus): Promise<void> {
  await tronLinkVerifyItem.update((attempt) =>
    attempt?.nonce === nonce && !attempt.outcome
      ? { ...attempt, outcome: { status, message: verifyOutcomeText(status) } }
      : attempt,
  );
}

/** Runs one "Verify" of the connected account; its outcome lands in the view's `verify`. */
export async function verifyAccount(now = Date.now()): Promise<void> {
  const account = await tronLinkAccountItem.get();
  if (!account) throw new MessageRefused('invalid_payload', 'energy.verify: no account is connected');
  const nonce = newNonce();
  const message = challengeMessage(account.address, newNonce(), now);
  // Written first: the answer may come through the relay to a worker that restarted meanwhile.
  await tronLinkVerifyItem.set({ nonce, address: account.address, message, startedAt: now, outcome: null });
  const answered = bridgeResults.awaitVerify(nonce, CONNECT_TIMEOUT_MS);
  try {
    await tronLinkBridge.start(
      {
        nonce,
        op: 'sign',
        expectedAccount: account.address,
        message,
        waitForProviderMs: WAIT_FOR_PROVIDER_MS,
      },
      null,
      (report) => void bridgeResults.accept({ nonce, op: 'sign', report }),
    );
  } catch (error) {
    log.debug('no bridge tab could ask TronLink for the challenge signature', error);
    await settleVerify(nonce, 'unreachable');
    await releaseBridgeWhenIdle(false);
    return;
  }
  if (!(await answered)) {
    await settleVerify(nonce, 'timeout');
    await releaseBridgeWhenIdle(false);
  }
}
