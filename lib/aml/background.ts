/**
 * The background side of the 2aml account and AML checks: the session, the account, wallet, credit
 * and check messages, the `aml-check` and `credit-purchase` jobs, the right-click menu, report
 * downloads.
 *
 * `createAmlHandlers` registers listeners synchronously, so it must be called once per worker start
 * while the background wires itself (as `defineBackground` does).
 */
import type { Handlers } from '@/lib/messaging';
import type { JobRunner } from '@/lib/jobs/runner';
import { jobsItem } from '@/lib/storage';
import { AML_CHECK_KIND } from '@/lib/aml/check-job';
import { CREDIT_PURCHASE_KIND } from '@/lib/aml/purchase-job';
import { createAccountHandlers } from '../twoaml/account-handlers';
import { createWalletHandlers } from './wallet-handlers';
import { createCheckHandlers } from './check-handlers';
import { registerContextMenu } from './context-menu';
import { onSessionChange, twoAmlSession, watchPrivacySettings } from '../twoaml/background-session';

/** The AML messages' handlers; also registers the menu and the session wiring. */
export function createAmlHandlers({ runner }: { runner: JobRunner }): Handlers {
  registerContextMenu();
  watchPrivacySettings();
  // A sign-in wakes the paid jobs that waited for one; each checks it is its own account.
  onSessionChange((session) => {
    if (session) void resumeWaitingJobs(runner);
  });
  void twoAmlSession.ready();

  return {
    ...createAccountHandlers(),
    ...createWalletHandlers({ runner }),
    ...createCheckHandlers({ runner }),
  };
}

async function resumeWaitingJobs(runner: JobRunner): Promise<void> {
  const waiting = Object.values(await jobsItem.get()).filter(
    (job) =>
      !job.terminal &&
      job.state === 'waiting_sign_in' &&
      (job.kind === AML_CHECK_KIND || job.kind === CREDIT_PURCHASE_KIND),
  );
  for (const job of waiting) await runner.patch(job.id, { nextRunAt: Date.now() });
}
