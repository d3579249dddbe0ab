/**
 * The create form: a generated transaction id (editable), the asset, the USD amount checked as cents
 * while typing (nothing is sent while it is wrong), and an optional https postback URL (loopback http
 * only for a gateway on this machine, as lib/payments/amounts.ts says). The gateway's
 * own VALIDATION_ERROR details land under the field they name.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { useAppStore } from '@/components/app-store';
import { sendMessage } from '@/lib/messaging';
import type { Problem } from '@/lib/outcome';
import {
  checkPostbackUrl,
  MAX_TRANSACTION_ID,
  newTransactionId,
  parseAmountUsd,
} from '@/lib/payments/amounts';
import {
  fieldProblems,
  PAYMENT_ASSET_CHOICES,
  type PaymentAssetChoice,
  type PaymentField,
} from '@/lib/payments/views';
import { isolateData } from '@/components/ui/bidi';

// Keys built from problem codes are data; the typed `t` is widened for them.
const tk = i18n.t as (key: string, substitutions?: string[]) => string;

export function CreatePayment() {
  const [transactionId, setTransactionId] = useState(() => newTransactionId());
  const [asset, setAsset] = useState<PaymentAssetChoice>('USDT');
  const [amountUsd, setAmountUsd] = useState('');
  const [postbackUrl, setPostbackUrl] = useState('');
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const amount = parseAmountUsd(amountUsd);
  const gatewayBaseUrl = useAppStore((state) => state.view?.payments.baseUrl ?? null);
  const postback = checkPostbackUrl(postbackUrl, gatewayBaseUrl);
  const id = transactionId.trim();
  const local: Partial<Record<PaymentField, string>> = {
    ...(id === '' || id.length > MAX_TRANSACTION_ID ? { transactionId: tk('payments.input.id_length') } : {}),
    ...(!amount.ok && (touched || amountUsd !== '')
      ? { amountUsd: tk(`payments.input.amount_${amount.problem}`) }
      : {}),
    ...(!postback.ok ? { postbackUrl: tk(`payments.input.postback_${postback.problem}`) } : {}),
  };
  const errors = { ...fieldProblems(problem), ...local };
  const valid = id !== '' && id.length <= MAX_TRANSACTION_ID && amount.ok && postback.ok;
  // Our own field checks speak under their field only; the gateway's refusals are also said once above.
  const otherProblem = problem && problem.code !== 'invalid_input' ? problem : null;

  async function submit(event: Event) {
    event.preventDefault();
    setTouched(true);
    if (!valid || sending) return;
    setSending(true);
    setProblem(null);
    try {
      const outcome = await sendMessage('payments.create', {
        transactionId: id,
        asset,
        amountUsd: amountUsd.trim(),
        ...(postback.ok && postback.url ? { postbackUrl: postback.url } : {}),
      });
      if (outcome.ok) {
        setTransactionId(newTransactionId());
        setAmountUsd('');
        setTouched(false);
      } else {
        setProblem(outcome.problem);
      }
    } catch {
      setProblem({ code: 'unknown', message: tk('payments.errors.unknown'), retry: 'now' });
    } finally {
      setSending(false);
    }
  }

  const field = (name: PaymentField) =>
    errors[name] ? (
      <span id={`payment-${name}-problem`} class="field-error" data-field-problem={name}>
        {errors[name]}
      </span>
    ) : null;

  return (
    <form class="card stack" onSubmit={(e) => void submit(e)} noValidate data-testid="payment-create">
      <label>
        {i18n.t('payments.create.transactionId')}
        <div class="row payments-nowrap">
          <input
            class="mono"
            name="transactionId"
            maxLength={MAX_TRANSACTION_ID + 20}
            spellcheck={false}
            autocomplete="off"
            value={transactionId}
            aria-invalid={errors.transactionId ? true : undefined}
            aria-describedby={errors.transactionId ? 'payment-transactionId-problem' : undefined}
            onInput={(e) => {
              setTransactionId(e.currentTarget.value);
              setProblem(null);
            }}
          />
          <button type="button" onClick={() => setTransactionId(newTransactionId())}>
            {i18n.t('payments.create.newId')}
          </button>
        </div>
        {field('transactionId')}
      </label>
      <div class="row payments-nowrap">
        <label class="payments-asset">
          {i18n.t('payments.create.asset')}
          <select
            name="asset"
            value={asset}
            onChange={(e) => setAsset(e.currentTarget.value as PaymentAssetChoice)}
          >
            {PAYMENT_ASSET_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
          {field('asset')}
        </label>
        <label class="payments-grow">
          {i18n.t('payments.create.amountUsd')}
          <input
            name="amountUsd"
            inputMode="decimal"
            autocomplete="off"
            placeholder="100.50"
            value={amountUsd}
            aria-invalid={errors.amountUsd ? true : undefined}
            aria-describedby={errors.amountUsd ? 'payment-amountUsd-problem' : 'payment-amount-hint'}
            onInput={(e) => {
              setAmountUsd(e.currentTarget.value);
              setProblem(null);
            }}
          />
        </label>
      </div>
      {field('amountUsd') ?? (
        <span id="payment-amount-hint" class="muted payments-small">
          {isolateData(i18n.t('payments.create.amountHint'))}
        </span>
      )}
      <label>
        {i18n.t('payments.create.postbackUrl')}
        <input
          name="postbackUrl"
          type="url"
          inputMode="url"
          class="mono"
          spellcheck={false}
          autocomplete="off"
          placeholder="https://shop.example/callback"
          value={postbackUrl}
          aria-invalid={errors.postbackUrl ? true : undefined}
          aria-describedby={errors.postbackUrl ? 'payment-postbackUrl-problem' : undefined}
          onInput={(e) => {
            setPostbackUrl(e.currentTarget.value);
            setProblem(null);
          }}
        />
        {field('postbackUrl')}
      </label>
      <button type="submit" class="primary" disabled={sending || (touched && !valid)}>
        {sending ? i18n.t('payments.create.creating') : i18n.t('payments.create.submit')}
      </button>
      {otherProblem && (
        <p class="notice error" role="alert" data-problem={otherProblem.code}>
          {otherProblem.message}
        </p>
      )}
    </form>
  );
}
