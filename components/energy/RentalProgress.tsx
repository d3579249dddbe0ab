/**
 * A running (or just finished) rental: the four steps the person sees — pay, payment on chain, sign,
 * delegation — what is happening now, and "Sign again" when the job waits for a signature.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { JobView } from '@/lib/app-view';
import { NRG_CLAIM_STATES, type NrgClaimState } from '@/lib/energy/job-names';
import { energyForDisplay, shortAddress, transactionLink, trxForDisplay } from './format';
import { TronLinkWillShow } from './TronLinkWillShow';
import { tLtr } from '@/components/ui/bidi';

type StepStatus = 'done' | 'current' | 'todo' | 'failed';

const STEP_KEYS = ['pay', 'confirm', 'sign', 'claim'] as const;

/** Where each of the four steps stands in `state`. */
export function stepStatuses(state: NrgClaimState, hasTxid: boolean): StepStatus[] {
  const reached: Record<NrgClaimState, number> = {
    quote: 0,
    awaiting_payment: 0,
    paid: 2,
    signing: 2,
    signed: 3,
    claiming: 3,
    delegated: 4,
    refund_queued: 3,
    failed: hasTxid ? 3 : 0,
    cancelled: 0,
  };
  const at = reached[state];
  const failedHere = state === 'failed' || state === 'cancelled' || state === 'refund_queued';
  return STEP_KEYS.map((_, index) => {
    if (index < at) return 'done';
    if (index === at) return failedHere ? 'failed' : state === 'delegated' ? 'done' : 'current';
    return 'todo';
  });
}

/** States in which TronLink still has the payment or the claim message to show. */
const ASKING_STATES: readonly NrgClaimState[] = ['quote', 'awaiting_payment', 'paid', 'signing'];

interface RentalData {
  receiver?: string;
  payTo?: string;
  priceSun?: string;
  energy?: number;
  txid?: string;
  action?: string | null;
  receipt?: { energy: number; delegations: { tx: string }[]; recovered?: boolean };
  refund?: { to: string; amountSun: string };
}

/** The card of the running (or latest) rental job. */
export function RentalProgress({ job, tronscan }: { job: JobView; tronscan: string }) {
  const [asking, setAsking] = useState(false);
  const state = (NRG_CLAIM_STATES as readonly string[]).includes(job.state)
    ? (job.state as NrgClaimState)
    : 'quote';
  const data = job.data as RentalData;
  const steps = stepStatuses(state, Boolean(data.txid));
  const stateText = i18n.t(`energy.job.states.${state}` as 'energy.job.states.quote');

  // Only before anything is paid (`cancelRental` in rentals.ts decides again, once the step in flight has ended).
  const cancellable = !job.terminal && (state === 'quote' || state === 'awaiting_payment') && !data.txid;

  async function cancel() {
    setAsking(true);
    try {
      await sendMessage('energy.cancel', { id: job.id });
    } finally {
      setAsking(false);
    }
  }

  async function signAgain() {
    setAsking(true);
    try {
      await sendMessage('energy.signAgain', { id: job.id });
    } finally {
      setAsking(false);
    }
  }

  return (
    <section
      class="card stack energy-progress"
      aria-labelledby="energy-progress-heading"
      data-testid="energy-progress"
      data-job-id={job.id}
      data-job-state={job.state}
    >
      <h2 id="energy-progress-heading">
        {job.terminal ? i18n.t('energy.job.headingDone') : i18n.t('energy.job.heading')}
      </h2>
      <ol class="plain energy-steps">
        {STEP_KEYS.map((key, index) => (
          <li
            key={key}
            class={`energy-step ${steps[index]}`}
            aria-current={steps[index] === 'current' ? 'step' : undefined}
          >
            <span class="energy-step-mark" aria-hidden="true">
              {steps[index] === 'done' ? '✓' : steps[index] === 'failed' ? '✕' : index + 1}
            </span>
            {i18n.t(`energy.job.steps.${key}` as 'energy.job.steps.pay')}
          </li>
        ))}
      </ol>
      <p aria-live="polite" data-testid="energy-progress-state">
        <strong>{stateText}</strong>
      </p>
      {job.error && (
        <p
          class={job.terminal ? 'notice error' : 'notice warn'}
          role="alert"
          data-testid="energy-progress-error"
        >
          {job.error.message}
        </p>
      )}
      {!job.terminal && ASKING_STATES.includes(state) && data.payTo && data.priceSun && data.receiver && (
        <TronLinkWillShow
          context="progress"
          priceSun={data.priceSun}
          payTo={data.payTo}
          receiver={data.receiver}
          txid={data.txid}
        />
      )}
      {state === 'delegated' && data.receipt && data.receiver && (
        <p class="notice ok">
          {tLtr('energy.job.delegated', [energyForDisplay(data.receipt.energy), shortAddress(data.receiver)])}
          {data.receipt.recovered && <span class="muted"> {i18n.t('energy.job.recovered')}</span>}
        </p>
      )}
      {state === 'refund_queued' && data.refund && (
        <p class="notice warn">
          {tLtr('energy.job.refund', [trxForDisplay(data.refund.amountSun), shortAddress(data.refund.to)])}
        </p>
      )}
      <TxLinks tronscan={tronscan} txid={data.txid} delegations={data.receipt?.delegations ?? []} />
      {!job.terminal && data.action === 'sign_again' && (
        <button type="button" class="primary" onClick={() => void signAgain()} disabled={asking}>
          {i18n.t('energy.job.signAgain')}
        </button>
      )}
      {cancellable && (
        <button type="button" onClick={() => void cancel()} disabled={asking} data-testid="energy-cancel">
          {i18n.t('energy.job.cancel')}
        </button>
      )}
    </section>
  );
}

/** Links to the payment and the delegations on TronScan. */
export function TxLinks({
  tronscan,
  txid,
  delegations,
}: {
  tronscan: string;
  txid?: string;
  delegations: { tx: string }[];
}) {
  if (!txid && delegations.length === 0) return null;
  return (
    <ul class="plain energy-links">
      {txid && (
        <li>
          {i18n.t('energy.job.paymentTx')}:{' '}
          <a class="mono" href={transactionLink(tronscan, txid)} target="_blank" rel="noreferrer">
            {shortAddress(txid)}
          </a>
        </li>
      )}
      {delegations.map((delegation) => (
        <li key={delegation.tx}>
          {i18n.t('energy.job.delegationTx')}:{' '}
          <a class="mono" href={transactionLink(tronscan, delegation.tx)} target="_blank" rel="noreferrer">
            {shortAddress(delegation.tx)}
          </a>
        </li>
      ))}
    </ul>
  );
}
