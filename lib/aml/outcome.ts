/** Runs a 2aml call for a page and answers with its value or a readable problem (never a thrown error). */
import type { AmlOutcome, AmlProblem } from '@/lib/aml/views';
import { problemFromError } from './texts';
import { createLogger } from '@/lib/log';

const log = createLogger('aml');

/** The value of `run`, or the problem its error describes. */
export async function outcomeOf<T>(run: () => Promise<T>): Promise<AmlOutcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const problem = problemFromError(error);
    // A 2aml refusal or a session problem explains itself; anything else is a fault to look into.
    if (problem.code === 'unknown') log.warn('a 2aml call failed unexpectedly', error);
    return { ok: false, problem };
  }
}

/** A problem found before anything was sent. */
export function refused<T>(problem: AmlProblem): AmlOutcome<T> {
  return { ok: false, problem };
}
