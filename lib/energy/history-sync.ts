/**
 * Keeps the rental history in step with the rental jobs, and looks once more at rentals that ended
 * without a payment: a refusal a web page forged, or TronLink answering after its tab was closed,
 * could still be followed by a real payment, which must then be claimed rather than lost.
 */
import type { JobRunner } from '@/lib/jobs/runner';
import type { JobRecord } from '@/lib/jobs/schema';
import { NRG_CLAIM_KIND, nrgClaimDataSchema } from '@/lib/energy/claim-data';
import { historyEntryOf, upsertHistory } from '@/lib/energy/rental-history';
import { CHAIN_CLOCK_SLACK_MS } from '@/lib/energy/nrg-claim-job';
import { isJobPayment } from '@/lib/energy/claim-results';
import { jobsItem } from '@/lib/storage';
import { rentalHistoryItem } from './rental-history';
import { consumeTxid, txidsConsumedByOthers } from './consumed-txids';
import { energyClients, readChainParameters, type EnergyClients } from './clients';
import { addSaving, rentalOutcomeOf, savingOf, savingsItem } from './savings';
import { createLogger } from '@/lib/log';

/** Ended rentals without a payment are looked at again for this long. */
const LATE_PAYMENT_WINDOW_MS = 15 * 60_000;

const log = createLogger('energy');

/** Writes the history entry of a rental job (other kinds are ignored). */
export async function recordRentalHistory(job: JobRecord): Promise<void> {
  if (job.kind !== NRG_CLAIM_KIND) return;
  const entry = historyEntryOf(job);
  if (!entry) return;
  await rentalHistoryItem.update((entries) => upsertHistory(entries, entry));
}

/** The chain's energy fee now, sun per unit. */
async function energyFeeNow(): Promise<bigint> {
  return (await readChainParameters(await energyClients())).energyFeeSun;
}

/**
 * Writes the saving of a rental ready on the chain (TronNRG, TronZap energy, 2aml energy order) at
 * the chain's energy fee when it finished; once per job, other jobs and states are ignored. Called on
 * every job transition: a fee that cannot be read leaves no record rather than a guessed one.
 */
export async function recordRentalSaving(
  job: JobRecord,
  readFee: () => Promise<bigint> = energyFeeNow,
  now = Date.now(),
): Promise<void> {
  if (!job.terminal || !rentalOutcomeOf(job)) return;
  if ((await savingsItem.get()).some((record) => record.jobId === job.id)) return;
  let fee: bigint;
  try {
    fee = await readFee();
  } catch (error) {
    log.warn(`the energy fee could not be read; rental ${job.id} keeps no saving`, error);
    return;
  }
  const record = savingOf(job, fee, now);
  if (record) await savingsItem.update((records) => addSaving(records, record));
}

/** txids owned by rental jobs other than `exceptJobId` (verified or still to be checked). */
export async function claimedTxids(exceptJobId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const job of Object.values(await jobsItem.get())) {
    if (job.kind !== NRG_CLAIM_KIND || job.id === exceptJobId) continue;
    const data = nrgClaimDataSchema.safeParse(job.data);
    if (!data.success) continue;
    if (data.data.txid) ids.push(data.data.txid);
    ids.push(...data.data.reportedTxids);
  }
  // Payments of rentals dismissed since stay taken.
  ids.push(...(await txidsConsumedByOthers(exceptJobId)));
  return [...new Set(ids)];
}

/** Wakes a recently ended, unpaid rental whose payment has appeared on the chain since. */
export async function sweepLatePayments(
  runner: JobRunner,
  clients: EnergyClients,
  now = Date.now(),
): Promise<void> {
  const rentals = Object.values(await jobsItem.get()).filter((job) => job.kind === NRG_CLAIM_KIND);
  // A live rental still waiting for its payment may be about to own any matching transfer: only
  // once every live rental knows its txid can a transfer be told apart as an ended one's.
  const unpaidLive = rentals.some(
    (job) => !job.terminal && !nrgClaimDataSchema.safeParse(job.data).data?.txid,
  );
  if (unpaidLive) return;
  const ended = rentals.filter(
    (job) =>
      job.terminal &&
      (job.state === 'cancelled' || job.state === 'failed') &&
      now - job.updatedAt < LATE_PAYMENT_WINDOW_MS,
  );
  for (const job of ended) {
    const data = nrgClaimDataSchema.safeParse(job.data);
    if (!data.success || data.data.txid) continue;
    const found = await clients.tronNode
      .findTrxPayment({
        from: data.data.payer,
        to: data.data.payTo,
        amountSun: BigInt(data.data.priceSun),
        sinceMs: Math.max(0, data.data.startedAt - CHAIN_CLOCK_SLACK_MS),
        excludeTxids: await claimedTxids(job.id),
      })
      .catch((error: unknown) => {
        log.debug(
          `looking for the late payment of rental ${job.id} failed; the next sweep looks again`,
          error,
        );
        return undefined;
      });
    if (!found || !isJobPayment(data.data, found)) continue;
    const txid = found.txid.toLowerCase();
    if (!(await consumeTxid(txid, job.id, now))) continue;
    const after = await runner.patch(job.id, {
      state: 'paid',
      terminal: false,
      data: { txid, paidAt: now, request: null, action: null },
      error: null,
      nextRunAt: now,
    });
    await recordRentalHistory(after);
  }
}
