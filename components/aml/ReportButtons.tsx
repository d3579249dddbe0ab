/**
 * Saving a check's reports: the full and summary PDFs and the JSON result. The background downloads
 * them with the session's token and hands the browser the file; this page never sees the token.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { Problem } from '@/lib/outcome';
import { ProblemNotice } from './ProblemNotice';

type Kind = 'full' | 'summary' | 'json';

/** Buttons that save a check's full PDF, summary PDF and JSON through the background. */
export function ReportButtons({ checkId, ready = true }: { checkId: number; ready?: boolean }) {
  const [busy, setBusy] = useState<Kind | null>(null);
  const [saved, setSaved] = useState<{ filename: string; downloadId: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function save(kind: Kind) {
    setBusy(kind);
    setProblem(null);
    setSaved(null);
    try {
      const outcome = await sendMessage('aml.downloadReport', { checkId, kind });
      if (outcome.ok) setSaved(outcome.value);
      else setProblem(outcome.problem);
    } finally {
      setBusy(null);
    }
  }

  const label = (kind: Kind) =>
    busy === kind
      ? i18n.t('aml.result.downloading')
      : kind === 'full'
        ? i18n.t('aml.result.fullReport')
        : kind === 'summary'
          ? i18n.t('aml.result.summaryReport')
          : i18n.t('aml.result.saveJson');

  return (
    <div class="stack aml-tight" data-testid="aml-reports">
      <div class="row">
        {(['full', 'summary', 'json'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            disabled={!ready || busy !== null}
            aria-busy={busy === kind}
            onClick={() => void save(kind)}
            data-report={kind}
          >
            {label(kind)}
          </button>
        ))}
      </div>
      {saved && (
        <p
          class="muted aml-small"
          role="status"
          data-saved={saved.filename}
          data-download-id={saved.downloadId}
        >
          {i18n.t('aml.result.saved', [saved.filename])}
        </p>
      )}
      <ProblemNotice problem={problem} />
    </div>
  );
}
