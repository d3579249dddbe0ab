/**
 * The one answer shape of every service call a page asks the background for: a value, or a problem
 * the page shows. Handlers of every feature return it; pages load it with `useOutcome`
 * (components/ui/use-outcome.ts). A failure is a value here, never a thrown error: what crosses the
 * message boundary is always something the person can read.
 */
import type { RetryAdvice } from './api/error-catalog';

/** An error a page shows: the stable code to branch on, a readable message, and whether to try again. */
export interface Problem<Code extends string = string> {
  code: Code;
  message: string;
  /** Whether trying again can help (`now`, `later`) or not (`never`); see lib/api/error-catalog.ts. */
  retry: RetryAdvice;
}

/** A value, or the problem that stood in its way. `Code` narrows the problem codes a caller branches on. */
export type Outcome<T, Code extends string = string> =
  { ok: true; value: T } | { ok: false; problem: Problem<Code> };

/** The outcome of a call that went through. */
export function succeeded<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** The outcome of a call that did not (or was never sent). */
export function refused<Code extends string>(problem: Problem<Code>): { ok: false; problem: Problem<Code> } {
  return { ok: false, problem };
}

/** The value of `run`, or the problem `problemOf` makes of what it threw. */
export async function settle<T>(
  run: () => Promise<T>,
  problemOf: (error: unknown) => Problem,
): Promise<Outcome<T>> {
  try {
    return succeeded(await run());
  } catch (error) {
    return refused(problemOf(error));
  }
}
