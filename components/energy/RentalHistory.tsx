/** Every rental, newest first: status, energy, cost, receiver and the transactions on TronScan. */
import { i18n } from '#i18n';
import type { RentalHistoryEntry } from '@/lib/energy/rental-history';
import { energyForDisplay, shortAddress, trxForDisplay } from './format';
import { TxLinks } from './RentalProgress';

const TONE: Record<RentalHistoryEntry['state'], string> = {
  quote: '',
  awaiting_payment: 'warn',
  paid: 'warn',
  signing: 'warn',
  signed: 'warn',
  claiming: 'warn',
  delegated: 'ok',
  refund_queued: 'warn',
  failed: 'danger',
  cancelled: '',
};

/** The list of past and running rentals from the stored history. */
export function RentalHistory({ entries, tronscan }: { entries: RentalHistoryEntry[]; tronscan: string }) {
  return (
    <section class="stack energy-history" aria-labelledby="energy-history-heading">
      <h2 id="energy-history-heading">{i18n.t('energy.history.heading')}</h2>
      {entries.length === 0 ? (
        <p class="muted">{i18n.t('energy.history.empty')}</p>
      ) : (
        <ul class="plain stack" data-testid="energy-history">
          {entries.map((entry) => (
            <li key={entry.jobId} class="card stack energy-history-entry" data-rental-state={entry.state}>
              <div class="row spread">
                <span class={`pill ${TONE[entry.state]}`}>
                  {i18n.t(`energy.status.${entry.state}` as 'energy.status.quote')}
                </span>
                <time class="muted" dateTime={new Date(entry.createdAt).toISOString()}>
                  {new Date(entry.createdAt).toLocaleString()}
                </time>
              </div>
              <div class="row">
                <span>{i18n.t('energy.history.energy', [energyForDisplay(entry.energy)])}</span>
                <span>·</span>
                <span>
                  {i18n.t('energy.history.cost', [trxForDisplay(entry.receipt?.costSun ?? entry.priceSun)])}
                </span>
                <span>·</span>
                <span class="mono" title={entry.receiver}>
                  {i18n.t('energy.history.to', [shortAddress(entry.receiver)])}
                </span>
              </div>
              {entry.error && entry.terminal && entry.state !== 'delegated' && (
                <span class="muted">{entry.error.message}</span>
              )}
              <TxLinks tronscan={tronscan} txid={entry.txid} delegations={entry.receipt?.delegations ?? []} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
