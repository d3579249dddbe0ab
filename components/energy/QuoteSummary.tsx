/** What every offer is priced for: the energy still needed and what burning it would cost. */
import { i18n } from '#i18n';
import type { OfferNeedWire } from '@/lib/energy/offers';
import { energyForDisplay, trxForDisplay } from './format';

/** The need line above the offers. */
export function QuoteSummary({ need }: { need: OfferNeedWire }) {
  return (
    <p class="energy-need">
      <strong>{i18n.t('energy.quote.need', [energyForDisplay(need.neededEnergy)])}</strong>
      {need.receiverEnergyAvailable > 0 && (
        <span class="muted">
          {' '}
          ({i18n.t('energy.quote.receiverHas', [energyForDisplay(need.receiverEnergyAvailable)])})
        </span>
      )}
      <span class="muted">
        {' · '}
        {i18n.t('energy.offers.burnNote', [trxForDisplay(need.burnSun)])}
      </span>
    </p>
  );
}
