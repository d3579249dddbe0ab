/**
 * 2aml calls answered for a page: the value, or the problem its error describes (never a thrown
 * error). The shape is the kernel's `Outcome` (lib/outcome.ts); what is AML's own is how a 2aml or
 * session error reads.
 */
import { settle, type Outcome } from '@/lib/outcome';
import { problemFromError } from './texts';
import { createLogger } from '@/lib/log';

const log = createLogger('aml');

// The 2aml account handlers (lib/twoaml) take both helpers from here.
export { refused } from '@/lib/outcome';

/** The value of `run`, or the problem its error describes. */
export function outcomeOf<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  return settle(run, (error) => {
    const problem = problemFromError(error);
    // A 2aml refusal or a session problem explains itself; anything else is a fault to look into.
    if (problem.code === 'unknown') log.warn('a 2aml call failed unexpectedly', error);
    return problem;
  });
}
