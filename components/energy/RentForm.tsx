/**
 * The rental form: receiver, sizing, a live quote, then a confirmation with the exact TRX amount and
 * the `pay_to` address. Nothing is sent until the confirmation's button; the background prices the
 * rental again and refuses it if anything changed.
 */
import { i18n } from '#i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { QuoteRequestProblem } from '@/lib/energy/views';
import type { QuoteWire } from '@/lib/energy/quote';
import { quoteProblem } from '@/lib/energy/problems';
import { refused, type Outcome } from '@/lib/outcome';
import type { Sizing } from '@/lib/energy/sizing';
import { ConfirmRental } from './ConfirmRental';
import { QuoteSummary } from './QuoteSummary';
import { trxExact } from './format';

type SizingChoice = 'usdtTransfer' | 'usdtTransferToNewHolder' | 'custom' | 'transferTo';

const QUOTE_DEBOUNCE_MS = 300;

type QuoteAnswer = Outcome<QuoteWire, QuoteRequestProblem>;

/** The sizing the inputs describe, or null when the custom amount is not a whole number. */
function sizingOf(
  choice: SizingChoice,
  customEnergy: string,
  transferTo: string,
  transferAmount: string,
): Sizing | null {
  if (choice === 'custom') {
    const text = customEnergy.replace(/[\s,_]/g, '');
    if (!/^\d{1,12}$/.test(text)) return null;
    return { kind: 'custom', energy: Number(text) };
  }
  if (choice === 'transferTo') {
    const amount = transferAmount.trim();
    return { kind: 'transferTo', address: transferTo.trim(), ...(amount ? { amount } : {}) };
  }
  return { kind: 'preset', preset: choice };
}

export interface RentFormProps {
  account: string;
  /** Changes whenever the chain was read again (a rental finished, Refresh): the quote is redone. */
  chainVersion: number;
}

/** The rental form, or its confirmation once the person asked to rent. */
export function RentForm({ account, chainVersion }: RentFormProps) {
  const [receiver, setReceiver] = useState('');
  const [choice, setChoice] = useState<SizingChoice>('usdtTransfer');
  const [customEnergy, setCustomEnergy] = useState('65000');
  const [transferTo, setTransferTo] = useState('');
  const [transferAmount, setTransferAmount] = useState('');
  const [quote, setQuote] = useState<QuoteAnswer | null>(null);
  const [quoting, setQuoting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [rentProblem, setRentProblem] = useState<string | null>(null);
  const requestId = useRef(0);

  const sizing = sizingOf(choice, customEnergy, transferTo, transferAmount);
  const inputKey = JSON.stringify({ receiver: receiver.trim(), sizing, account, chainVersion });

  useEffect(() => {
    setRentProblem(null);
    // Every change of the inputs retires the quote asked for before: an answer still on its way
    // must never show a price for inputs the person has since changed.
    const id = ++requestId.current;
    if (!sizing) {
      setQuoting(false);
      setQuote(refused(quoteProblem('energy_invalid')));
      return;
    }
    if (sizing.kind === 'transferTo' && sizing.address === '') {
      setQuoting(false);
      setQuote(null);
      return;
    }
    setQuoting(true);
    const timer = setTimeout(async () => {
      try {
        const answer = await sendMessage('energy.quote', { receiver: receiver.trim(), sizing });
        if (id === requestId.current) setQuote(answer);
      } catch {
        if (id === requestId.current) setQuote(refused(quoteProblem('unavailable')));
      } finally {
        if (id === requestId.current) setQuoting(false);
      }
    }, QUOTE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [inputKey]);

  async function rent(confirmUndocumentedPayTo: boolean) {
    if (!quote?.ok || !sizing) return;
    setSubmitting(true);
    setRentProblem(null);
    let answer: Outcome<{ jobId: string }, QuoteRequestProblem>;
    try {
      answer = await sendMessage('energy.rent', {
        receiver: receiver.trim(),
        sizing,
        priceSun: quote.value.priceSun,
        payTo: quote.value.payTo,
        confirmUndocumentedPayTo,
      });
    } catch {
      answer = refused(quoteProblem('unavailable'));
    }
    setSubmitting(false);
    if (answer.ok) {
      // The rental's progress and history entry arrive with the app view.
      setConfirming(false);
    } else {
      setRentProblem(answer.problem.message);
      // A changed price or address sends the person back to look at the new quote.
      if (answer.problem.code === 'price_changed' || answer.problem.code === 'pay_to_changed')
        setConfirming(false);
    }
  }

  if (confirming && quote?.ok) {
    return (
      <ConfirmRental
        quote={quote.value}
        submitting={submitting}
        problem={rentProblem}
        onConfirm={(confirmUndocumented) => void rent(confirmUndocumented)}
        onBack={() => setConfirming(false)}
      />
    );
  }

  const sizingOptions: { id: SizingChoice; label: string }[] = [
    { id: 'usdtTransfer', label: i18n.t('energy.form.presetTransfer') },
    { id: 'usdtTransferToNewHolder', label: i18n.t('energy.form.presetNewHolder') },
    { id: 'custom', label: i18n.t('energy.form.custom') },
    { id: 'transferTo', label: i18n.t('energy.form.transferTo') },
  ];
  const problemFor = (field: 'receiver' | 'sizing' | 'general') => {
    if (!quote || quote.ok) return null;
    const receiverProblems = ['receiver_invalid', 'receiver_not_activated'];
    const sizingProblems = [
      'sizing_address_invalid',
      'sizing_amount_invalid',
      'energy_invalid',
      'energy_below_minimum',
      'energy_above_maximum',
    ];
    const fieldOf = receiverProblems.includes(quote.problem.code)
      ? 'receiver'
      : sizingProblems.includes(quote.problem.code)
        ? 'sizing'
        : 'general';
    return fieldOf === field ? quote.problem.message : null;
  };
  const receiverProblem = problemFor('receiver');
  const sizingProblem = problemFor('sizing');
  const generalProblem = problemFor('general');

  return (
    <form
      class="card stack energy-form"
      aria-labelledby="energy-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (quote?.ok && !quoting) setConfirming(true);
      }}
    >
      <h2 id="energy-form-heading">{i18n.t('energy.form.heading')}</h2>
      <label>
        {i18n.t('energy.form.receiver')}
        <input
          type="text"
          name="receiver"
          class="mono"
          spellcheck={false}
          autocomplete="off"
          placeholder={account}
          value={receiver}
          aria-invalid={receiverProblem ? true : undefined}
          aria-describedby="energy-receiver-hint"
          onInput={(event) => setReceiver(event.currentTarget.value)}
        />
        <span
          id="energy-receiver-hint"
          class={receiverProblem ? 'field-error' : 'muted'}
          role={receiverProblem ? 'alert' : undefined}
        >
          {receiverProblem ?? i18n.t('energy.form.receiverHint')}
        </span>
      </label>
      <fieldset class="stack energy-sizing">
        <legend>{i18n.t('energy.form.sizing')}</legend>
        {sizingOptions.map((option) => (
          <label class="inline" key={option.id}>
            <input
              type="radio"
              name="sizing"
              value={option.id}
              checked={choice === option.id}
              onChange={() => setChoice(option.id)}
            />
            {option.label}
          </label>
        ))}
        {choice === 'custom' && (
          <label>
            {i18n.t('energy.form.customEnergy')}
            <input
              type="text"
              inputMode="numeric"
              name="customEnergy"
              value={customEnergy}
              aria-invalid={sizingProblem ? true : undefined}
              onInput={(event) => setCustomEnergy(event.currentTarget.value)}
            />
          </label>
        )}
        {choice === 'transferTo' && (
          <label>
            {i18n.t('energy.form.transferToAddress')}
            <input
              type="text"
              name="transferTo"
              class="mono"
              spellcheck={false}
              autocomplete="off"
              value={transferTo}
              aria-invalid={sizingProblem ? true : undefined}
              onInput={(event) => setTransferTo(event.currentTarget.value)}
            />
          </label>
        )}
        {choice === 'transferTo' && (
          <label>
            {i18n.t('energy.form.transferAmount')}
            <input
              type="text"
              inputMode="decimal"
              name="transferAmount"
              autocomplete="off"
              value={transferAmount}
              onInput={(event) => setTransferAmount(event.currentTarget.value)}
            />
          </label>
        )}
        {sizingProblem && (
          <span class="field-error" role="alert">
            {sizingProblem}
          </span>
        )}
        {quote?.ok && quote.value.sizedExactly && (
          <span class="muted">{i18n.t('energy.form.sizedExact')}</span>
        )}
        {quote?.ok && quote.value.sizedPreset && (
          <span class="muted">
            {quote.value.sizedPreset === 'usdtTransfer'
              ? i18n.t('energy.form.sizedExisting')
              : i18n.t('energy.form.sizedNew')}
          </span>
        )}
      </fieldset>
      <div aria-live="polite" class="stack">
        {quoting && <p class="muted">{i18n.t('energy.form.quoting')}</p>}
        {!quoting && quote?.ok && <QuoteSummary quote={quote.value} />}
        {!quoting &&
          generalProblem &&
          (quote?.ok === false && quote.problem.code === 'receiver_has_enough' ? (
            // Good news, not a fault: the receiver can already send.
            <p class="notice ok" role="status" data-testid="energy-problem">
              {generalProblem}
            </p>
          ) : (
            <p class="notice error" role="alert" data-testid="energy-problem">
              {generalProblem}
            </p>
          ))}
        {rentProblem && (
          <p class="notice error" role="alert">
            {rentProblem}
          </p>
        )}
      </div>
      <button type="submit" class="primary" disabled={!quote?.ok || quoting}>
        {quote?.ok
          ? i18n.t('energy.quote.rent', [trxExact(quote.value.priceSun)])
          : i18n.t('energy.form.heading')}
      </button>
    </form>
  );
}
