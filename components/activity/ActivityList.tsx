/** The list of durable jobs: what is running and what finished, newest first. */
import { i18n } from '#i18n';
import type { JobView } from '@/lib/view';
import { sendMessage } from '@/lib/messaging';

export function ActivityList({ jobs }: { jobs: JobView[] }) {
  if (jobs.length === 0) return <p class="muted">{i18n.t('activity.empty')}</p>;
  return (
    <ul class="plain stack" aria-label={i18n.t('activity.title')}>
      {jobs.map((job) => (
        <li key={job.id} class="card row spread" data-job-id={job.id} data-job-state={job.state}>
          <div class="stack" style={{ gap: '2px' }}>
            <strong>{job.kind}</strong>
            <span class="muted">
              {job.state} · {new Date(job.updatedAt).toLocaleString()}
            </span>
            {job.error && <span class="field-error">{job.error.message}</span>}
          </div>
          {job.terminal && (
            <button type="button" onClick={() => void sendMessage('jobs.dismiss', { id: job.id })}>
              {i18n.t('common.dismiss')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
