/**
 * The rental form: receiver, sizing and period, then every source's offer side by side, cheapest
 * usable first, and one Rent button naming the chosen source and price. TronNRG goes on to the
 * confirmation (exact TRX amount and `pay_to`); 2aml and TronZap orders start in the background,
 * which prices them again and refuses a changed price. Nothing is bought before the button.
 */
import { i18n } from '#i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { QuoteRequestProblem } from '@/lib/energy/views';
import type { QuoteWire, Sizing } from '@/lib/energy/quote';
import { quoteProblem } from '@/lib/energy/texts';
import { refused, type Outcome } from '@/lib/outcome';
import {
  offerFromWire,
  OFFER_PERIODS,
  OFFER_SOURCES,
  rankOffers,
  type Offer,
  type OfferBlocker,
  type OfferPeriod,
  type OfferSource,
  type OfferWire,
} from '@/lib/energy/offers';
import { gatherOffers, type OfferAnswerOf } from '@/lib/energy/offer-gather';
import { ConfirmRental } from './ConfirmRental';
import { QuoteSummary } from './QuoteSummary';
import { OfferList, type OfferRowData } from './OfferList';
import { trxExact } from './format';
import { isolateData, tLtr } from '@/components/ui/bidi';

type SizingChoice = 'usdtTransfer' | 'usdtTransferToNewHolder' | 'custom' | 'transferTo';

const QUOTE_DEBOUNCE_MS = 300;

/** TronNRG's refusals that are about the amount typed. */
export const SIZE_BOUNDS = ['energy_below_minimum', 'energy_above_maximum'];

type QuoteAnswer = Outcome<QuoteWire, QuoteRequestProblem>;
type OfferAnswer = OfferAnswerOf<QuoteRequestProblem>;

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

/** Shows the 2aml energy wallet panel when the Energy tab has one, else the AML tab (2aml sign-in). */
function showTwoAml(panel: boolean) {
  const wallet = panel ? document.getElementById('twoaml-energy-wallet') : null;
  if (wallet) {
    wallet.scrollIntoView({ block: 'start' });
    if (wallet instanceof HTMLDetailsElement) wallet.open = true;
    return;
  }
  const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
  tabs.find((tab) => tab.textContent?.trim() === i18n.t('aml.title'))?.click();
}

/** Opens the options page at its TronZap section. */
function openTronZapSetup() {
  void browser.tabs.create({ url: browser.runtime.getURL('/options.html#tronzap') });
}

export interface RentFormProps {
  account: string;
  /** Changes whenever the chain was read again (a rental finished, Refresh): the quote is redone. */
  chainVersion: number;
}

/** The rental form, or its confirmation once the person asked to rent from TronNRG. */
export function RentForm({ account, chainVersion }: RentFormProps) {
  const [receiver, setReceiver] = useState('');
  const [choice, setChoice] = useState<SizingChoice>('usdtTransfer');
  const [customEnergy, setCustomEnergy] = useState('65000');
  const [transferTo, setTransferTo] = useState('');
  const [transferAmount, setTransferAmount] = useState('');
  const [period, setPeriod] = useState<OfferPeriod>('1H');
  const [answers, setAnswers] = useState<Partial<Record<OfferSource, OfferAnswer>>>({});
  const [asking, setAsking] = useState(false);
  const [inputProblem, setInputProblem] = useState<QuoteAnswer | null>(null);
  const [picked, setPicked] = useState<OfferSource | null>(null);
  const [quote, setQuote] = useState<QuoteWire | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [rentProblem, setRentProblem] = useState<string | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  const requestId = useRef(0);
  const asked = useRef(false);

  const sizing = sizingOf(choice, customEnergy, transferTo, transferAmount);
  const inputKey = JSON.stringify({
    receiver: receiver.trim(),
    sizing,
    period,
    account,
    chainVersion,
    refresh,
  });

  useEffect(() => {
    setRentProblem(null);
    setStarted(null);
    // Every change of the inputs retires the offers asked for before: an answer still on its way
    // must never show a price for inputs the person has since changed.
    const id = ++requestId.current;
    setAnswers({});
    setInputProblem(null);
    if (!sizing) {
      setAsking(false);
      setInputProblem(refused(quoteProblem('energy_invalid')));
      return;
    }
    if (sizing.kind === 'transferTo' && sizing.address === '') {
      setAsking(false);
      return;
    }
    setAsking(true);
    // The first offers are asked at once; later ones wait for the person to stop typing.
    const delay = asked.current ? QUOTE_DEBOUNCE_MS : 0;
    asked.current = true;
    const timer = setTimeout(() => {
      const request = { receiver: receiver.trim(), sizing, period, batch: crypto.randomUUID() };
      void gatherOffers<QuoteRequestProblem>(
        (source) => sendMessage('energy.offer', { source, ...request }),
        (source, answer) => {
          if (id !== requestId.current) return;
          setAnswers((before) => ({ ...before, [source]: answer }));
        },
        { timeoutMessage: i18n.t('errors.unknownLater') },
      ).finally(() => {
        if (id === requestId.current) setAsking(false);
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [inputKey]);

  const refusal = Object.values(answers).find((answer) => answer && !answer.ok);
  const problemAnswer: QuoteAnswer | null =
    inputProblem ?? (refusal && !refusal.ok ? refused(refusal.problem) : null);
  const wires = OFFER_SOURCES.map((source) => {
    const answer = answers[source];
    return answer?.ok ? answer.value : null;
  });
  const need = wires.find((wire) => wire && wire.need.neededEnergy > 0)?.need ?? null;
  const offers: Offer[] = OFFER_SOURCES.map((source, index) => {
    const wire = wires[index];
    return wire ? offerFromWire(wire) : { source, state: 'loading' };
  });
  const ranked = problemAnswer ? [] : rankOffers(offers, need ? BigInt(need.burnSun) : 0n);
  const rows: OfferRowData[] = ranked.map((offer) => ({
    ranked: offer,
    wire: wires[OFFER_SOURCES.indexOf(offer.source)] ?? null,
  }));
  const complete = rows.length > 0 && rows.every((row) => row.ranked.state !== 'loading');
  const best = ranked.find((offer) => offer.best)?.source ?? null;
  const chosenSource =
    picked && ranked.some((offer) => offer.source === picked && offer.state === 'priced') ? picked : best;
  const chosen = ranked.find((offer) => offer.source === chosenSource) ?? null;
  const chosenWire: OfferWire | null = chosen ? (wires[OFFER_SOURCES.indexOf(chosen.source)] ?? null) : null;
  const rentable =
    chosen !== null && chosen.state === 'priced' && !chosen.blocker && chosen.source !== 'burn';

  async function fix(blocker: OfferBlocker) {
    if (blocker === 'sign_in') return showTwoAml(false);
    if (blocker === 'top_up_twoaml') return showTwoAml(true);
    if (blocker === 'add_tronzap_key' || blocker === 'top_up_tronzap') return openTronZapSetup();
    if (blocker === 'balance_insufficient') return setRefresh((n) => n + 1);
    // activate_receiver: TronZap's activation order when a key is kept, else its set-up first.
    const zap = answers.tronzap;
    const keyless = zap?.ok && zap.value.state === 'failed' && zap.value.blocker === 'add_tronzap_key';
    if (keyless || !need) return openTronZapSetup();
    const answer = await sendMessage('tronzap.order', {
      service: 'activate_address',
      receiver: need.receiver,
    }).catch(() => refused(quoteProblem('unavailable')));
    if (answer.ok) setStarted(i18n.t('energy.offers.activating'));
    else setRentProblem(answer.problem.message);
  }

  async function startOrder() {
    if (!rentable || !sizing || !chosenWire || chosenWire.state !== 'priced' || submitting) return;
    setSubmitting(true);
    setRentProblem(null);
    setStarted(null);
    try {
      if (chosenWire.source === 'tronnrg') {
        // The confirmation shows TronNRG's exact amount and pay_to, priced again now.
        const answer = await sendMessage('energy.quote', { receiver: receiver.trim(), sizing });
        if (answer.ok) {
          setQuote(answer.value);
          setConfirming(true);
        } else setRentProblem(answer.problem.message);
        return;
      }
      const answer =
        chosenWire.source === 'twoaml'
          ? await sendMessage('energy.order', {
              receiver: receiver.trim(),
              sizing,
              period,
              priceSun: chosenWire.priceSun,
            })
          : await sendMessage('tronzap.order', {
              service: 'energy',
              receiver: chosenWire.need.receiver,
              amount: chosenWire.energy,
              durationHours: period === '1D' ? 24 : 1,
            });
      if (answer.ok) setStarted(i18n.t('energy.offers.started'));
      else {
        setRentProblem(answer.problem.message);
        if (answer.problem.code === 'price_changed') setRefresh((n) => n + 1);
      }
    } catch {
      setRentProblem(quoteProblem('unavailable').message);
    } finally {
      setSubmitting(false);
    }
  }

  async function rent(confirmUndocumentedPayTo: boolean) {
    if (!quote || !sizing) return;
    setSubmitting(true);
    setRentProblem(null);
    let answer: Outcome<{ jobId: string }, QuoteRequestProblem>;
    try {
      answer = await sendMessage('energy.rent', {
        receiver: receiver.trim(),
        sizing,
        priceSun: quote.priceSun,
        payTo: quote.payTo,
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
      // A changed price or address sends the person back to look at the new offers.
      if (answer.problem.code === 'price_changed' || answer.problem.code === 'pay_to_changed') {
        setConfirming(false);
        setRefresh((n) => n + 1);
      }
    }
  }

  if (confirming && quote) {
    return (
      <ConfirmRental
        quote={quote}
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
    const quote = problemAnswer;
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
  // TronNRG's size bounds concern the amount typed: said beside it, not only in TronNRG's row.
  const tronNrg = answers.tronnrg;
  const tronNrgSizing =
    tronNrg?.ok && tronNrg.value.state === 'failed' && SIZE_BOUNDS.includes(tronNrg.value.code ?? '')
      ? tronNrg.value.message
      : null;
  const sizingProblem = problemFor('sizing') ?? tronNrgSizing;
  const generalProblem = problemFor('general');

  return (
    <form
      class="card stack energy-form"
      aria-labelledby="energy-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void startOrder();
      }}
    >
      {/* Named for screen readers; the fields say what they are. */}
      <h2 id="energy-form-heading" class="sr-only">
        {i18n.t('energy.form.heading')}
      </h2>
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
        {/* The placeholder shows the account; the line below speaks only when something is wrong. */}
        <span
          id="energy-receiver-hint"
          class={receiverProblem ? 'field-error' : 'sr-only'}
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
            <span>{isolateData(option.label)}</span>
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
        {need?.sizedExactly && <span class="muted">{i18n.t('energy.form.sizedExact')}</span>}
        {need?.sizedPreset && (
          <span class="muted">
            {need.sizedPreset === 'usdtTransfer'
              ? i18n.t('energy.form.sizedExisting')
              : i18n.t('energy.form.sizedNew')}
          </span>
        )}
      </fieldset>
      <label class="energy-period">
        {i18n.t('energy.offers.period')}
        <select
          name="period"
          value={period}
          onChange={(event) => setPeriod(event.currentTarget.value as OfferPeriod)}
        >
          {OFFER_PERIODS.map((id) => (
            <option key={id} value={id}>
              {i18n.t(`energy.offers.periods.${id}`)}
            </option>
          ))}
        </select>
      </label>
      <div aria-live="polite" class="stack">
        {asking && !need && !problemAnswer && <p class="muted">{i18n.t('energy.form.quoting')}</p>}
        {rows.length > 0 && (
          <div
            class="stack energy-quote"
            data-testid="energy-quote"
            data-complete={complete ? 'true' : undefined}
          >
            {need && <QuoteSummary need={need} />}
            <OfferList
              rows={rows}
              chosen={chosenSource}
              onChoose={setPicked}
              onFix={(blocker) => void fix(blocker)}
            />
          </div>
        )}
        {generalProblem &&
          (problemAnswer?.ok === false && problemAnswer.problem.code === 'receiver_has_enough' ? (
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
          <p class="notice error" role="alert" data-testid="energy-rent-problem">
            {rentProblem}
          </p>
        )}
        {started && (
          <p class="notice ok" role="status" data-testid="energy-order-started">
            {started}
          </p>
        )}
      </div>
      <button type="submit" class="primary" disabled={!rentable || submitting}>
        {submitting
          ? i18n.t('energy.offers.starting')
          : rentable && chosen?.state === 'priced'
            ? tLtr('energy.offers.rentFrom', [
                i18n.t(`energy.offers.sources.${chosen.source}`),
                trxExact(chosen.priceSun.toString()),
              ])
            : chosen?.source === 'burn' && chosen.state === 'priced' && !chosen.blocker
              ? i18n.t('energy.offers.burnBest')
              : i18n.t('energy.form.heading')}
      </button>
    </form>
  );
}
