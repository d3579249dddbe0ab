/** Drives the runner until job `id` satisfies `done` (10 s at most), for tests on the real runner. */
import type { JobRunner } from '@/lib/jobs/runner';
import type { JobRecord } from '@/lib/jobs/schema';
import { jobsItem } from '@/lib/storage';

export async function untilJob(
  runner: JobRunner,
  id: string,
  done: (job: JobRecord) => boolean,
): Promise<JobRecord> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const job = (await jobsItem.get())[id];
    if (job && done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} is still ${job?.state}`);
    await runner.kick();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
