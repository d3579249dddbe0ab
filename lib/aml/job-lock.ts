/**
 * One step or one cancel of a paid job at a time, in this worker. A cancel that arrives while a step
 * is sending the paid call waits for that step to store its outcome, then decides on the state the
 * step left (a check that was sent is no longer cancellable); a step that starts while a cancel is
 * pending does nothing, so a job is never sent after the person stopped it.
 */
import { createSerialQueue, type SerialQueue } from '../queue';

/** Creates the lock shared by the paid AML kinds and their cancel handler. */
export function createJobLock() {
  const queues = new Map<string, SerialQueue>();
  const cancelling = new Set<string>();
  const queueOf = (id: string) => {
    let queue = queues.get(id);
    if (!queue) queues.set(id, (queue = createSerialQueue()));
    return queue;
  };

  return {
    /** Runs a step of job `id` alone; skips it (undefined) while a cancel of that job is pending. */
    async step<T>(id: string, work: () => Promise<T>): Promise<T | undefined> {
      if (cancelling.has(id)) return undefined;
      return queueOf(id)(async () => (cancelling.has(id) ? undefined : work()));
    },
    /** Runs a cancel of job `id` once the step in flight (if any) has stored its outcome. */
    async cancel<T>(id: string, work: () => Promise<T>): Promise<T> {
      cancelling.add(id);
      try {
        return await queueOf(id)(work);
      } finally {
        cancelling.delete(id);
      }
    },
  };
}

export type JobLock = ReturnType<typeof createJobLock>;

/** The worker's one lock for `aml-check` and `credit-purchase` jobs. */
export const paidJobLock: JobLock = createJobLock();
