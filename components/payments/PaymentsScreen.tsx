/**
 * The popup's Payments tab (shown once a gateway is set up): a new payment and the payments being
 * watched, the gateway's history with the unprocessed list, and the receiving wallets. A view over
 * background state: each created payment is watched by a durable job that goes on when the popup
 * closes.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { CreatePayment } from './CreatePayment';
import { PaymentCard } from './PaymentCard';
import { PaymentHistory } from './PaymentHistory';
import { WalletsPanel } from './WalletsPanel';
import { useWatchedPayments } from './use-payments';
import './payments.css';

type Section = 'create' | 'history' | 'wallets';
const SECTIONS: Section[] = ['create', 'history', 'wallets'];

/** How many watched payments the New section lists (the rest stay in Activity and History). */
const SHOWN_PAYMENTS = 5;

export function PaymentsScreen() {
  const [section, setSection] = useState<Section>('create');
  const watched = useWatchedPayments();
  const endedKey = watched.map((job) => `${job.id}:${job.state}`).join('|');

  return (
    <div class="stack payments-screen" data-testid="payments-screen">
      <div class="row payments-sections" role="group">
        {SECTIONS.map((name) => (
          <button key={name} type="button" aria-pressed={section === name} onClick={() => setSection(name)}>
            {i18n.t(`payments.sections.${name}`)}
          </button>
        ))}
      </div>
      {section === 'create' && (
        <>
          {watched.slice(0, SHOWN_PAYMENTS).map((job) => (
            <PaymentCard key={job.id} job={job} />
          ))}
          <CreatePayment />
        </>
      )}
      {section === 'history' && <PaymentHistory refreshKey={endedKey} />}
      {section === 'wallets' && <WalletsPanel />}
    </div>
  );
}
