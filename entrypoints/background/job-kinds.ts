/**
 * Every durable job kind the background runs, each with how its end reads in a notification
 * (`notifications.ts`) and what a click on that notification opens.
 */
import type { JobKind } from '@/lib/jobs/runner';
import { createJobNotifications, type JobEndNotification } from '@/lib/jobs/notifications';
import { nrgClaimJob } from '@/lib/energy/rental-job';
import { describeRentalEnd } from '@/lib/energy/rentals';
import { describeZapOrderEnd, zapOrderJob } from '@/lib/energy/zap-orders';
import { describeTopupEnd, walletTopupJob } from '@/lib/energy/twoaml-energy-handlers';
import { describeEnergyOrderEnd, energyOrderJob } from '@/lib/energy/offer-handlers';
import { amlCheckJob, creditPurchaseJob } from '@/lib/aml/job-kinds';
import { describeCheckEnd, describePurchaseEnd, openCheckOfJob } from '@/lib/aml/end-notices';
import { paymentWatchJob } from '@/lib/payments/job-kind';
import { describePaymentEnd, openPaymentEnd } from '@/lib/payments/end-notice';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const kinds: { job: JobKind<any>; end: JobEndNotification }[] = [
  { job: nrgClaimJob, end: { describeEnd: describeRentalEnd } },
  { job: zapOrderJob, end: { describeEnd: describeZapOrderEnd } },
  { job: walletTopupJob, end: { describeEnd: describeTopupEnd } },
  { job: energyOrderJob, end: { describeEnd: describeEnergyOrderEnd } },
  { job: amlCheckJob, end: { describeEnd: describeCheckEnd, openEnd: openCheckOfJob } },
  { job: creditPurchaseJob, end: { describeEnd: describePurchaseEnd } },
  { job: paymentWatchJob, end: { describeEnd: describePaymentEnd, openEnd: openPaymentEnd } },
];

/** Every durable job kind the runner can step. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const jobKinds: JobKind<any>[] = kinds.map((k) => k.job);

/** How each kind words its end notification, by kind. */
export const jobEndNotifications: ReadonlyMap<string, JobEndNotification> = new Map(
  kinds.map((k) => [k.job.kind, k.end]),
);

/** The end notifications of these kinds, and the registration of their clicks. */
export const { notifyTransition, registerJobNotificationClicks } =
  createJobNotifications(jobEndNotifications);
