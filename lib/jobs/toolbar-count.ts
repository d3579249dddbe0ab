/** The toolbar badge shows how many jobs are still running. */
import { jobsItem } from '@/lib/storage';

export async function refreshBadge(): Promise<void> {
  const pending = Object.values(await jobsItem.get()).filter((j) => !j.terminal).length;
  await browser.action.setBadgeText({ text: pending > 0 ? String(pending) : '' });
  if (pending > 0) await browser.action.setBadgeBackgroundColor({ color: '#b45309' });
}
