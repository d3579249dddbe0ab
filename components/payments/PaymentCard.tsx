/**
 * One watched payment: what the customer must send and where (each with a copy button), the QR of
 * the address, the time left until it expires, and its live status as the background's watch last
 * heard it. Once it ends: what was received, from whom, and the transaction on TronScan.
 */
import { i18n } from '#i18n';
import { useAppStore } from '@/components/app-store';
import { sendMessage } from '@/lib/messaging';
import { QrCode } from '@/components/ui/QrCode';
import { CopyButton } from './CopyButton';
import { amountPrecisionNote } from './amount-note';
import { formatTimeLeft, useTimeLeft } from './countdown';
import type { WatchedPayment } from './use-payments';
import { isolateData, tLtr } from '@/components/ui/bidi';

// Keys built from statuses are data; the typed `t` is widened for them.
const tk = i18n.t as (key: string, substitutions?: string[]) => string;

/** The words of a status, or the gateway's own word for one it added later. */
export function statusText(status: string): string {
  return ['pending', 'completed', 'expired', 'failed'].includes(status)
    ? tk(`payments.status.${status}`)
    : status;
}

/** The pill tone of a status. */
export function statusTone(status: string): string {
  if (status === 'completed') return 'ok';
  if (status === 'pending') return 'warn';
  return 'danger';
}

export function PaymentCard({ job }: { job: WatchedPayment }) {
  const payment = job.data;
  const tronscan = useAppStore((state) => state.view?.energy.tronscan ?? null);
  const left = useTimeLeft(payment.expiresAt);
  const status = job.terminal ? job.state : payment.status;
  const pending = !job.terminal;
  const note = amountPrecisionNote(payment.amountCrypto, payment.asset);
  const chain = payment.blockchain;

  return (
    <article
      class="card stack payments-card"
      data-testid="payment-card"
      data-transaction-id={payment.transactionId}
      data-status={status}
    >
      <div class="row spread">
        <strong class="mono payments-id">{tLtr('payments.payment.title', [payment.transactionId])}</strong>
        <span class={`pill ${statusTone(status)}`} data-testid="payment-status" role="status">
          {statusText(status)}
        </span>
      </div>
      {pending && (
        <>
          {!payment.walletAddressVerified && (
            <p class="notice error" role="alert">
              {i18n.t('payments.payment.unverifiedAddress')}
            </p>
          )}
          <p class="payments-small">{i18n.t('payments.payment.send')}</p>
          <div class="row spread payments-value">
            <code class="mono payments-amount" data-testid="payment-amount">
              {payment.amountCrypto} {payment.asset}
            </code>
            <CopyButton text={payment.amountCrypto} label={`${payment.amountCrypto} ${payment.asset}`} />
          </div>
          {note && (
            <p class="notice warn payments-small" data-testid="payment-precision-note">
              {isolateData(note)}
            </p>
          )}
          <p class="payments-small">{i18n.t('payments.payment.to')}</p>
          <div class="payments-receive">
            {payment.walletAddressVerified && (
              // TronLink's and TokenPocket's scanners read a plain base58 address (what their own
              // Receive screens show); neither documents a `tron:` payment URI with an amount, so
              // the QR holds the address and the exact amount is copied or typed beside it.
              <QrCode
                text={payment.walletAddress}
                label={i18n.t('payments.payment.qr', [payment.walletAddress])}
                size={148}
              />
            )}
            <div class="stack payments-tight">
              <code class="mono" data-testid="payment-address">
                {payment.walletAddress}
              </code>
              <CopyButton text={payment.walletAddress} label={payment.walletAddress} />
              <span class="muted payments-small">{i18n.t('payments.payment.qrHint')}</span>
            </div>
          </div>
          <p class="payments-countdown" data-testid="payment-countdown">
            {left > 0
              ? i18n.t('payments.payment.timeLeft', [formatTimeLeft(left)])
              : i18n.t('payments.payment.expiredAt')}
          </p>
        </>
      )}
      {!pending && (
        <p class="payments-small">
          {payment.amountUsd} USD · {payment.amountCrypto} {payment.asset}
        </p>
      )}
      {status === 'completed' && chain && (
        <div class="stack payments-tight" data-testid="payment-received">
          <span>
            {tLtr('payments.payment.received', [
              `${payment.amountReceived ?? payment.amountCrypto} ${payment.asset}`,
            ])}
          </span>
          <code class="mono">{chain.fromAddress}</code>
          {tronscan && (
            <a
              href={`${tronscan.replace(/\/+$/, '')}/#/transaction/${encodeURIComponent(chain.txid)}`}
              target="_blank"
              rel="noreferrer"
              class="mono payments-small"
            >
              {i18n.t('payments.payment.viewTx')}
            </a>
          )}
        </div>
      )}
      {job.error && (
        <p class={`notice ${job.terminal ? 'error' : 'warn'} payments-small`} data-problem={job.error.code}>
          {job.error.message}
        </p>
      )}
      {job.terminal && (
        <div class="row">
          <button type="button" onClick={() => void sendMessage('jobs.dismiss', { id: job.id })}>
            {i18n.t('payments.payment.dismiss')}
          </button>
        </div>
      )}
    </article>
  );
}
