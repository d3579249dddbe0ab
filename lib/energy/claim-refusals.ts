/**
 * What a refused claim means for the job (seeds/001, "Error Codes"): a refund TronNRG queued, a
 * payment not indexed yet (retried for a minute), our own earlier claim (searched for on the chain),
 * a request it will never accept, or a transient failure (retried for hours: the claim is keyed by
 * the tx hash, so repeating it can never delegate twice).
 */
import type { ServiceError } from '../http';
import type { JobPatch } from '../jobs/runner';
import type { TronNrgErrorDetails } from './tronnrg-api';
import type { NrgClaimData } from './claim-data';
import type { NrgClaimErrorCode } from './claim-results';
import type { Claim, NrgClaimDeps } from './claim-deps';
import type { OwnDelegationSearch } from './own-delegation-search';
import { failedPatch } from './claim-failure';
import {
  backoff,
  NOT_INDEXED_DELAYS_MS,
  NOT_INDEXED_RETRY_MS,
  TRANSIENT_DELAYS_MS,
  TRANSIENT_RETRY_MS,
} from './claim-timing';

/** Creates the reading of TronNRG's refusals. */
export function createClaimRefusals(
  deps: Pick<NrgClaimDeps, 'message'>,
  searchOwnDelegation: OwnDelegationSearch,
) {
  const fail = (code: NrgClaimErrorCode, substitutions: string[]) =>
    failedPatch(deps.message, code, substitutions);

  /** The change `error` makes to the job after its `attempts`-th claim. */
  return async function claimRefusalPatch(
    job: Claim,
    error: ServiceError,
    attempts: number,
    now: number,
  ): Promise<JobPatch<NrgClaimData>> {
    const data = job.data;
    const txid = data.txid!;
    const details = (error.details ?? {}) as TronNrgErrorDetails;
    const refund = details.refund
      ? { to: details.refund.to, amountSun: details.refund.amount.sun.toString() }
      : undefined;
    const refunded = (code: NrgClaimErrorCode): JobPatch<NrgClaimData> => ({
      state: 'refund_queued',
      terminal: true,
      data: { refund },
      error: { code, message: deps.message(code, [txid]) },
    });
    const retryAt = (delay: number, patch: JobPatch<NrgClaimData> = {}): JobPatch<NrgClaimData> => ({
      ...patch,
      nextRunAt: now + delay,
      error: { code: error.code, message: error.message },
    });

    switch (error.code) {
      case 'payment_verification_failed': {
        if (refund) return refunded('payment_refused');
        if (error.status !== 404) return fail('payment_refused', [txid]);
        // 404: not indexed yet. Retried quickly at first (the block may be sealed any moment).
        const since = data.notIndexedSince ?? now;
        if (now - since >= NOT_INDEXED_RETRY_MS) return fail('payment_not_indexed', [txid]);
        return retryAt(backoff(NOT_INDEXED_DELAYS_MS, attempts - 1), { data: { notIndexedSince: since } });
      }
      case 'hash_already_used':
        return searchOwnDelegation(job, now);
      case 'delegation_failed':
        return refund ? refunded('delegation_failed') : fail('delegation_failed', [txid]);
      case 'invalid_tx_hash':
      case 'invalid_address':
      case 'missing_signature':
      case 'invalid_signature':
      case 'signature_mismatch':
      case 'invalid_input':
        return fail('claim_refused', [txid, error.code]);
      default: {
        // 429, 5xx, timeouts, bodies that do not parse: the claim is keyed by the tx hash, so
        // repeating it can never delegate twice.
        const since = data.failingSince ?? now;
        if (now - since >= TRANSIENT_RETRY_MS) return fail('service_unavailable', [txid]);
        const delay = error.retryAfterMs ?? backoff(TRANSIENT_DELAYS_MS, Math.max(0, attempts - 1));
        return retryAt(Math.min(delay, 5 * 60_000), { data: { failingSince: since } });
      }
    }
  };
}

export type ClaimRefusals = ReturnType<typeof createClaimRefusals>;
