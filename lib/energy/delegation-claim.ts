/**
 * The `signed` and `claiming` steps: `POST /delegate` with the verified payment and signature, the
 * claim attempt counted and written before it is sent; a receipt ends the job as `delegated`.
 */
import { ServiceError } from '../http';
import type { TronNrgDelegation } from './tronnrg-api';
import type { ClaimReceipt } from './claim-data';
import { signatureSigner } from './claim-results';
import type { Claim, NrgClaimDeps } from './claim-deps';
import type { ClaimSave } from './claim-save';
import type { OwnDelegationSearch } from './own-delegation-search';
import type { ClaimRefusals } from './claim-refusals';
import { CLAIM_IN_FLIGHT_GUARD_MS } from './claim-timing';

/** Creates the claim over TronNRG, the search for an earlier claim, and the reading of refusals. */
export function createDelegationClaim(
  deps: Pick<NrgClaimDeps, 'delegate'>,
  searchOwnDelegation: OwnDelegationSearch,
  claimRefusalPatch: ClaimRefusals,
) {
  /** Claims the delegation once (or keeps searching for an earlier one), and saves what came of it. */
  return async function claimDelegation(job: Claim, save: ClaimSave, now: number): Promise<void> {
    const data = job.data;
    if (!data.txid || !data.signature || signatureSigner(data, data.signature) !== data.payer) {
      // Never reached through the result patches (claim-results.ts); a stored job that says otherwise
      // stops before claiming.
      await save({ state: 'paid', data: { signature: undefined, action: 'sign_again' }, nextRunAt: null });
      return;
    }
    if (data.alreadyUsedSince !== undefined) {
      await save(await searchOwnDelegation(job, now));
      return;
    }
    const attempts = data.claimAttempts + 1;
    await save({
      state: 'claiming',
      data: { claimAttempts: attempts },
      nextRunAt: now + CLAIM_IN_FLIGHT_GUARD_MS,
    });
    let receipt: TronNrgDelegation;
    try {
      receipt = await deps.delegate({
        tx_hash: data.txid,
        delegate_to: data.receiver,
        signature: data.signature,
      });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      await save(await claimRefusalPatch(job, error, now));
      return;
    }
    const stored: ClaimReceipt = {
      ref: receipt.ref,
      energy: receipt.energy,
      costSun: receipt.cost.sun.toString(),
      delegations: receipt.delegations.map((d) => ({ tx: d.tx, energy: d.energy })),
      recovered: false,
    };
    await save({ state: 'delegated', terminal: true, error: null, data: { receipt: stored } });
  };
}
