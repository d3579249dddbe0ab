/** The Payments screens' part of the app view: the watched payments, newest first. */
import { useAppStore } from '@/components/app-store';
import type { JobView } from '@/lib/app-view';
import { PAYMENT_WATCH_KIND, type WatchedPaymentData } from '@/lib/payments/views';

/** A `payment-watch` job with its data as the background stored it. */
export interface WatchedPayment extends Omit<JobView, 'data'> {
  data: WatchedPaymentData;
}

/** Every watched payment of the app view, newest first. */
export function useWatchedPayments(): WatchedPayment[] {
  const jobs = useAppStore((state) => state.view?.jobs ?? []);
  return jobs
    .filter((job) => job.kind === PAYMENT_WATCH_KIND)
    .sort((a, b) => b.createdAt - a.createdAt) as unknown as WatchedPayment[];
}
