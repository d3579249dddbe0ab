/**
 * Claiming the delegation with TronNRG `POST /delegate`: the claim itself, what each refusal means,
 * and the search for our own earlier claim after `hash_already_used`.
 */

import type { JobPatch } from '../jobs/runner';
import {
  type ClaimReceipt,
  type NrgClaimData,
  ALREADY_USED_SEARCH_MS,
  CHAIN_CLOCK_SLACK_MS,
  backoff,
  NOT_INDEXED_DELAYS_MS,
  NOT_INDEXED_MAX_ATTEMPTS,
  NOT_INDEXED_RETRY_MS,
  TRANSIENT_DELAYS_MS,
  TRANSIENT_MAX_ATTEMPTS,
  TRANSIENT_RETRY_MS,
  CLAIM_IN_FLIGHT_GUARD_MS,
} from './claim-data';
import {
  type Claim,
  type NrgClaimDeps,
  failedPatch,
  type NrgClaimErrorCode,
  signatureSigner,
  type ClaimSave,
} from './claim-results';
import { ServiceError } from '../http';
import { retryDelayMs } from '../jobs/retry';
import { classifyClaimFailure, tronNrgErrorDetails, type TronNrgDelegation } from './tronnrg-client';

/*
 * After `hash_already_used`: our own earlier claim may have gone through while its answer was lost
 * (with the worker, or a timeout). Its delegation can take a block or two to be listed, so the chain
 * is searched for a while before the answer is taken at its word.
 */
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

/*
 * What a refused claim means for the job (seeds/001, "Error Codes" and "Refunds"), as
 * `classifyClaimFailure` reads it: a refund TronNRG queued (or `below_minimum`, refunded as
 * documented), a payment not indexed yet, our own earlier claim (searched for on the chain), a
 * documented refusal, an unknown 4xx (final, with TronNRG's own code and text), or a transient
 * failure. Only the last two kinds of retry (`payment_verification_failed`, and 429 / 5xx / a lost
 * answer) repeat the claim, each under a cap of attempts and of time (claim-data.ts).
 */
/** "12 min", "1 h": how long a streak of failures lasted, for the text that ends it. */
function durationText(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return minutes < 60 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** Creates the reading of TronNRG's refusals. */
export function createClaimRefusals(
  deps: Pick<NrgClaimDeps, 'message'>,
  searchOwnDelegation: OwnDelegationSearch,
) {
  const fail = (code: NrgClaimErrorCode, substitutions: string[]) =>
    failedPatch(deps.message, code, substitutions);

  /** The change `error` makes to the job after a claim. */
  return async function claimRefusalPatch(
    job: Claim,
    error: ServiceError,
    now: number,
  ): Promise<JobPatch<NrgClaimData>> {
    const data = job.data;
    const txid = data.txid!;
    const failure = classifyClaimFailure(error);
    const retryAt = (delay: number, patch: JobPatch<NrgClaimData> = {}): JobPatch<NrgClaimData> => ({
      ...patch,
      nextRunAt: now + delay,
      error: { code: error.code, message: error.message },
    });

    switch (failure.kind) {
      case 'refund': {
        const announced = tronNrgErrorDetails(error).refund;
        // `below_minimum` is refunded as documented even when the answer names no refund object:
        // the verified payment goes back to the account that sent it.
        const refund = announced
          ? { to: announced.to, amountSun: announced.amount.sun.toString() }
          : failure.code === 'below_minimum'
            ? { to: data.payer, amountSun: data.priceSun }
            : undefined;
        const code: NrgClaimErrorCode =
          failure.code === 'below_minimum'
            ? 'below_minimum'
            : failure.code === 'delegation_failed'
              ? 'delegation_failed'
              : 'refund_queued';
        return {
          state: 'refund_queued',
          terminal: true,
          data: { refund },
          error: { code, message: deps.message(code, [txid]) },
        };
      }
      case 'not_indexed': {
        const since = data.notIndexedSince ?? now;
        const attempts = data.notIndexedAttempts + 1;
        if (now - since >= NOT_INDEXED_RETRY_MS || attempts >= NOT_INDEXED_MAX_ATTEMPTS)
          return fail(failure.status === 404 ? 'payment_not_indexed' : 'payment_refused', [txid]);
        // Retried quickly at first (the block may be sealed any moment).
        return retryAt(retryDelayMs(backoff(NOT_INDEXED_DELAYS_MS, attempts - 1), error.retryAfterMs), {
          data: { notIndexedSince: since, notIndexedAttempts: attempts },
        });
      }
      case 'already_used':
        return searchOwnDelegation(job, now);
      case 'refused':
        return fail('claim_refused', [txid, failure.code]);
      case 'unknown':
        // Not a documented refusal: TronNRG's own code and words are all there is to show.
        return {
          state: 'failed',
          terminal: true,
          error: {
            code: failure.code,
            message: deps.message('service_refused', [txid, failure.code, failure.message]),
          },
        };
      case 'transient': {
        const since = data.failingSince ?? now;
        const attempts = data.failingAttempts + 1;
        if (now - since >= TRANSIENT_RETRY_MS || attempts >= TRANSIENT_MAX_ATTEMPTS)
          return fail('service_unavailable', [txid, durationText(now - since), String(attempts)]);
        const delay = retryDelayMs(backoff(TRANSIENT_DELAYS_MS, attempts - 1), error.retryAfterMs);
        return retryAt(delay, { data: { failingSince: since, failingAttempts: attempts } });
      }
    }
  };
}

export type ClaimRefusals = ReturnType<typeof createClaimRefusals>;

/*
 * The `signed` and `claiming` steps: `POST /delegate` with the verified payment and signature, the
 * claim attempt counted and written before it is sent; a receipt ends the job as `delegated`.
 */
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
