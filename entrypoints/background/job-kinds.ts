import type { JobKind } from '@/lib/jobs/runner';
import { nrgClaimJob } from './energy/job';
import { amlCheckJob, creditPurchaseJob } from './aml/jobs';

/** Every durable job kind the runner can step. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const jobKinds: JobKind<any>[] = [nrgClaimJob, amlCheckJob, creditPurchaseJob];
