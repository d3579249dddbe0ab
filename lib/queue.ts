/**
 * A promise queue: async work that must not overlap (a read-modify-write of one stored item, reports
 * applied to a job) runs one task at a time, in the order it was handed in.
 */

/** Runs `work` once every task handed in before it has settled; resolves or rejects as `work` does. */
export type SerialQueue = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Creates an empty queue. A task that fails rejects only its own caller: the next one still runs,
 * so one bad write or report never blocks those after it.
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(() => work());
    tail = run.catch(() => undefined);
    return run;
  };
}
