/**
 * The paid check's confirmation, inside the extension: the address, how to pay, the report language,
 * and the exact cost (one credit, or the TRX fee) on the button that starts it. Nothing is paid
 * before that click, and the background checks the cost is still the one shown.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import {
  AML_BILLING_MODES,
  AML_REPORT_LANGUAGES,
  reportLanguageFor,
  type AmlReportLanguage,
} from '@/lib/aml/choices';
import type { AmlPreferences, CheckCost } from '@/lib/aml/views';
import type { Problem } from '@/lib/outcome';
import { ProblemNotice } from './ProblemNotice';
import { tk, trxExact } from './format';
import { useOutcome } from '@/components/ui/use-outcome';
import { Loading } from '@/components/ui/Loading';
import { tLtr } from '@/components/ui/bidi';

const BILLING_LABELS: Record<AmlPreferences['billingMode'], string> = {
  auto: 'aml.check.billingAuto',
  credit_pack: 'aml.check.billingCredit',
  wallet_balance: 'aml.check.billingWallet',
};

/** Billing mode, report language, the exact cost and the button that starts a paid check. */
export function RunCheck({
  address,
  preferences,
  origin,
  refreshKey,
  onStarted,
}: {
  address: string;
  preferences: AmlPreferences;
  origin: 'popup' | 'confirmation';
  /** Changes when balances may have changed (a finished job): the cost is read again. */
  refreshKey: string;
  onStarted: (jobId: string) => void;
}) {
  const [billingMode, setBillingMode] = useState(preferences.billingMode);
  // The report is in the interface language unless this check asks for another.
  const [reportLanguage, setReportLanguage] = useState(() => reportLanguageFor(i18n.t('locale.code')));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const cost = useOutcome(() => sendMessage('aml.cost', { billingMode }), `${billingMode}:${refreshKey}`);
  const preview = cost.value?.billingMode === billingMode ? cost.value.cost : null;

  async function start() {
    if (!preview || preview.kind === 'unavailable') return;
    setBusy(true);
    setProblem(null);
    try {
      const outcome = await sendMessage('aml.startCheck', {
        address,
        billingMode,
        reportLanguage,
        cost: preview,
        origin,
      });
      if (outcome.ok) onStarted(outcome.value.jobId);
      else {
        setProblem(outcome.problem);
        if (outcome.problem.code === 'cost_changed') void cost.reload();
      }
    } catch {
      setProblem({ code: 'unknown', message: i18n.t('errors.unknown'), retry: 'now' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="stack" data-testid="aml-run-check">
      <div class="aml-choices">
        <label>
          {i18n.t('aml.check.billing')}
          <select
            value={billingMode}
            onChange={(e) => {
              const mode = e.currentTarget.value as AmlPreferences['billingMode'];
              setBillingMode(mode);
              void sendMessage('aml.setPreferences', { billingMode: mode });
            }}
          >
            {AML_BILLING_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {tk(BILLING_LABELS[mode])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {i18n.t('aml.check.language')}
          <select
            value={reportLanguage}
            onChange={(e) => {
              setReportLanguage(e.currentTarget.value as AmlReportLanguage);
            }}
          >
            {AML_REPORT_LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {tk(`aml.languages.${language}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <CostLine cost={preview} loading={cost.loading && !preview} />
      <ProblemNotice problem={cost.problem ?? problem} />
      <p class="muted aml-small">{i18n.t('aml.check.cacheNote')}</p>
      <div class="row">
        <button
          type="button"
          class="primary"
          disabled={busy || !preview || preview.kind === 'unavailable'}
          onClick={() => void start()}
          data-testid="aml-start-check"
        >
          {busy ? i18n.t('aml.check.starting') : startLabel(preview)}
        </button>
      </div>
    </div>
  );
}

/** The cost, in words, or why this billing mode cannot pay. */
export function CostLine({ cost, loading }: { cost: CheckCost | null; loading: boolean }) {
  if (loading) {
    return <Loading text={i18n.t('aml.check.costLoading')} />;
  }
  if (!cost) return null;
  const text =
    cost.kind === 'credit'
      ? i18n.t('aml.check.costCredit')
      : cost.kind === 'trx'
        ? tLtr('aml.check.costTrx', [trxExact(cost.sun)])
        : tk(`aml.check.costUnavailable.${cost.reason}`);
  return (
    <p
      class={cost.kind === 'unavailable' ? 'notice warn' : 'aml-cost'}
      data-testid="aml-cost"
      data-cost-kind={cost.kind}
      aria-live="polite"
    >
      {text}
    </p>
  );
}

function startLabel(cost: CheckCost | null): string {
  if (cost?.kind === 'credit') return i18n.t('aml.check.runCredit');
  if (cost?.kind === 'trx') return i18n.t('aml.check.runTrx', [trxExact(cost.sun)]);
  return i18n.t('aml.check.run');
}
