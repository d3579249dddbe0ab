/** How a rental's end reads in a notification: what was delegated to whom, the refund, or why it failed. */
import { i18n } from '#i18n';
import type { JobRecord } from '@/lib/jobs/schema';
import { historyEntryOf } from '@/lib/energy/rental-history';
import { formatAmountForDisplay, TRX } from '@/lib/tron/units';
import { formatCount, interfaceLocale } from '@/lib/locale';
import type { EndNotice } from '../jobs/notifications';

/** The end notification of a rental; none for one the person cancelled (they know, nothing was paid). */
export function describeRentalEnd(job: JobRecord): EndNotice | null {
  if (job.state === 'cancelled') return null;
  const rental = historyEntryOf(job);
  const reason = job.error?.message ?? i18n.t('energy.job.states.failed');
  if (job.state === 'delegated' && rental) {
    return {
      title: i18n.t('energy.job.states.delegated'),
      message: i18n.t('energy.job.delegated', [
        formatCount(rental.receipt?.energy ?? rental.energy),
        rental.receiver,
      ]),
    };
  }
  if (job.state === 'refund_queued') {
    const refund = rental?.refund;
    return {
      title: i18n.t('energy.job.states.refund_queued'),
      message: refund
        ? i18n.t('energy.job.refund', [
            formatAmountForDisplay(TRX, BigInt(refund.amountSun), { locale: interfaceLocale() }),
            refund.to,
          ])
        : reason,
      priority: 1,
    };
  }
  return { title: i18n.t('energy.job.states.failed'), message: reason, priority: 1 };
}
