/**
 * The `aml-check` and `credit-purchase` job kinds wired to the real session, 2aml client and badge
 * cache. They are listed in `job-kinds.ts` with their end notifications (`end-notices.ts`); a sign-in wakes
 * the jobs that waited for one.
 */
import { createAmlCheckKind, type AmlCheckResult } from './check-job';
import { riskResultFrom } from './check-views';
import { recordRiskResult } from '@/lib/risk/paid-results';
import { createCreditPurchaseKind } from './purchase-job';
import { rememberAddress } from '@/lib/risk/known-addresses';
import { signedInOrigin, signedInUserId, twoAmlApi } from '../twoaml/background-session';
import { checkErrorText, purchaseErrorText } from './texts';
import { paidJobLock } from './job-lock';
import { jobsItem } from '@/lib/storage';

/** A job as stored now (a cancel may have ended it since the runner read it). */
async function storedState(id: string) {
  return (await jobsItem.get())[id];
}

export const amlCheckJob = createAmlCheckKind({
  api: async () => (await twoAmlApi()).aml,
  signedInUserId,
  signedInOrigin,
  storedState,
  lock: paidJobLock,
  async onCompleted(_job, result, address) {
    await recordCompletedCheck(result, address);
    await rememberAddress(address, 'check');
  },
  message: (code, detail) => checkErrorText(code, detail),
});

export const creditPurchaseJob = createCreditPurchaseKind({
  api: async () => (await twoAmlApi()).aml,
  signedInUserId,
  signedInOrigin,
  storedState,
  lock: paidJobLock,
  message: (code, detail) => purchaseErrorText(code, detail),
});

/** Puts a completed check in the badge cache (idempotent: the same check recorded twice is one entry). */
export async function recordCompletedCheck(result: AmlCheckResult, address: string): Promise<void> {
  const recorded = riskResultFrom(
    {
      checkId: result.checkId,
      targetWallet: address,
      amlScore: result.score,
      riskLevel: result.level,
      isFlagged: result.flagged,
      checkedAt: result.checkedAt,
    },
    result.tags,
    new Date().toISOString(),
  );
  // Badges in every tab update from the cache write (the risk feature watches it).
  if (recorded) await recordRiskResult(recorded);
}
