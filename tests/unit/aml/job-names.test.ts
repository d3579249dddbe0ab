/**
 * The zod-free names the AML screens use (lib/aml/job-names.ts) say what the jobs themselves say, so
 * a screen finds its jobs and offers "Stop" exactly when the background would accept it.
 */
import { describe, expect, it } from 'vitest';
import { AML_CHECK_KIND, CREDIT_PURCHASE_KIND, isCancellableCheck } from '@/lib/aml/job-names';
import * as checkJob from '@/lib/aml/check-job';
import * as purchaseJob from '@/lib/aml/purchase-job';

describe('the AML job names the screens use', () => {
  it('are the kinds the background runs', () => {
    expect(AML_CHECK_KIND).toBe(checkJob.AML_CHECK_KIND);
    expect(CREDIT_PURCHASE_KIND).toBe(purchaseJob.CREDIT_PURCHASE_KIND);
  });

  it.each(checkJob.AML_CHECK_STATES)(
    'offer "Stop" for a check in state %s only when the job allows it',
    (state) => {
      expect(isCancellableCheck(state)).toBe(checkJob.isCancellableCheck(state));
    },
  );

  it('never offer "Stop" once a check may have been paid', () => {
    expect(['submitting', 'processing', 'completed'].filter(isCancellableCheck)).toEqual([]);
  });
});
