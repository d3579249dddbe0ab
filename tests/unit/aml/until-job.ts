/**
 * Drives the runner until job `id` satisfies `done`, for tests on the real runner: a kick, then 50 ms
 * (10 s at most by default). Under `vi.useFakeTimers()` the 50 ms and the deadline are fake time,
 * advanced rather than waited for, so a job due in 3 s is stepped at once.
 */
import { vi } from 'vitest';
import type { JobRunner } from '@/lib/jobs/runner';
import type { JobRecord } from '@/lib/jobs/schema';
import { jobsItem, type JobsById, type ValidatedItem } from '@/lib/storage';

const POLL_MS = 50;

export async function untilJob(
  runner: JobRunner,
  id: string,
  done: (job: JobRecord) => boolean,
  { store = jobsItem, timeoutMs = 10_000 }: { store?: ValidatedItem<JobsById>; timeoutMs?: number } = {},
): Promise<JobRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await store.get())[id];
    if (job && done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} is still ${job?.state} (${job?.error?.code})`);
    await runner.kick();
    if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(POLL_MS);
    else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
