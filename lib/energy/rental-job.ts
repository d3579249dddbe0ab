/**
 * The `nrg-claim` job kind wired to the real bridge, chain and TronNRG. The kind is listed in
 * `job-kinds.ts` before the runner exists, yet a report that comes straight back from a tab is applied
 * through that runner: `bindEnergyRunner` closes the loop once per worker start.
 */
import { createNrgClaimKind } from '@/lib/energy/nrg-claim-job';
import type { JobRunner } from '@/lib/jobs/runner';
import { jobsItem } from '@/lib/storage';
import { createTronLinkBridge } from '../tronlink/bridge';
import { energyClients } from './clients';
import { hostPageFor } from '../tronlink/host-tab';
import { claimedTxids, recordRentalHistory } from './history-sync';
import { consumeTxid } from './consumed-txids';
import { createRentalChain } from './rental-chain';
import { createBridgeResults } from './bridge-reports';
import { claimErrorText } from './texts';

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
export const bridgeResults = createBridgeResults(energyRunner);

/** The TronLink bridge over the TronScan page of the endpoints in force. */
export const tronLinkBridge = createTronLinkBridge(async () =>
  hostPageFor((await energyClients()).endpoints.tronscan),
);

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
  onSaved: recordRentalHistory,
});
