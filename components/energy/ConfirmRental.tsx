/**
 * The last look before TronLink opens: the exact TRX amount, the full `pay_to` address, and what
 * TronLink will show (so anything else can be rejected there). A `pay_to` that is not TronNRG's
 * documented address (production only) needs a deliberate tick first.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import type { QuoteWire } from '@/lib/energy/quote';
import { TRONNRG_DOCUMENTED_PAY_TO } from '@/lib/config/network';
import { energyForDisplay, trxExact } from './format';
import { TronLinkWillShow } from './TronLinkWillShow';
import { isolateData, tLtr } from '@/components/ui/bidi';

export interface ConfirmRentalProps {
  quote: QuoteWire;
  submitting: boolean;
  problem: string | null;
  onConfirm(confirmUndocumentedPayTo: boolean): void;
  onBack(): void;
}

/** The confirmation panel; `onConfirm` gets whether the undocumented pay_to was acknowledged. */
export function ConfirmRental({ quote, submitting, problem, onConfirm, onBack }: ConfirmRentalProps) {
  const [acknowledged, setAcknowledged] = useState(false);
  const needsAcknowledgement = quote.payToUndocumented;
  const amount = trxExact(quote.priceSun);

  return (
    <section
      class="card stack energy-confirm"
      aria-labelledby="energy-confirm-heading"
      data-testid="energy-confirm"
    >
      <h2 id="energy-confirm-heading">{i18n.t('energy.confirm.heading')}</h2>
      <p class="muted">{i18n.t('energy.confirm.summary')}</p>
      <dl class="energy-figures energy-confirm-figures">
        <div>
          <dt>{i18n.t('energy.confirm.amount')}</dt>
          <dd data-testid="energy-confirm-amount">
            <strong>{tLtr('energy.confirm.amountValue', [amount])}</strong>
          </dd>
        </div>
        <div>
          <dt>{i18n.t('energy.confirm.payTo')}</dt>
          <dd class="mono" data-testid="energy-confirm-pay-to">
            {quote.payTo}
          </dd>
        </div>
        <div>
          <dt>{i18n.t('energy.confirm.from')}</dt>
          <dd class="mono">{quote.payer}</dd>
        </div>
        <div>
          <dt>{i18n.t('energy.confirm.receiver')}</dt>
          <dd class="mono">{quote.receiver}</dd>
        </div>
        <div>
          <dt>{i18n.t('energy.confirm.energy')}</dt>
          <dd>{isolateData(energyForDisplay(quote.energy))}</dd>
        </div>
      </dl>
      <TronLinkWillShow
        context="confirm"
        priceSun={quote.priceSun}
        payTo={quote.payTo}
        receiver={quote.receiver}
      />
      {needsAcknowledgement && (
        <div class="notice warn stack" role="alert">
          <p>{i18n.t('energy.confirm.undocumented', [TRONNRG_DOCUMENTED_PAY_TO])}</p>
          <label class="inline">
            <input
              type="checkbox"
              checked={acknowledged}
              onChange={(event) => setAcknowledged(event.currentTarget.checked)}
            />
            {i18n.t('energy.confirm.undocumentedConfirm')}
          </label>
        </div>
      )}
      {problem && (
        <p class="notice error" role="alert">
          {problem}
        </p>
      )}
      <div class="row">
        <button
          type="button"
          class="primary"
          disabled={submitting || (needsAcknowledgement && !acknowledged)}
          onClick={() => onConfirm(acknowledged)}
        >
          {tLtr('energy.confirm.submit', [amount])}
        </button>
        <button type="button" onClick={onBack} disabled={submitting}>
          {i18n.t('energy.confirm.back')}
        </button>
      </div>
    </section>
  );
}
