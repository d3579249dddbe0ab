/**
 * A running (or just finished) order from the offers that is not a TronNRG rental: a 2aml energy
 * order (`energy-order` job) or a TronZap order (`zap-tx` job). The order runs in the background;
 * this card is a view of its job, like the rental's progress.
 */
import { i18n } from '#i18n';
import type { JobView } from '@/lib/app-view';
import { ENERGY_ORDER_KIND, ZAP_ORDER_KIND } from '@/lib/energy/job-names';
import { energyForDisplay, shortAddress, trxForDisplay } from './format';

/** The kinds of order this card shows. */
export const OFFER_ORDER_KINDS: readonly string[] = [ENERGY_ORDER_KIND, ZAP_ORDER_KIND];

/** The card of one order job. */
export function OfferOrderProgress({ job }: { job: JobView }) {
  const twoAml = job.kind === ENERGY_ORDER_KIND;
  const translate = i18n.t as (key: string) => string;
  const stateKey = twoAml ? `energy.offers.orderStates.${job.state}` : `energy.zap.states.${job.state}`;
  const stateText = translate(stateKey);
  const energy = typeof job.data.energy === 'number' ? job.data.energy : job.data.amount;
  const receiver = typeof job.data.receiver === 'string' ? job.data.receiver : '';
  const price = typeof job.data.chargedSun === 'string' ? job.data.chargedSun : job.data.priceSun;
  return (
    <section
      class="card stack energy-progress"
      aria-labelledby="offer-progress-heading"
      data-testid="offer-progress"
      data-job-id={job.id}
      data-job-kind={job.kind}
      data-job-state={job.state}
    >
      <h2 id="offer-progress-heading">
        {twoAml ? i18n.t('energy.offers.orderHeading') : i18n.t('energy.zap.heading')}
      </h2>
      <p aria-live="polite" data-testid="offer-progress-state">
        <strong>{stateText === stateKey ? job.state : stateText}</strong>
      </p>
      <p class="muted">
        {typeof energy === 'number' && (
          <>
            {energyForDisplay(energy)}{' '}
            <span class="dir-glyph" aria-hidden="true">
              →
            </span>{' '}
          </>
        )}
        <span class="mono" title={receiver}>
          {shortAddress(receiver)}
        </span>
        {typeof price === 'string' && /^\d+$/.test(price) ? ` · ${trxForDisplay(price)} TRX` : ''}
      </p>
      {job.error && (
        <p class={job.terminal ? 'notice error' : 'notice warn'} role="alert">
          {job.error.message}
        </p>
      )}
    </section>
  );
}
