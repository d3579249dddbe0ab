/**
 * "Top up with TronLink": the person types a TRX amount; the background checks it (exact decimal,
 * at least 2aml's minimum) and starts a `wallet-topup` job, which pays the deposit address through
 * the bridge tab and reconciles once the chain confirms. Here: the form, what TronLink will show,
 * and the running top-up's progress.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { JobView } from '@/lib/app-view';
import type { Problem } from '@/lib/outcome';
import { useOutcome } from '@/components/ui/use-outcome';
import { ProblemNotice } from '@/components/aml/ProblemNotice';
import { useEnergyView } from './use-energy';
import { walletText } from './TronLinkWillShow';
import { shortAddress, trxExact } from './format';
import { countLtr, tLtr } from '@/components/ui/bidi';

/** A finished top-up stays in view this long, so its outcome is seen. */
const RECENT_MS = 10 * 60_000;
const STATES = new Set(['created', 'awaiting_payment', 'paid', 'confirmed', 'credited', 'failed']);

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** What TronLink will ask: the exact amount to the deposit address, with the memo when required. */
function TopupWillShow({ amountSun, to, memo }: { amountSun: string; to: string; memo: string | null }) {
  const wallet = useEnergyView()?.account?.wallet;
  return (
    <div class="stack energy-will-show" data-testid="twoaml-topup-will-show">
      <p>{tLtr('twoamlEnergy.topup.willShow', [trxExact(amountSun), to])}</p>
      {memo && <p>{i18n.t('twoamlEnergy.topup.memo', [memo])}</p>}
      <p class="notice warn">{i18n.t('twoamlEnergy.topup.rejectElse')}</p>
      <p class="muted aml-small">{i18n.t('energy.confirm.signsWith', [walletText(wallet)])}</p>
    </div>
  );
}

function TopupProgress({ job }: { job: JobView }) {
  const amountSun = /^\d+$/.test(text(job.data.amountSun)) ? text(job.data.amountSun) : '0';
  const state = STATES.has(job.state)
    ? i18n.t(`twoamlEnergy.topup.states.${job.state}` as 'twoamlEnergy.topup.states.created')
    : job.state;
  const txid = text(job.data.txid);
  return (
    <div
      class={`stack notice ${job.state === 'failed' ? 'error' : job.state === 'credited' ? 'ok' : ''}`}
      data-testid="twoaml-topup-progress"
      data-topup-state={job.state}
      role="status"
    >
      <strong>{tLtr('twoamlEnergy.topup.progress', [trxExact(amountSun), state])}</strong>
      {job.state === 'awaiting_payment' && (
        <TopupWillShow
          amountSun={amountSun}
          to={text(job.data.depositAddress)}
          memo={text(job.data.memo) || null}
        />
      )}
      {txid && (
        <span class="mono aml-small" title={txid}>
          {tLtr('twoamlEnergy.topup.payment', [shortAddress(txid)])}
        </span>
      )}
      {job.error && <span class="aml-small">{job.error.message}</span>}
    </div>
  );
}

/** The form and the top-up in progress (or just finished). */
export function TwoamlEnergyTopup({ jobs }: { jobs: JobView[] }) {
  const account = useEnergyView()?.account ?? null;
  const deposit = useOutcome(() => sendMessage('twoamlEnergy.deposit', undefined), 'topup-deposit');
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const current =
    jobs.find((job) => !job.terminal) ?? jobs.find((job) => Date.now() - job.updatedAt < RECENT_MS);
  const running = jobs.some((job) => !job.terminal);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const outcome = await sendMessage('twoamlEnergy.topup', { amount });
      if (!outcome.ok) setProblem(outcome.problem);
      else setAmount('');
    } finally {
      setBusy(false);
    }
  }

  const minimum = deposit.value;
  return (
    <section class="stack" aria-labelledby="twoaml-topup-heading">
      <h3 id="twoaml-topup-heading">{i18n.t('twoamlEnergy.topup.heading')}</h3>
      {current && <TopupProgress job={current} />}
      <form class="stack" onSubmit={(e) => void submit(e)} data-testid="twoaml-topup-form">
        <label>
          {i18n.t('twoamlEnergy.topup.amount')}
          <input
            value={amount}
            onInput={(e) => setAmount(e.currentTarget.value)}
            inputMode="decimal"
            autocomplete="off"
            maxLength={40}
            placeholder="10"
            data-testid="twoaml-topup-amount"
          />
        </label>
        {minimum && (
          <p class="muted aml-small">
            {countLtr('twoamlEnergy.topup.min', minimum.minConfirmations, [trxExact(minimum.minDepositSun)])}
          </p>
        )}
        {minimum && amount.trim() && /^\d+(\.\d{1,6})?$/.test(amount.trim()) && (
          <TopupWillShow
            amountSun={toSunText(amount.trim())}
            to={minimum.address}
            memo={minimum.memoRequired ? minimum.memo : null}
          />
        )}
        {!account && <p class="muted aml-small">{i18n.t('twoamlEnergy.problems.no_tronlink')}</p>}
        <ProblemNotice problem={problem} />
        <div class="row">
          <button
            type="submit"
            class="primary"
            disabled={busy || running || !amount.trim() || !account}
            data-testid="twoaml-topup-submit"
          >
            {busy ? i18n.t('twoamlEnergy.topup.starting') : i18n.t('twoamlEnergy.topup.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** `12.5` → `12500000`, for the preview only (the background parses the typed text itself). */
function toSunText(amount: string): string {
  const [whole, fraction = ''] = amount.split('.');
  return (BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0') || '0')).toString();
}
