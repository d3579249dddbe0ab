/** What every offer is priced for: the energy still needed and what burning it would cost. */
import type { OfferNeedWire } from '@/lib/energy/offers';
import { energyForDisplay, trxForDisplay } from './format';
import { tLtr } from '@/components/ui/bidi';

/** The need line above the offers. */
export function QuoteSummary({ need }: { need: OfferNeedWire }) {
  return (
    <p class="energy-need">
      <strong>{tLtr('energy.quote.need', [energyForDisplay(need.neededEnergy)])}</strong>
      {need.receiverEnergyAvailable > 0 && (
        <span class="muted">
          {' '}
          ({tLtr('energy.quote.receiverHas', [energyForDisplay(need.receiverEnergyAvailable)])})
        </span>
      )}
      <span class="muted">
        {' · '}
        {tLtr('energy.offers.burnNote', [trxForDisplay(need.burnSun)])}
      </span>
    </p>
  );
}
