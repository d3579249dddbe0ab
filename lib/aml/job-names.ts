/**
 * The AML jobs' kind names and which check states the person may stop, without the jobs' zod
 * schemas: UI pages need these words, not zod (the stored shapes are in lib/aml/check-job.ts and
 * lib/aml/purchase-job.ts; tests/unit/aml/job-names.test.ts keeps both in agreement).
 */

export const AML_CHECK_KIND = 'aml-check';
export const CREDIT_PURCHASE_KIND = 'credit-purchase';

/** Check states the person may stop from: nothing sent yet, or waiting for a sign-in. */
const CANCELLABLE_CHECK_STATES: readonly string[] = ['created', 'waiting_sign_in'];

/**
 * True when the user may stop a check: before anything was sent, or while it waits for a sign-in (a
 * check already sent then stays in 2aml's history, where it can be read after signing in).
 */
export function isCancellableCheck(state: string): boolean {
  return CANCELLABLE_CHECK_STATES.includes(state);
}
