/**
 * AML notifications: how an `aml-check` or `credit-purchase` job's end reads (registered in
 * `job-kinds.ts`), what a click on a check's notification opens (its check page), and a right-click
 * that named no address.
 */
import { i18n } from '#i18n';
import { ltrText } from '@/lib/locale';
import type { JobRecord } from '@/lib/jobs/schema';
import { amlCheckDataSchema } from '@/lib/aml/check-job';
import { creditPurchaseDataSchema } from '@/lib/aml/purchase-job';
import { checkPageUrl } from '../risk/windows';
import type { EndNotice } from '../jobs/notifications';
import { checkDoneText, menuProblemTitle } from './texts';

const ICON = '/icon/128.png';

/** The end notification of a check: its level and score, or why it did not complete; none when stopped. */
export function describeCheckEnd(job: JobRecord): EndNotice | null {
  if (job.state === 'cancelled') return null;
  const data = amlCheckDataSchema.safeParse(job.data);
  const result = data.success ? data.data.result : null;
  if (job.state === 'completed' && data.success && result) {
    return { ...checkDoneText(result, data.data.address), priority: result.flagged ? 2 : 0 };
  }
  const ending = job.state === 'expired' ? 'expired' : 'failed';
  return {
    title: i18n.t('aml.notify.doneTitle', [i18n.t(`aml.job.states.${ending}`)]),
    message: job.error?.message ?? i18n.t('aml.job.errors.check_failed'),
  };
}

/** The end notification of a credit purchase: the credits added, or why it failed; none when stopped. */
export function describePurchaseEnd(job: JobRecord): EndNotice | null {
  if (job.state === 'cancelled') return null;
  const data = creditPurchaseDataSchema.safeParse(job.data);
  const result = data.success ? data.data.result : null;
  if (job.state === 'completed' && result) {
    return {
      title: i18n.t('aml.purchaseJob.completed'),
      message: i18n.t('aml.credits.bought', [
        ltrText(String(result.purchasedCredits)),
        ltrText(String(result.creditsBalance)),
      ]),
    };
  }
  return {
    title: i18n.t('aml.purchaseJob.failed'),
    message: job.error?.message ?? i18n.t('aml.purchaseJob.failed'),
  };
}

/** Opens the check page of a check job (a click on its notification). */
export async function openCheckOfJob(job: JobRecord): Promise<void> {
  const data = amlCheckDataSchema.safeParse(job.data);
  if (!data.success) return;
  await browser.tabs.create({ url: checkPageUrl(data.data.address, false), active: true });
}

/** Tells the user a right-click held no address to check. */
export async function notifyMenuProblem(message: string): Promise<void> {
  await browser.notifications.create(`aml-menu:${Date.now()}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL(ICON),
    title: menuProblemTitle(),
    message,
  });
}
