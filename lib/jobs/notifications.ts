/**
 * One notification when a job reaches its end, worded by its kind: each feature says how its kinds
 * word their end (and what a click opens), and the background's kind list hands those wordings in
 * (`entrypoints/background/job-kinds.ts`). A kind without its own wording gets the generic
 * "done" / "failed" one.
 */
import { i18n } from '#i18n';
import type { JobRecord } from '@/lib/jobs/schema';
import { jobsItem } from '@/lib/storage';
import { createLogger } from '@/lib/log';

const ICON = '/icon/128.png';
const ID_PREFIX = 'job:';

const log = createLogger('jobs');

/** What an end notification says. */
export interface EndNotice {
  title: string;
  message: string;
  /** Chrome's priority: 2 keeps what needs attention (a flagged address) on screen longer. */
  priority?: 0 | 1 | 2;
}

/** How a kind ends in a notification. */
export interface JobEndNotification {
  /** The wording for a job that just ended, or null when its end is not worth one (the person cancelled). */
  describeEnd(job: JobRecord): EndNotice | null;
  /** What a click on the notification opens; without it a click does nothing. */
  openEnd?(job: JobRecord): Promise<void>;
}

/** The generic wording, for kinds that have none of their own. */
function genericEndNotice(job: JobRecord): EndNotice {
  return job.error
    ? { title: i18n.t('notify.jobFailedTitle'), message: job.error.message }
    : { title: i18n.t('notify.jobDoneTitle'), message: i18n.t('notify.jobDoneBody') };
}

/** The end notifications of the job kinds in `endings` (by kind). */
export function createJobNotifications(endings: ReadonlyMap<string, JobEndNotification>) {
  /** The end notice of `job`, or null when its kind raises none for this end. */
  function endNoticeOf(job: JobRecord): EndNotice | null {
    const ending = endings.get(job.kind);
    return ending ? ending.describeEnd(job) : genericEndNotice(job);
  }

  /** Raises the end notification when `after` is the transition that ended the job. */
  function notifyTransition(before: JobRecord | undefined, after: JobRecord): void {
    if (!after.terminal || before?.terminal) return;
    // Called inside the runner's write: a notification that cannot be worded or shown must never
    // fail the step that ended the job.
    try {
      const notice = noticeOrGeneric(after);
      if (!notice) return;
      void browser.notifications
        .create(`${ID_PREFIX}${after.id}`, {
          type: 'basic',
          iconUrl: browser.runtime.getURL(ICON),
          title: notice.title,
          message: notice.message,
          priority: notice.priority ?? 0,
        })
        // A notification the browser will not show changes nothing: the end is stored and listed.
        .catch(() => undefined);
    } catch {
      // No notification rather than a failed job.
    }
  }

  function noticeOrGeneric(job: JobRecord): EndNotice | null {
    try {
      return endNoticeOf(job);
    } catch (error) {
      // A kind that cannot word this job (unreadable data) still tells that it ended.
      log.warn(`${job.kind} could not word the end of job ${job.id}; the generic notice is shown`, error);
      return genericEndNotice(job);
    }
  }

  /**
   * Opens what a job's end notification points to when it is clicked. Registered once per worker start,
   * synchronously: a click on a notification is what may wake the worker.
   */
  function registerJobNotificationClicks(): void {
    browser.notifications.onClicked.addListener((notificationId) => {
      if (!notificationId.startsWith(ID_PREFIX)) return;
      void (async () => {
        const job = (await jobsItem.get())[notificationId.slice(ID_PREFIX.length)];
        const openEnd = job && endings.get(job.kind)?.openEnd;
        if (!openEnd) return;
        await openEnd(job);
        await browser.notifications.clear(notificationId);
      })().catch((error: unknown) => log.warn('a click on an end notification opened nothing', error));
    });
  }

  return { notifyTransition, registerJobNotificationClicks };
}
