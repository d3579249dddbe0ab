/** Runs a 2aml call for a page and answers with its value or a readable problem (never a thrown error). */
import type { AmlOutcome, AmlProblem } from '@/lib/aml/views';
import { problemFromError } from './texts';

/** The value of `run`, or the problem its error describes. */
export async function outcomeOf<T>(run: () => Promise<T>): Promise<AmlOutcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, problem: problemFromError(error) };
  }
}

/** A problem found before anything was sent. */
export function refused<T>(problem: AmlProblem): AmlOutcome<T> {
  return { ok: false, problem };
}
