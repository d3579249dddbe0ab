/**
 * What a refused claim means for the job (seeds/001, "Error Codes" and "Refunds"), as
 * `classifyClaimFailure` reads it: a refund TronNRG queued (or `below_minimum`, refunded as
 * documented), a payment not indexed yet, our own earlier claim (searched for on the chain), a
 * documented refusal, an unknown 4xx (final, with TronNRG's own code and text), or a transient
 * failure. Only the last two kinds of retry (`payment_verification_failed`, and 429 / 5xx / a lost
 * answer) repeat the claim, each under a cap of attempts and of time (claim-timing.ts).
 */
import type { ServiceError } from '../http';
import type { JobPatch } from '../jobs/runner';
import { retryDelayMs } from '../jobs/retry';
import { classifyClaimFailure, tronNrgErrorDetails } from './tronnrg-errors';
import type { NrgClaimData } from './claim-data';
import type { NrgClaimErrorCode } from './claim-results';
import type { Claim, NrgClaimDeps } from './claim-deps';
import type { OwnDelegationSearch } from './own-delegation-search';
import { failedPatch } from './claim-failure';
import {
  backoff,
  NOT_INDEXED_DELAYS_MS,
  NOT_INDEXED_MAX_ATTEMPTS,
  NOT_INDEXED_RETRY_MS,
  TRANSIENT_DELAYS_MS,
  TRANSIENT_MAX_ATTEMPTS,
  TRANSIENT_RETRY_MS,
} from './claim-timing';

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
