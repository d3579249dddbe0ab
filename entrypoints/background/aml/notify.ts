/**
 * AML notifications: the result of a completed check (it replaces the generic "done" notification of
 * the same job id, which the job runner raises first), and a right-click that named no address.
 * Clicking a check's notification opens its check page.
 */
import { jobsItem } from '@/lib/storage';
import { AML_CHECK_KIND } from '@/lib/jobs/aml-check';
import { checkPageUrl } from '../risk/windows';
import { checkDoneText, menuProblemTitle } from './texts';

const ICON = '/icon/128.png';

/** Shows the outcome of a completed check. */
export function notifyCheckDone(
  jobId: string,
  address: string,
  result: { level: string; score: number; flagged: boolean },
): void {
  const text = checkDoneText(result, address);
  // Same id as the runner's notification for this job, so the user sees one, with the result.
  void browser.notifications.create(`job:${jobId}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL(ICON),
    title: text.title,
    message: text.message,
    priority: result.flagged ? 2 : 0,
  });
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

/** Opens the check page when a check's notification is clicked (registered once per worker start). */
export function registerNotificationClicks(): void {
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith('job:')) return;
    void (async () => {
      const job = (await jobsItem.get())[id.slice('job:'.length)];
      if (job?.kind !== AML_CHECK_KIND || typeof job.data.address !== 'string') return;
      await browser.tabs.create({ url: checkPageUrl(job.data.address, false), active: true });
      void browser.notifications.clear(id);
    })();
  });
}
