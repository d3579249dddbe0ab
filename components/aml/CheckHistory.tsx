/** The account's check requests, newest first, each with its result page and reports. */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { CheckHistoryRow } from '@/lib/aml/views';
import { Pager } from './CreditsPanel';
import { ProblemNotice } from './ProblemNotice';
import { RefreshButton } from './RefreshButton';
import { ReportButtons } from './ReportButtons';
import { checkStatusText, levelText, levelTone, shortAddress, when } from './format';
import { openCheckPage } from './open-check-page';
import { useOutcome } from '@/components/ui/use-outcome';
import { countText } from '@/lib/locale';

/** The paginated check history; `refreshKey` changes when it should be read again. */
export function CheckHistory({ refreshKey }: { refreshKey: string }) {
  const [page, setPage] = useState(1);
  const history = useOutcome(() => sendMessage('aml.checks', { page }), `${refreshKey}:${page}`);
  const value = history.value;
  return (
    <section class="card stack" aria-labelledby="aml-history-heading" data-testid="aml-check-history">
      <div class="row spread">
        <h2 id="aml-history-heading">{i18n.t('aml.history.heading')}</h2>
        <RefreshButton loaded={history} />
      </div>
      <ProblemNotice problem={history.problem} />
      {value && value.rows.length === 0 && <p class="muted">{i18n.t('aml.history.empty')}</p>}
      {value && value.rows.length > 0 && (
        <ul class="plain stack aml-tight">
          {value.rows.map((row) => (
            <HistoryRow key={row.requestId} row={row} />
          ))}
        </ul>
      )}
      {value && value.skipped > 0 && (
        <p class="muted aml-small" data-testid="aml-history-skipped">
          {countText('aml.history.skipped', value.skipped)}
        </p>
      )}
      <Pager page={page} total={value?.total ?? 0} limit={value?.limit ?? 20} onPage={setPage} />
    </section>
  );
}

function HistoryRow({ row }: { row: CheckHistoryRow }) {
  const completed = row.status === 'completed';
  return (
    <li class="aml-history-row" data-request-id={row.requestId} data-check-status={row.status}>
      <div class="row spread">
        <span class="mono" title={row.address}>
          {shortAddress(row.address)}
        </span>
        <span class={`pill ${levelTone(row.level, row.flagged)}`}>
          {completed ? `${levelText(row.level)} · ${row.score ?? '—'}` : checkStatusText(row.status)}
        </span>
      </div>
      <div class="row spread">
        <time class="muted aml-small" dateTime={row.createdAt}>
          {when(row.createdAt)}
          {row.servedFromCache && ` · ${i18n.t('aml.history.cached')}`}
        </time>
        <button type="button" onClick={() => openCheckPage(row.address)}>
          {i18n.t('aml.result.open')}
        </button>
      </div>
      {completed && row.downloadsReady && row.checkId !== null && (
        <details>
          <summary>{i18n.t('aml.history.reports')}</summary>
          <ReportButtons checkId={row.checkId} />
        </details>
      )}
    </li>
  );
}
