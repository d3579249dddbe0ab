/**
 * After `hash_already_used`: our own earlier claim may have gone through while its answer was lost
 * (with the worker, or a timeout). Its delegation can take a block or two to be listed, so the chain
 * is searched for a while before the answer is taken at its word.
 */
import type { JobPatch } from '../jobs/runner';
import type { ClaimReceipt, NrgClaimData } from './claim-data';
import type { Claim, NrgClaimDeps } from './claim-deps';
import { failedPatch } from './claim-failure';
import { ALREADY_USED_SEARCH_MS, CHAIN_CLOCK_SLACK_MS } from './claim-timing';

/** Creates the search for the job's own delegation on the chain. */
export function createOwnDelegationSearch(deps: Pick<NrgClaimDeps, 'chain' | 'message'>) {
  /** `delegated` (recovered) when the chain lists it, a retry while the search lasts, else `failed`. */
  return async function searchOwnDelegation(job: Claim, now: number): Promise<JobPatch<NrgClaimData>> {
    const data = job.data;
    const since = data.alreadyUsedSince ?? now;
    const delegation = await deps.chain.findDelegation({
      receiver: data.receiver,
      sinceMs: (data.paidAt ?? data.startedAt) - CHAIN_CLOCK_SLACK_MS,
    });
    if (delegation) {
      const receipt: ClaimReceipt = {
        energy: data.energy,
        costSun: data.priceSun,
        delegations: [{ tx: delegation.txid }],
        recovered: true,
      };
      return { state: 'delegated', terminal: true, error: null, data: { receipt } };
    }
    if (now - since >= ALREADY_USED_SEARCH_MS)
      return failedPatch(deps.message, 'hash_already_used', [data.txid!]);
    return { state: 'claiming', data: { alreadyUsedSince: since }, nextRunAt: now + 2_000 };
  };
}

export type OwnDelegationSearch = ReturnType<typeof createOwnDelegationSearch>;
