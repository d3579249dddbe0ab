/**
 * AML credit packs: the catalog with this account's price (the referral `pricingPreview`), buying a
 * pack after an explicit confirmation (a durable `credit-purchase` job the popup can close on), and
 * the credit history.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { CatalogView, PlanView } from '@/lib/aml/views';
import type { Problem } from '@/lib/outcome';
import { CREDIT_PURCHASE_KIND } from '@/lib/aml/job-names';
import { AML_CREDIT_HISTORY_TYPES, AML_PLAN_CODES } from '@/lib/aml/choices';
import type { JobView } from '@/lib/app-view';
import { ProblemNotice } from './ProblemNotice';
import { tk, trx, trxExact, when } from './format';
import { useOutcome, type Loaded } from '@/components/ui/use-outcome';
import { jobsKey, useJobsOfKind } from './use-aml';
import { countText } from '@/lib/locale';
import { countLtr, tLtr } from '@/components/ui/bidi';

/** A finished purchase stays on show this long. */
const RECENT_MS = 5 * 60_000;

/** The credit catalog, the purchase confirmation and progress, and the credit history. */
export function CreditsPanel({
  catalog,
  onPurchased,
}: {
  catalog: Loaded<CatalogView>;
  onPurchased: () => void;
}) {
  const purchases = useJobsOfKind(CREDIT_PURCHASE_KIND);
  const current =
    purchases.find((job) => !job.terminal) ?? purchases.find((job) => Date.now() - job.updatedAt < RECENT_MS);
  const [confirming, setConfirming] = useState<PlanView | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const value = catalog.value;

  async function buy(plan: PlanView) {
    setBusy(true);
    setProblem(null);
    try {
      const planCode = AML_PLAN_CODES.find((code) => code === plan.code);
      if (!planCode) return;
      const outcome = await sendMessage('aml.purchase', { planCode, priceSun: plan.finalPriceSun });
      if (!outcome.ok) {
        setProblem(outcome.problem);
        if (outcome.problem.code === 'price_changed') void catalog.reload();
        return;
      }
      setConfirming(null);
      onPurchased();
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="card" data-testid="aml-credits-panel">
      <summary>
        <h2 class="inline-heading">{i18n.t('aml.credits.heading')}</h2>
      </summary>
      <div class="stack aml-details-body">
        {current && <PurchaseProgress job={current} />}
        <ProblemNotice problem={catalog.problem ?? problem} />
        {value && !value.creditPackBillingEnabled && (
          <p class="notice warn">{i18n.t('aml.credits.disabled')}</p>
        )}
        {value && (
          <ul class="plain stack" aria-label={i18n.t('aml.credits.heading')}>
            {value.plans
              // Only packs this version can name: an unknown code could not be bought anyway.
              .filter((plan) => plan.active && (AML_PLAN_CODES as readonly string[]).includes(plan.code))
              .map((plan) => (
                <li key={plan.code} class="aml-plan" data-plan={plan.code}>
                  <div class="stack aml-tight">
                    <strong>{countText('aml.credits.pack', plan.credits)}</strong>
                    {plan.referralDiscountApplied && plan.discountSun !== '0' ? (
                      <span>
                        {tLtr('aml.credits.discount', [
                          trx(plan.finalPriceSun),
                          trx(plan.listPriceSun),
                          String(plan.discountRatePercent),
                        ])}
                      </span>
                    ) : (
                      <span>{tLtr('aml.trx', [trx(plan.finalPriceSun)])}</span>
                    )}
                    <span class="muted aml-small">
                      {tLtr('aml.credits.perCredit', [trx(plan.pricePerCreditSun)])}
                      {plan.expiresInDays !== null &&
                        ` · ${countText('aml.credits.expires', plan.expiresInDays)}`}
                    </span>
                  </div>
                  {confirming?.code === plan.code ? (
                    <div class="stack aml-tight" role="group" aria-label={i18n.t('aml.credits.confirmLabel')}>
                      <span>
                        {countLtr('aml.credits.confirm', plan.credits, [trxExact(plan.finalPriceSun)])}
                      </span>
                      <div class="row">
                        <button type="button" class="primary" disabled={busy} onClick={() => void buy(plan)}>
                          {busy ? i18n.t('aml.credits.buying') : i18n.t('aml.credits.confirmYes')}
                        </button>
                        <button type="button" disabled={busy} onClick={() => setConfirming(null)}>
                          {i18n.t('aml.credits.cancel')}
                        </button>
                      </div>
                    </div>
                  ) : (
                    <button
                      type="button"
                      disabled={!value.creditPackBillingEnabled || Boolean(current && !current.terminal)}
                      onClick={() => {
                        setProblem(null);
                        setConfirming(plan);
                      }}
                    >
                      {tLtr('aml.credits.buy', [trxExact(plan.finalPriceSun)])}
                    </button>
                  )}
                </li>
              ))}
          </ul>
        )}
        <CreditHistory refreshKey={jobsKey(purchases)} />
      </div>
    </details>
  );
}

function PurchaseProgress({ job }: { job: JobView }) {
  const result = job.data.result as { purchasedCredits: number; creditsBalance: number } | null | undefined;
  return (
    <div
      class={`notice ${job.state === 'completed' ? 'ok' : job.terminal ? 'error' : ''}`}
      role="status"
      aria-live="polite"
      data-testid="aml-purchase"
      data-job-state={job.state}
    >
      {job.state === 'completed' && result
        ? i18n.t('aml.credits.bought', [String(result.purchasedCredits), String(result.creditsBalance)])
        : tk(`aml.purchaseJob.${job.state}`)}
      {job.error && !job.terminal && <span class="muted"> {job.error.message}</span>}
      {job.error && job.terminal && <span> {job.error.message}</span>}
      {job.state === 'waiting_sign_in' && (
        <button type="button" onClick={() => void sendMessage('aml.cancelJob', { id: job.id })}>
          {i18n.t('aml.job.cancel')}
        </button>
      )}
    </div>
  );
}

const KNOWN_CREDIT_TYPES: readonly string[] = AML_CREDIT_HISTORY_TYPES;

/** A credit-history type for people; 2aml's own word for a type the docs do not list. */
function creditTypeText(type: string): string {
  return KNOWN_CREDIT_TYPES.includes(type) ? tk(`aml.credits.type.${type}`) : type;
}

function CreditHistory({ refreshKey }: { refreshKey: string }) {
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(1);
  const history = useOutcome(() => sendMessage('aml.creditHistory', { page }), `${refreshKey}:${page}`, open);
  const value = history.value;
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="aml-credit-history">
      <summary>{i18n.t('aml.credits.history')}</summary>
      <div class="stack aml-details-body">
        <ProblemNotice problem={history.problem} />
        {value && value.rows.length === 0 && <p class="muted">{i18n.t('aml.credits.historyEmpty')}</p>}
        {value && value.rows.length > 0 && (
          <ul class="plain stack aml-tight">
            {value.rows.map((row) => (
              <li key={row.id} class="aml-row">
                <span>
                  {creditTypeText(row.type)} · {row.credits}
                  {row.amountSun !== '0' && ` · ${i18n.t('aml.trx', [trx(row.amountSun)])}`}
                </span>
                <time class="muted aml-small" dateTime={row.createdAt}>
                  {when(row.createdAt)}
                </time>
              </li>
            ))}
          </ul>
        )}
        {value && value.skipped > 0 && (
          <p class="muted aml-small" data-testid="aml-credit-history-skipped">
            {countText('aml.history.skipped', value.skipped)}
          </p>
        )}
        <Pager page={page} total={value?.total ?? 0} limit={value?.limit ?? 20} onPage={setPage} />
      </div>
    </details>
  );
}

/** Previous / next for a paginated 2aml list. */
export function Pager({
  page,
  total,
  limit,
  onPage,
}: {
  page: number;
  total: number;
  limit: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / limit));
  if (pages <= 1) return null;
  return (
    <div class="row" role="navigation">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {i18n.t('aml.history.previous')}
      </button>
      <span class="muted aml-small">{i18n.t('aml.history.page', [String(page), String(pages)])}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {i18n.t('aml.history.next')}
      </button>
    </div>
  );
}
