/**
 * The `nrg-claim` job: a TronNRG rental paid and signed through the person's own TronLink, then
 * claimed with `POST /delegate` (seeds/001), exactly once whatever happens to the popup or the worker.
 *
 * quote → awaiting_payment → paid {txid} → signing → signed {signature} → claiming →
 * delegated | refund_queued | failed | cancelled
 *
 * Every state is written before the side effect it announces. A txid is accepted only when the chain
 * shows the transfer (payer → pay_to, the quoted amount) in a block after the job started (less a
 * minute of clock slack) and no other rental took it (consumed-txids.ts); once accepted it is never
 * forgotten and never paid again; a signature only when it recovers locally to the payer. Both rules make a result
 * a web page forges harmless: it cannot pass either check.
 *
 * This module routes each state to its step: asking TronLink (claim-requests.ts), watching for the
 * payment (payment-watch.ts) and the signature (signature-watch.ts), and claiming (delegation-claim.ts,
 * with claim-refusals.ts and own-delegation-search.ts); the timings live in claim-timing.ts.
 */
import { NRG_CLAIM_KIND, nrgClaimDataSchema, type NrgClaimData } from './claim-data';
import type { JobKind } from '../jobs/runner';
import type { NrgClaimDeps } from './claim-deps';
import { createClaimSave } from './claim-save';
import { createClaimRequests } from './claim-requests';
import { createPaymentWatch } from './payment-watch';
import { createSignatureWatch } from './signature-watch';
import { createOwnDelegationSearch } from './own-delegation-search';
import { createClaimRefusals } from './claim-refusals';
import { createDelegationClaim } from './delegation-claim';

export type { NrgClaimBridge, NrgClaimChain, NrgClaimDeps, RelayPeek } from './claim-deps';
export {
  ALREADY_USED_SEARCH_MS,
  CHAIN_CLOCK_SLACK_MS,
  NOT_INDEXED_RETRY_MS,
  PAYMENT_WINDOW_MS,
  TRANSIENT_RETRY_MS,
} from './claim-timing';

/** Creates the job kind over its collaborators. */
export function createNrgClaimKind(deps: NrgClaimDeps): JobKind<NrgClaimData> {
  const { ask, consultRelay } = createClaimRequests(deps);
  const watchPayment = createPaymentWatch(deps, consultRelay);
  const watchSignature = createSignatureWatch(deps, consultRelay);
  const searchOwnDelegation = createOwnDelegationSearch(deps);
  const claimDelegation = createDelegationClaim(
    deps,
    searchOwnDelegation,
    createClaimRefusals(deps, searchOwnDelegation),
  );

  return {
    kind: NRG_CLAIM_KIND,
    dataSchema: nrgClaimDataSchema,
    async step(job, context) {
      const save = createClaimSave(job, context, deps);
      const now = context.now();
      switch (job.state) {
        case 'quote':
          return ask(job, save, 'pay', now, context);
        case 'awaiting_payment':
          return watchPayment(job, save, now);
        case 'paid':
          if (job.data.action === 'sign_again') return void (await save({ nextRunAt: null }));
          return ask(job, save, 'sign', now, context);
        case 'signing':
          return watchSignature(job, save, now);
        case 'signed':
        case 'claiming':
          return claimDelegation(job, save, now);
        default:
          await save({ nextRunAt: null });
      }
    },
  };
}
