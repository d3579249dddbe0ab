/**
 * The gateway's payment history (page, status and asset filters), each payment's detail with its
 * `blockchain` block, and the unprocessed list with "Resend postback" and what came of it.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import { useOutcome } from '@/components/ui/use-outcome';
import type { Problem } from '@/lib/outcome';
import {
  PAYMENT_ASSET_CHOICES,
  PAYMENT_STATUS_CHOICES,
  type PaymentAssetChoice,
  type PaymentView,
  type PostbackView,
} from '@/lib/payments/views';
import { statusText, statusTone } from './PaymentCard';

const PAGE_SIZE = 10;
type StatusChoice = (typeof PAYMENT_STATUS_CHOICES)[number];

function ProblemLine({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  return (
    <p class="notice error" role="alert" data-problem={problem.code}>
      {problem.message}
    </p>
  );
}

/** One history filter: "All" or one of `choices`; choosing one goes back to the first page. */
function FilterSelect<C extends string>({
  label,
  value,
  choices,
  choiceText,
  onChoose,
}: {
  label: string;
  value: C | '';
  choices: readonly C[];
  choiceText: (choice: C) => string;
  onChoose: (choice: C | '') => void;
}) {
  return (
    <label class="payments-grow">
      {label}
      <select value={value} onChange={(e) => onChoose(e.currentTarget.value as C | '')}>
        <option value="">{i18n.t('payments.history.all')}</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choiceText(choice)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A payment's id and status pill, the first line of a history or unprocessed row. */
function RowHeading({ payment }: { payment: PaymentView }) {
  return (
    <div class="row spread payments-nowrap">
      <span class="mono payments-id">{payment.transactionId}</span>
      <span class={`pill ${statusTone(payment.status)}`}>{statusText(payment.status)}</span>
    </div>
  );
}

/** History and unprocessed payments; `refreshKey` changes when a watched payment ends. */
export function PaymentHistory({ refreshKey }: { refreshKey: string }) {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<StatusChoice | ''>('');
  const [asset, setAsset] = useState<PaymentAssetChoice | ''>('');
  const history = useOutcome(
    () =>
      sendMessage('payments.history', {
        page,
        limit: PAGE_SIZE,
        ...(status ? { status } : {}),
        ...(asset ? { asset } : {}),
      }),
    `${page}|${status}|${asset}|${refreshKey}`,
  );
  const value = history.value;
  const lastPage = value?.lastPage ?? null;

  return (
    <div class="stack" data-testid="payment-history">
      <section class="card stack">
        <div class="row payments-nowrap">
          <FilterSelect
            label={i18n.t('payments.history.status')}
            value={status}
            choices={PAYMENT_STATUS_CHOICES}
            choiceText={statusText}
            onChoose={(choice) => {
              setStatus(choice);
              setPage(1);
            }}
          />
          <FilterSelect
            label={i18n.t('payments.history.asset')}
            value={asset}
            choices={PAYMENT_ASSET_CHOICES}
            choiceText={(choice) => choice}
            onChoose={(choice) => {
              setAsset(choice);
              setPage(1);
            }}
          />
        </div>
        <ProblemLine problem={history.problem} />
        {value && value.payments.length === 0 && <p class="muted">{i18n.t('payments.history.empty')}</p>}
        {value && value.payments.length > 0 && (
          <ul class="plain stack">
            {value.payments.map((payment) => (
              <HistoryRow key={payment.transactionId} payment={payment} />
            ))}
          </ul>
        )}
        {value && (
          <div class="row spread">
            <button type="button" disabled={page <= 1 || history.loading} onClick={() => setPage(page - 1)}>
              {i18n.t('payments.history.previous')}
            </button>
            <span class="muted payments-small">
              {lastPage
                ? i18n.t('payments.history.page', [String(value.page), String(lastPage)])
                : i18n.t('payments.history.pageUnknown', [String(value.page)])}
            </span>
            <button
              type="button"
              disabled={
                history.loading || (lastPage !== null ? page >= lastPage : value.payments.length < PAGE_SIZE)
              }
              onClick={() => setPage(page + 1)}
            >
              {i18n.t('payments.history.next')}
            </button>
          </div>
        )}
      </section>
      <Unprocessed refreshKey={refreshKey} />
    </div>
  );
}

function HistoryRow({ payment }: { payment: PaymentView }) {
  const [open, setOpen] = useState(false);
  return (
    <li class="payments-row" data-testid="history-row" data-transaction-id={payment.transactionId}>
      <RowHeading payment={payment} />
      <div class="row spread payments-nowrap">
        <span class="payments-small">
          {payment.amountUsd} USD · {payment.amountCrypto} {payment.asset}
        </span>
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? i18n.t('payments.history.hide') : i18n.t('payments.history.detail')}
        </button>
      </div>
      {open && <PaymentDetail transactionId={payment.transactionId} />}
    </li>
  );
}

/** One payment read again with `GET /api/payment/{id}/status`, its chain block included. */
function PaymentDetail({ transactionId }: { transactionId: string }) {
  const detail = useOutcome(() => sendMessage('payments.detail', { transactionId }), transactionId);
  const payment = detail.value;
  if (detail.problem) return <ProblemLine problem={detail.problem} />;
  if (!payment) return <p class="muted">{i18n.t('common.loading')}</p>;
  const chain = payment.blockchain;
  const rows: [string, string][] = [
    [i18n.t('payments.history.created'), payment.createdAt ?? '—'],
    [i18n.t('payments.history.expires'), payment.expiresAt ?? '—'],
    [i18n.t('payments.history.address'), payment.walletAddress],
  ];
  if (payment.amountReceived) rows.push([i18n.t('payments.history.received'), payment.amountReceived]);
  if (chain) {
    rows.push(
      [i18n.t('payments.history.txid'), chain.txid],
      [i18n.t('payments.history.from'), chain.fromAddress],
      [i18n.t('payments.history.block'), chain.blockNumber === null ? '—' : String(chain.blockNumber)],
      [
        i18n.t('payments.history.blockTime'),
        chain.blockTimestamp === null ? '—' : new Date(chain.blockTimestamp).toISOString(),
      ],
    );
  }
  return (
    <dl class="payments-detail" data-testid="payment-detail">
      {rows.map(([term, text]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd class="mono">{text}</dd>
        </div>
      ))}
    </dl>
  );
}

function Unprocessed({ refreshKey }: { refreshKey: string }) {
  const list = useOutcome(() => sendMessage('payments.unprocessed', undefined), refreshKey);
  return (
    <section class="card stack" data-testid="payment-unprocessed">
      <div class="row spread">
        <h3>{i18n.t('payments.history.unprocessed')}</h3>
        <button type="button" disabled={list.loading} onClick={() => void list.reload()}>
          {i18n.t('payments.history.refresh')}
        </button>
      </div>
      <p class="muted payments-small">{i18n.t('payments.history.unprocessedHint')}</p>
      <ProblemLine problem={list.problem} />
      {list.value && list.value.length === 0 && (
        <p class="muted">{i18n.t('payments.history.unprocessedEmpty')}</p>
      )}
      {list.value && list.value.length > 0 && (
        <ul class="plain stack">
          {list.value.map((payment) => (
            <UnprocessedRow key={payment.transactionId} payment={payment} />
          ))}
        </ul>
      )}
    </section>
  );
}

function UnprocessedRow({ payment }: { payment: PaymentView }) {
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<PostbackView | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function resend() {
    setSending(true);
    setResult(null);
    setProblem(null);
    try {
      const outcome = await sendMessage('payments.resendPostback', { transactionId: payment.transactionId });
      if (outcome.ok) setResult(outcome.value);
      else setProblem(outcome.problem);
    } finally {
      setSending(false);
    }
  }

  return (
    <li class="payments-row" data-testid="unprocessed-row" data-transaction-id={payment.transactionId}>
      <RowHeading payment={payment} />
      <div class="row spread payments-nowrap">
        <span class="payments-small">
          {payment.amountCrypto} {payment.asset}
        </span>
        <button type="button" disabled={sending} onClick={() => void resend()}>
          {i18n.t('payments.postback.resend')}
        </button>
      </div>
      {result && (
        <p
          class={`notice ${result.sent ? 'ok' : 'error'} payments-small`}
          role="status"
          data-testid="postback-result"
        >
          {result.message}
        </p>
      )}
      <ProblemLine problem={problem} />
    </li>
  );
}
