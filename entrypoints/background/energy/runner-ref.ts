/**
 * The job runner, for the parts of the energy feature that exist before it: the `nrg-claim` kind is
 * listed in `job-kinds.ts` before the runner is built, yet reports coming straight back from a tab
 * are applied through that runner. `bindEnergyRunner` closes the loop once per worker start.
 */
import type { JobRunner } from '@/lib/jobs/runner';

let boundRunner: JobRunner | undefined;

/** Gives the energy feature the runner (called while the background wires itself). */
export function bindEnergyRunner(jobRunner: JobRunner): void {
  boundRunner = jobRunner;
}

/** The bound runner; throws if used before the background bound it. */
export function energyRunner(): JobRunner {
  if (!boundRunner) throw new Error('the energy feature is used before the background bound its runner');
  return boundRunner;
}
