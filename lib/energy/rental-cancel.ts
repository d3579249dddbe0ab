/**
 * Cancelling a rental. Only a rental that has moved no money can be cancelled: one still asking for
 * its payment, with no txid verified or reported. A cancel never cuts a step short: it waits until the
 * step in flight (a request being handed to TronLink, a payment being looked for, a claim being sent)
 * has written its outcome, then decides on the job as it stands, with no step starting meanwhile.
 * A payment TronLink still sends after the cancel revives the job (claim-results.ts, history-sync.ts).
 */
import type { JobPatch, JobRunner } from '@/lib/jobs/runner';
import type { JobRecord } from '@/lib/jobs/schema';
import { NRG_CLAIM_KIND, nrgClaimDataSchema, type NrgClaimData } from './claim-data';
import { recordRentalHistory } from './history-sync';

/** What a cancel did: whether it ended the rental, and the state the rental is in now. */
export interface RentalCancelAnswer {
  cancelled: boolean;
  state: string;
}

const CANCELLABLE_STATES = new Set(['quote', 'awaiting_payment']);

/** The patch that cancels `job`, or null when it is not a rental that can still be cancelled. */
export function rentalCancelPatch(job: JobRecord): JobPatch<NrgClaimData> | null {
  if (job.kind !== NRG_CLAIM_KIND || job.terminal || !CANCELLABLE_STATES.has(job.state)) return null;
  const data = nrgClaimDataSchema.safeParse(job.data);
  if (!data.success || data.data.txid || data.data.reportedTxids.length > 0) return null;
  const request = data.data.request;
  return {
    state: 'cancelled',
    terminal: true,
    data: request ? { request: { ...request, settled: true } } : {},
    error: null,
  };
}

/** Cancels rental `id` once no step of it is running; says what came of it. */
export async function cancelRental(runner: JobRunner, id: string): Promise<RentalCancelAnswer> {
  let cancelled = false;
  const after = await runner.patchBetweenSteps(id, (job) => {
    const patch = rentalCancelPatch(job);
    cancelled = patch !== null;
    return patch as JobPatch<unknown> | null;
  });
  if (!after) return { cancelled: false, state: 'gone' };
  if (cancelled) await recordRentalHistory(after);
  return { cancelled, state: after.state };
}
