/**
 * How a `payment-watch` job's end reads in a notification: the amount received, who paid and the
 * transaction (a click opens it on TronScan), or why the payment did not complete.
 */
import { i18n } from '#i18n';
import { ltrText } from '@/lib/locale';
import type { JobRecord } from '../jobs/schema';
import type { EndNotice } from '../jobs/notifications';
import { resolveEndpoints } from '../config/network';
import { settingsItem } from '../storage';
import { paymentWatchDataSchema } from './watch-job';

/** The TronScan page of a transaction, under the TronScan of the network in force. */
export function tronScanTransactionUrl(tronscan: string, txid: string): string {
  return `${tronscan.replace(/\/+$/, '')}/#/transaction/${encodeURIComponent(txid)}`;
}

/** The end notification of a watched payment. */
export function describePaymentEnd(job: JobRecord): EndNotice | null {
  const data = paymentWatchDataSchema.safeParse(job.data);
  if (!data.success) return null;
  const payment = data.data;
  if (job.state === 'completed') {
    const amount = `${payment.amountReceived ?? payment.amountCrypto} ${payment.asset}`;
    const payer = payment.blockchain?.fromAddress ?? i18n.t('payments.notify.unknownPayer');
    const txid = payment.blockchain?.txid;
    return {
      title: i18n.t('payments.notify.completedTitle', [ltrText(payment.transactionId)]),
      message: txid
        ? i18n.t('payments.notify.completedBody', [ltrText(amount), ltrText(payer), ltrText(txid)])
        : i18n.t('payments.notify.completedNoTx', [ltrText(amount), ltrText(payer)]),
      priority: 1,
    };
  }
  const ending = job.state === 'expired' ? 'expired' : 'failed';
  return {
    title: i18n.t(`payments.notify.${ending}Title`, [ltrText(payment.transactionId)]),
    message: job.error?.message ?? i18n.t(`payments.notify.${ending}Body`, [ltrText(payment.amountUsd)]),
  };
}

/** Opens the paying transaction on TronScan (a click on a completed payment's notification). */
export async function openPaymentEnd(job: JobRecord): Promise<void> {
  const data = paymentWatchDataSchema.safeParse(job.data);
  const txid = data.success ? data.data.blockchain?.txid : undefined;
  if (!txid) return;
  const { tronscan } = resolveEndpoints((await settingsItem.get()).network);
  await browser.tabs.create({ url: tronScanTransactionUrl(tronscan, txid), active: true });
}
