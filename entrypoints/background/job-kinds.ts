/**
 * Every durable job kind the background runs, each with how its end reads in a notification
 * (`notifications.ts`) and what a click on that notification opens.
 */
import type { JobKind } from '@/lib/jobs/runner';
import type { JobEndNotification } from './notifications';
import { nrgClaimJob } from './energy/job';
import { describeRentalEnd } from './energy/end-notice';
import { amlCheckJob, creditPurchaseJob } from './aml/jobs';
import { describeCheckEnd, describePurchaseEnd, openCheckOfJob } from './aml/notify';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const kinds: { job: JobKind<any>; end: JobEndNotification }[] = [
  { job: nrgClaimJob, end: { describeEnd: describeRentalEnd } },
  { job: amlCheckJob, end: { describeEnd: describeCheckEnd, openEnd: openCheckOfJob } },
  { job: creditPurchaseJob, end: { describeEnd: describePurchaseEnd } },
];

/** Every durable job kind the runner can step. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const jobKinds: JobKind<any>[] = kinds.map((k) => k.job);

/** How each kind words its end notification, by kind. */
export const jobEndNotifications: ReadonlyMap<string, JobEndNotification> = new Map(
  kinds.map((k) => [k.job.kind, k.end]),
);
