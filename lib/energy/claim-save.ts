/**
 * How a step of the `nrg-claim` job writes: every patch through the runner (then `onSaved`), and wake-up
 * times that never overwrite a result which landed from outside while the step ran.
 */
import type { NrgClaimData } from './claim-data';
import type { JobPatch, StepContext } from '../jobs/runner';
import type { JobRecord } from '../jobs/schema';
import type { Claim, NrgClaimDeps } from './claim-deps';

export type ClaimSave = StepContext<NrgClaimData>['save'] & {
  /**
   * Writes a new wake-up time unless an outside result changed the job while this step ran (the
   * runner skips a job that is mid-step, so that result's "run now" must not be overwritten).
   */
  reschedule(nextRunAt: number, data?: Partial<NrgClaimData>): Promise<void>;
};

/** The writer of one step of `job`: saves through `context`, reads the stored job to reschedule. */
export function createClaimSave(
  job: Claim,
  context: StepContext<NrgClaimData>,
  deps: Pick<NrgClaimDeps, 'readJob' | 'onSaved'>,
): ClaimSave {
  let lastSeen: Pick<JobRecord, 'updatedAt' | 'state' | 'nextRunAt'> = job;
  const save = async (patch: JobPatch<NrgClaimData>) => {
    const saved = await context.save(patch);
    lastSeen = saved;
    await deps.onSaved?.(saved as unknown as JobRecord);
    return saved;
  };
  return Object.assign(save, {
    async reschedule(nextRunAt: number, data?: Partial<NrgClaimData>) {
      const stored = await deps.readJob(job.id);
      const untouched =
        stored !== undefined &&
        stored.updatedAt === lastSeen.updatedAt &&
        stored.state === lastSeen.state &&
        stored.nextRunAt === lastSeen.nextRunAt;
      if (untouched) await save({ nextRunAt, data });
      else if (data) await save({ data });
    },
  });
}
