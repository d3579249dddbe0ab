/** A quote at a glance: energy still needed, the price, what burning it would cost, the saving. */
import { i18n } from '#i18n';
import type { QuoteWire } from '@/lib/energy/quote';
import { energyForDisplay, trxForDisplay } from './format';

/** The figures of one quote. */
export function QuoteSummary({ quote }: { quote: QuoteWire }) {
  const saving = BigInt(quote.savingSun);
  return (
    <div class="stack energy-quote" data-testid="energy-quote">
      <p>
        <strong>{i18n.t('energy.quote.need', [energyForDisplay(quote.neededEnergy)])}</strong>
        {quote.receiverEnergyAvailable > 0 && (
          <span class="muted">
            {' '}
            ({i18n.t('energy.quote.receiverHas', [energyForDisplay(quote.receiverEnergyAvailable)])})
          </span>
        )}
      </p>
      <dl class="energy-figures">
        <div>
          <dt>{i18n.t('energy.quote.price')}</dt>
          <dd data-testid="energy-price">
            {i18n.t('energy.quote.priceValue', [
              trxForDisplay(quote.priceSun),
              energyForDisplay(quote.energy),
            ])}
          </dd>
        </div>
        <div>
          <dt>{i18n.t('energy.quote.burn')}</dt>
          <dd>{i18n.t('energy.quote.burnValue', [trxForDisplay(quote.burnSun)])}</dd>
        </div>
        {saving >= 0n && (
          <div>
            <dt>{i18n.t('energy.quote.saving')}</dt>
            <dd class="energy-saving">
              {i18n.t('energy.quote.savingValue', [trxForDisplay(quote.savingSun)])}
            </dd>
          </div>
        )}
      </dl>
      {saving < 0n && (
        <p class="notice warn">
          {i18n.t('energy.quote.burningCheaper', [trxForDisplay((-saving).toString())])}
        </p>
      )}
      {quote.minimumApplied && (
        <p class="muted">{i18n.t('energy.quote.minimum', [energyForDisplay(quote.energy)])}</p>
      )}
      {!quote.termsLive && <p class="muted">{i18n.t('energy.quote.termsFallback')}</p>}
    </div>
  );
}
