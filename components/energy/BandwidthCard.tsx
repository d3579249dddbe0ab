/**
 * The connected account's bandwidth against its next transfer (about 345 bytes for USDT, 267 for
 * TRX), and, when it is short, 1 hour of TronZap bandwidth as a `zap-tx` order charged to the
 * person's TronZap balance. Without a TronZap key it says so and opens the options at TronZap.
 */
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { useAppStore } from '@/components/app-store';
import { sendMessage } from '@/lib/messaging';
import type { Outcome } from '@/lib/outcome';
import type { AccountResourcesView, ZapOrderRequest, ZapQuoteView } from '@/lib/energy/views';
import {
  bandwidthCover,
  TRC20_TRANSFER_BANDWIDTH,
  TRX_TRANSFER_BANDWIDTH,
  ZAP_BANDWIDTH_HOURS,
} from '@/lib/energy/bandwidth';
import { ZAP_ORDER_KIND } from '@/lib/energy/job-names';
import { energyForDisplay, trxExact, trxForDisplay } from './format';
import { tLtr } from '@/components/ui/bidi';

/** The options page, opened at its TronZap section. */
export const TRONZAP_SETTINGS_PATH = '/options.html#tronzap';

/** The bandwidth card of the Energy tab; nothing until the account's resources are read. */
export function BandwidthCard({ resources }: { resources: AccountResourcesView | null }) {
  const jobs = useAppStore((s) => s.view?.jobs ?? []);
  const [usable, setUsable] = useState<boolean | null>(null);
  const [quote, setQuote] = useState<Outcome<ZapQuoteView> | null>(null);
  const [ordering, setOrdering] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const cover = resources ? bandwidthCover(resources, TRC20_TRANSFER_BANDWIDTH) : null;
  const trxCover = resources ? bandwidthCover(resources, TRX_TRANSFER_BANDWIDTH) : null;
  const order = jobs.find(
    (job) =>
      job.kind === ZAP_ORDER_KIND &&
      !job.terminal &&
      job.data.service === 'bandwidth' &&
      job.data.receiver === resources?.address,
  );
  const request: ZapOrderRequest | null =
    resources && cover && !cover.covered
      ? {
          service: 'bandwidth',
          receiver: resources.address,
          amount: cover.toBuy,
          durationHours: ZAP_BANDWIDTH_HOURS,
        }
      : null;
  const key = JSON.stringify(request);

  useEffect(() => {
    if (!request) return;
    void sendMessage('tronzap.setup', undefined).then((setup) => setUsable(setup.usable));
  }, [key]);
  useEffect(() => {
    setQuote(null);
    if (!request || !usable) return;
    let current = true;
    void sendMessage('tronzap.quote', request)
      .catch(() => null)
      .then((answer) => {
        if (current) setQuote(answer);
      });
    return () => {
      current = false;
    };
  }, [key, usable]);

  if (!resources || !cover || !trxCover) return null;

  async function buy() {
    if (!request || !quote?.ok || !quote.value.enough || ordering) return;
    setOrdering(true);
    setResult(null);
    try {
      const answer = await sendMessage('tronzap.order', {
        ...request,
        amount: quote.value.amount ?? request.amount,
      });
      setResult(
        answer.ok
          ? { ok: true, text: i18n.t('energy.bandwidthCard.started') }
          : { ok: false, text: answer.problem.message },
      );
    } finally {
      setOrdering(false);
    }
  }

  const status = cover.covered
    ? { tone: 'ok', text: i18n.t('energy.bandwidthCard.enough') }
    : trxCover.covered
      ? { tone: 'warn', text: i18n.t('energy.bandwidthCard.trxOnly') }
      : { tone: 'warn', text: i18n.t('energy.bandwidthCard.short') };

  return (
    <section
      class="card stack bandwidth-card"
      aria-labelledby="bandwidth-heading"
      data-testid="bandwidth-card"
    >
      <h2 id="bandwidth-heading">{i18n.t('energy.bandwidthCard.heading')}</h2>
      <dl class="energy-figures">
        <div>
          <dt>{i18n.t('energy.bandwidthCard.free')}</dt>
          <dd data-testid="bandwidth-free">
            {tLtr('energy.bandwidthCard.freeValue', [
              energyForDisplay(resources.freeBandwidthAvailable),
              energyForDisplay(resources.freeBandwidthLimit),
            ])}
          </dd>
        </div>
        <div>
          <dt>{i18n.t('energy.bandwidthCard.staked')}</dt>
          <dd data-testid="bandwidth-staked">{energyForDisplay(resources.stakedBandwidthAvailable)}</dd>
        </div>
      </dl>
      <p class="muted">
        {tLtr('energy.bandwidthCard.needs', [
          energyForDisplay(TRC20_TRANSFER_BANDWIDTH),
          energyForDisplay(TRX_TRANSFER_BANDWIDTH),
        ])}
      </p>
      <p
        class={`notice ${status.tone}`}
        role="status"
        data-testid="bandwidth-status"
        data-covered={cover.covered}
      >
        {status.text}
      </p>
      {order && (
        <p class="notice" role="status" data-testid="bandwidth-order">
          {tLtr('energy.bandwidthCard.order', [
            i18n.t(`energy.zap.states.${order.state}` as 'energy.zap.states.placed'),
          ])}
        </p>
      )}
      {!cover.covered && !order && usable === false && (
        <p class="stack">
          <span class="muted">{i18n.t('energy.bandwidthCard.noKey')}</span>
          <a
            href={browser.runtime.getURL(TRONZAP_SETTINGS_PATH)}
            target="_blank"
            rel="noopener"
            data-testid="bandwidth-settings"
          >
            {i18n.t('energy.bandwidthCard.openSettings')}
          </a>
        </p>
      )}
      {!cover.covered && !order && usable && (
        <div class="stack" aria-live="polite">
          {quote === null && <p class="muted">{i18n.t('energy.bandwidthCard.quoting')}</p>}
          {quote?.ok && (
            <p data-testid="bandwidth-offer">
              {tLtr('energy.bandwidthCard.offer', [
                energyForDisplay(quote.value.amount ?? cover.toBuy),
                trxExact(quote.value.priceSun),
                trxForDisplay(quote.value.balanceSun),
              ])}
            </p>
          )}
          {quote?.ok && !quote.value.enough && (
            <p class="notice error" role="alert">
              {i18n.t('energy.zap.short')}
            </p>
          )}
          {quote && !quote.ok && (
            <p class="notice error" role="alert" data-testid="bandwidth-problem">
              {quote.problem.message}
            </p>
          )}
          {quote?.ok && (
            <button
              type="button"
              class="primary"
              disabled={!quote.value.enough || ordering}
              onClick={() => void buy()}
              data-testid="bandwidth-buy"
            >
              {tLtr('energy.bandwidthCard.buy', [
                energyForDisplay(quote.value.amount ?? cover.toBuy),
                trxExact(quote.value.priceSun),
              ])}
            </button>
          )}
        </div>
      )}
      {result && !cover.covered && (
        <p class={`notice ${result.ok ? 'ok' : 'error'}`} role="status" data-testid="bandwidth-result">
          {result.text}
        </p>
      )}
    </section>
  );
}
