/**
 * Applies an outside change to a job and makes sure it is stepped now. The runner coalesces kicks,
 * and a kick asked for while another is already writing its next wake-up is folded into that one
 * (which may have read the jobs before this change): kicking once more after it settles closes that gap.
 */
import type { JobPatch, JobRunner } from '@/lib/jobs/runner';
import type { JobRecord } from '@/lib/jobs/schema';
import { rentalRollbackGuard } from './rollback-guard';

/** `runner.patch`, then a kick that is sure to see the patch. */
export async function patchAndRun<D>(runner: JobRunner, id: string, patch: JobPatch<D>): Promise<JobRecord> {
  const after = await runner.patch(id, patch);
  rentalRollbackGuard.track(after);
  void runner.kick().then(() => runner.kick());
  return after;
}
