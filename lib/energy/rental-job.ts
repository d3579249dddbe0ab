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
import { bridgeHostFor } from '../tronlink/bridge-host';
import { createBridgeTabs, type BridgeTabApi } from '../tronlink/bridge-tab';
import {
  CONNECT_TIMEOUT_MS,
  tronLinkAccountItem,
  tronLinkConnectItem,
  tronLinkVerifyItem,
} from '../tronlink/account';
import { proveAccount } from '../tronlink/account-proof';
import { claimMessage, NRG_CLAIM_KIND, nrgClaimDataSchema } from './claim-data';
import type { JobRecord } from '@/lib/jobs/schema';
import { claimedTxids, recordRentalHistory } from './history-sync';
import { consumeTxid } from './consumed-txids';
import { createRentalChain } from './rental-chain';
import { createBridgeResults } from './bridge-reports';
import { claimErrorText } from './texts';
import { WALLET_TOPUP_KIND } from './job-names';

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

/** The one bridge tab, on the TronScan page of the endpoints in force (https only, see bridge-host.ts). */
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
