/** The list of durable jobs: what is running and what finished, newest first, in words. */
import { i18n } from '#i18n';
import type { JobView } from '@/lib/app-view';
import { sendMessage } from '@/lib/messaging';
import { formatMoment } from '@/lib/locale';
import { AML_CHECK_KIND } from '@/lib/aml/job-names';
import { openCheckPage } from '../aml/open-check-page';
import { describeJob } from './describe-job';

export function ActivityList({ jobs }: { jobs: JobView[] }) {
  if (jobs.length === 0) return <p class="muted">{i18n.t('activity.empty')}</p>;
  const newestFirst = [...jobs].sort((a, b) => b.updatedAt - a.updatedAt);
  const pending = newestFirst.filter((job) => !job.terminal);
  const finished = newestFirst.filter((job) => job.terminal);
  return (
    <div class="stack">
      {pending.length > 0 && (
        <JobGroup id="activity-pending" title={i18n.t('activity.pending')} jobs={pending} />
      )}
      {finished.length > 0 && (
        <JobGroup id="activity-finished" title={i18n.t('activity.finished')} jobs={finished} />
      )}
    </div>
  );
}

function JobGroup({ id, title, jobs }: { id: string; title: string; jobs: JobView[] }) {
  return (
    <section class="stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul class="plain stack">
        {jobs.map((job) => (
          <JobItem key={job.id} job={job} />
        ))}
      </ul>
    </section>
  );
}

function JobItem({ job }: { job: JobView }) {
  const words = describeJob(job);
  const address = typeof job.data.address === 'string' ? job.data.address : null;
  const canOpen = job.kind === AML_CHECK_KIND && job.state === 'completed' && address !== null;
  return (
    <li class="card stack" style={{ gap: '4px' }} data-job-id={job.id} data-job-state={job.state}>
      <div class="row spread">
        <strong>{words.title}</strong>
        <span class={job.terminal ? 'muted' : undefined}>{words.state}</span>
      </div>
      {words.detail && <span>{words.detail}</span>}
      <time class="muted" dateTime={new Date(job.updatedAt).toISOString()}>
        {formatMoment(job.updatedAt)}
      </time>
      {job.error && <span class="field-error">{job.error.message}</span>}
      {(canOpen || job.terminal) && (
        <div class="row">
          {canOpen && (
            <button type="button" onClick={() => openCheckPage(address)}>
              {i18n.t('aml.result.open')}
            </button>
          )}
          {job.terminal && (
            <button type="button" onClick={() => void sendMessage('jobs.dismiss', { id: job.id })}>
              {i18n.t('common.dismiss')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
