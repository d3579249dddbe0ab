/**
 * Buying from TronZap: energy for 1 or 24 hours, or an address activation, charged to the person's
 * prepaid TronZap balance (no TronLink prompt). Shown only once a TronZap token is kept for the
 * TronZap address in force; the order itself runs in the background as a `zap-tx` job.
 */
import { i18n } from '#i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { Outcome } from '@/lib/outcome';
import type { ZapOrderRequest, ZapQuoteView } from '@/lib/energy/views';
import { trxExact, trxForDisplay } from './format';
import { tLtr } from '@/components/ui/bidi';

type Choice = 'energy1h' | 'energy24h' | 'activate';
const QUOTE_DEBOUNCE_MS = 300;

function requestOf(choice: Choice, receiver: string, amount: string): ZapOrderRequest | null {
  if (choice === 'activate') return { service: 'activate_address', receiver: receiver.trim() };
  const text = amount.replace(/[\s,_]/g, '');
  if (!/^\d{1,9}$/.test(text)) return null;
  return {
    service: 'energy',
    receiver: receiver.trim(),
    amount: Number(text),
    durationHours: choice === 'energy24h' ? 24 : 1,
  };
}

/** The TronZap order form of the Energy tab. */
export function ZapOrderForm({ account }: { account: string | null }) {
  const [usable, setUsable] = useState(false);
  const [choice, setChoice] = useState<Choice>('energy1h');
  const [receiver, setReceiver] = useState(account ?? '');
  const [amount, setAmount] = useState('65000');
  const [quote, setQuote] = useState<Outcome<ZapQuoteView> | null>(null);
  const [quoting, setQuoting] = useState(false);
  const [ordering, setOrdering] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    void sendMessage('tronzap.setup', undefined).then((setup) => setUsable(setup.usable));
  }, []);
  useEffect(() => {
    if (account && receiver === '') setReceiver(account);
  }, [account]);

  const request = requestOf(choice, receiver, amount);
  const key = JSON.stringify(request);
  useEffect(() => {
    const id = ++latest.current;
    setQuote(null);
    if (!usable || !request || request.receiver === '') return;
    setQuoting(true);
    const timer = setTimeout(async () => {
      const answer = await sendMessage('tronzap.quote', request).catch(() => null);
      if (id !== latest.current) return;
      setQuote(answer);
      setQuoting(false);
    }, QUOTE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, usable]);

  if (!usable) return null;

  async function order(event: Event) {
    event.preventDefault();
    if (!request || !quote?.ok || !quote.value.enough || ordering) return;
    setOrdering(true);
    setResult(null);
    try {
      const answer = await sendMessage('tronzap.order', request);
      setResult(
        answer.ok
          ? { ok: true, text: i18n.t('energy.zap.started') }
          : { ok: false, text: answer.problem.message },
      );
    } finally {
      setOrdering(false);
    }
  }

  const choices: { id: Choice; label: string }[] = [
    { id: 'energy1h', label: i18n.t('energy.zap.energy1h') },
    { id: 'energy24h', label: i18n.t('energy.zap.energy24h') },
    { id: 'activate', label: i18n.t('energy.zap.activate') },
  ];

  return (
    <form class="card stack zap-order" onSubmit={(event) => void order(event)} aria-labelledby="zap-heading">
      <h2 id="zap-heading">{i18n.t('energy.zap.heading')}</h2>
      <p class="muted">{i18n.t('energy.zap.intro')}</p>
      <fieldset class="stack">
        <legend>{i18n.t('energy.zap.service')}</legend>
        {choices.map((option) => (
          <label class="inline" key={option.id}>
            <input
              type="radio"
              name="zapService"
              checked={choice === option.id}
              onChange={() => setChoice(option.id)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      <label>
        {i18n.t('energy.zap.receiver')}
        <input
          type="text"
          class="mono"
          name="zapReceiver"
          spellcheck={false}
          autocomplete="off"
          value={receiver}
          onInput={(event) => setReceiver(event.currentTarget.value)}
        />
      </label>
      {choice !== 'activate' && (
        <label>
          {i18n.t('energy.zap.amount')}
          <input
            type="text"
            inputMode="numeric"
            name="zapAmount"
            value={amount}
            onInput={(event) => setAmount(event.currentTarget.value)}
          />
        </label>
      )}
      <div aria-live="polite" class="stack">
        {quoting && <p class="muted">{i18n.t('energy.zap.quoting')}</p>}
        {!quoting && quote?.ok && (
          <p data-testid="zap-quote">
            {tLtr('energy.zap.price', [
              trxExact(quote.value.priceSun),
              trxForDisplay(quote.value.balanceSun),
            ])}
          </p>
        )}
        {!quoting && quote?.ok && !quote.value.enough && (
          <p class="notice error" role="alert">
            {i18n.t('energy.zap.short')}
          </p>
        )}
        {!quoting && quote && !quote.ok && (
          <p class="notice error" role="alert" data-testid="zap-problem">
            {quote.problem.message}
          </p>
        )}
        {result && (
          <p class={`notice ${result.ok ? 'ok' : 'error'}`} role="status" data-testid="zap-result">
            {result.text}
          </p>
        )}
      </div>
      <button type="submit" class="primary" disabled={!quote?.ok || !quote.value.enough || ordering}>
        {quote?.ok ? tLtr('energy.zap.buy', [trxExact(quote.value.priceSun)]) : i18n.t('energy.zap.heading')}
      </button>
    </form>
  );
}
