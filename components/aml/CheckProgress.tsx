/** A running or just-finished `aml-check` job: its step, why it waits, and a way to stop it when safe. */
import { i18n } from '#i18n';
import { sendMessage } from '@/lib/messaging';
import { isCancellableCheck } from '@/lib/aml/job-names';
import type { JobView } from '@/lib/app-view';
import { levelText, levelTone, shortAddress, tk } from './format';

const STEPS = ['submitting', 'processing', 'completed'] as const;

/** One `aml-check` job's state, outcome and actions. */
export function CheckProgress({ job, onOpen }: { job: JobView; onOpen?: (address: string) => void }) {
  const address = String(job.data.address ?? '');
  const result = job.data.result as { level: string; score: number; flagged: boolean } | null | undefined;
  const tone =
    job.state === 'completed' && result
      ? levelTone(result.level, result.flagged)
      : job.terminal
        ? 'danger'
        : 'warn';
  return (
    <div
      class="card stack"
      role="status"
      aria-live="polite"
      data-testid="aml-check-progress"
      data-job-id={job.id}
      data-job-state={job.state}
    >
      <div class="row spread">
        <strong class="mono" title={address}>
          {shortAddress(address)}
        </strong>
        <span class={`pill ${tone}`}>
          {job.state === 'completed' && result ? levelText(result.level) : tk(`aml.job.states.${job.state}`)}
        </span>
      </div>
      {!job.terminal && job.state !== 'waiting_sign_in' && (
        <progress
          max={STEPS.length}
          value={Math.max(0, STEPS.indexOf(job.state as (typeof STEPS)[number])) + 0.5}
          aria-label={tk(`aml.job.states.${job.state}`)}
        />
      )}
      {job.state === 'completed' && result && (
        <p>
          {i18n.t('aml.job.done', [levelText(result.level), String(result.score)])}
          {result.flagged && ` ${i18n.t('aml.result.flaggedYes')}`}
        </p>
      )}
      {job.error && <p class={job.terminal ? 'field-error' : 'muted'}>{job.error.message}</p>}
      <div class="row">
        {job.state === 'completed' && onOpen && (
          <button type="button" onClick={() => onOpen(address)}>
            {i18n.t('aml.result.open')}
          </button>
        )}
        {!job.terminal && isCancellableCheck(job.state) && (
          <button type="button" onClick={() => void sendMessage('aml.cancelJob', { id: job.id })}>
            {i18n.t('aml.job.cancel')}
          </button>
        )}
      </div>
    </div>
  );
}
