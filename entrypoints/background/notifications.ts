/** One notification when a job reaches its end, worded by its kind. */
import { i18n } from '#i18n';
import type { JobRecord } from '@/lib/jobs/schema';

export function notifyTransition(before: JobRecord | undefined, after: JobRecord): void {
  if (!after.terminal || before?.terminal) return;
  const failed = after.error !== null;
  void browser.notifications.create(`job:${after.id}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: failed ? i18n.t('notify.jobFailedTitle') : i18n.t('notify.jobDoneTitle'),
    message: failed ? after.error!.message : i18n.t('notify.jobDoneBody'),
  });
}
