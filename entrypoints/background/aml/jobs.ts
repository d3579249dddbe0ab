/**
 * The `aml-check` and `credit-purchase` job kinds wired to the real session, 2aml client and badge
 * cache. They are listed in `job-kinds.ts` with their end notifications (`notify.ts`); a sign-in wakes
 * the jobs that waited for one.
 */
import { createAmlCheckKind } from '@/lib/jobs/aml-check';
import { recordCompletedCheck } from '@/lib/risk/results';
import { createCreditPurchaseKind } from '@/lib/jobs/credit-purchase';
import { rememberAddress } from '@/lib/risk/known-addresses';
import { signedInUserId, twoAmlApi } from './session';
import { checkErrorText, purchaseErrorText } from './texts';

export const amlCheckJob = createAmlCheckKind({
  api: async () => (await twoAmlApi()).aml,
  signedInUserId,
  async onCompleted(_job, result, address) {
    await recordCompletedCheck(result, address);
    await rememberAddress(address, 'check');
  },
  message: (code, detail) => checkErrorText(code, detail),
});

export const creditPurchaseJob = createCreditPurchaseKind({
  api: async () => (await twoAmlApi()).aml,
  signedInUserId,
  message: (code, detail) => purchaseErrorText(code, detail),
});
