/**
 * One check in full (the check page and the popup's history): level, score, flagged, tags, on-chain
 * signals, when, how it was paid, whether the result was reused, the JSON 2aml sent, and the reports.
 */
import { i18n } from '#i18n';
import type { CheckDetailView } from '@/lib/aml/views';
import { ReportButtons } from './ReportButtons';
import { levelText, levelTone, tk, trx, when } from './format';

/** A check's full result with its reports and JSON. */
export function CheckResult({ detail }: { detail: CheckDetailView }) {
  const completed = detail.status === 'completed';
  return (
    <section
      class="card stack aml-result"
      aria-labelledby={`aml-result-${detail.checkId}`}
      data-testid="aml-result"
      data-level={detail.level ?? ''}
      data-check-id={detail.checkId}
    >
      <div class="row spread">
        <h2 id={`aml-result-${detail.checkId}`}>{i18n.t('aml.result.heading')}</h2>
        <span class={`pill ${levelTone(detail.level, detail.flagged)}`} data-testid="aml-level">
          {completed ? levelText(detail.level) : tk(`aml.result.status.${detail.status}`)}
        </span>
      </div>
      <p class="mono" data-testid="aml-result-address">
        {detail.address}
      </p>
      {completed && (
        <dl class="aml-figures">
          <div>
            <dt>{i18n.t('aml.result.score')}</dt>
            <dd data-testid="aml-score">{i18n.t('aml.result.scoreValue', [String(detail.score ?? '—')])}</dd>
          </div>
          <div>
            <dt>{i18n.t('aml.result.flagged')}</dt>
            <dd>{detail.flagged ? i18n.t('aml.result.flaggedYes') : i18n.t('aml.result.flaggedNo')}</dd>
          </div>
          <div>
            <dt>{i18n.t('aml.result.checkedAt')}</dt>
            <dd>
              <time dateTime={detail.checkedAt ?? ''}>{when(detail.checkedAt)}</time>
            </dd>
          </div>
          <div>
            <dt>{i18n.t('aml.result.billing')}</dt>
            <dd>{billingText(detail)}</dd>
          </div>
        </dl>
      )}
      {detail.servedFromCache && (
        <p class="pill" data-testid="aml-cached">
          {i18n.t('aml.result.cached')}
        </p>
      )}
      {detail.signals && (
        <>
          <h3>{i18n.t('aml.result.tags')}</h3>
          {detail.signals.tags.length === 0 ? (
            <p class="muted">{i18n.t('aml.result.noTags')}</p>
          ) : (
            <ul class="plain row" aria-label={i18n.t('aml.result.tags')}>
              {detail.signals.tags.map((tag) => (
                <li key={tag} class="pill warn">
                  {tag}
                </li>
              ))}
            </ul>
          )}
          <h3>{i18n.t('aml.result.signals')}</h3>
          <dl class="aml-figures">
            <div>
              <dt>{i18n.t('aml.result.lastActivity')}</dt>
              <dd>{when(detail.signals.lastActivity) || '—'}</dd>
            </div>
            <div>
              <dt>{i18n.t('aml.result.balance')}</dt>
              <dd>
                {detail.signals.balance === null
                  ? '—'
                  : detail.network === 'tron'
                    ? i18n.t('aml.trx', [detail.signals.balance])
                    : detail.signals.balance}
              </dd>
            </div>
            <div>
              <dt>{i18n.t('aml.result.transactions')}</dt>
              <dd>{detail.signals.transactions ?? '—'}</dd>
            </div>
            <div>
              <dt>{i18n.t('aml.result.interactors')}</dt>
              <dd>{detail.signals.uniqueInteractors ?? '—'}</dd>
            </div>
          </dl>
        </>
      )}
      <ReportButtons checkId={detail.checkId} ready={completed} />
      <details>
        <summary>{i18n.t('aml.result.json')}</summary>
        <pre class="aml-json" tabIndex={0} data-testid="aml-json">
          {detail.json}
        </pre>
      </details>
    </section>
  );
}

function billingText(detail: CheckDetailView): string {
  switch (detail.billingMode) {
    case 'wallet_balance':
      return i18n.t('aml.result.billingMode.wallet_balance', [
        detail.chargedSun ? trx(detail.chargedSun) : '—',
      ]);
    case 'credit_pack':
      return i18n.t('aml.result.billingMode.credit_pack');
    case 'free':
      return i18n.t('aml.result.billingMode.free');
    case 'payment_credit':
      return i18n.t('aml.result.billingMode.payment_credit');
    default:
      return detail.billingMode ?? '—';
  }
}
