/**
 * Every rental, newest first: status, energy, cost, what it saved against burning, receiver and the
 * transactions on TronScan; above them, the total every finished rental saved so far.
 */
import { formatMoment } from '@/lib/locale';
import { i18n } from '#i18n';
import { useAppStore } from '@/components/app-store';
import type { RentalHistoryEntry } from '@/lib/energy/claim-data';
import type { RentalHistoryRow } from '@/lib/energy/views';
import { energyForDisplay, shortAddress, trxForDisplay } from './format';
import { TxLinks } from './RentalProgress';
import { countLtr, tLtr } from '@/components/ui/bidi';

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

/** A saving in TRX for people: "saved 1.03 TRX", or what burning would have spared. */
function savingText(savedSun: string): { text: string; tone: string } {
  const saved = BigInt(savedSun);
  return saved >= 0n
    ? { text: i18n.t('energy.history.saved', [trxForDisplay(savedSun)]), tone: 'energy-saving' }
    : { text: i18n.t('energy.history.dearer', [trxForDisplay((-saved).toString())]), tone: 'muted' };
}

/** The list of past and running rentals from the stored history. */
export function RentalHistory({ entries, tronscan }: { entries: RentalHistoryRow[]; tronscan: string }) {
  const savings = useAppStore((s) => s.view?.energy.savings ?? null);
  return (
    <section class="stack energy-history" aria-labelledby="energy-history-heading">
      <h2 id="energy-history-heading">{i18n.t('energy.history.heading')}</h2>
      {savings && savings.rentals > 0 && (
        <p class="energy-savings-total" data-testid="energy-savings-total">
          {BigInt(savings.totalSun) >= 0n
            ? countLtr('energy.history.savedTotal', savings.rentals, [trxForDisplay(savings.totalSun)])
            : countLtr('energy.history.dearerTotal', savings.rentals, [
                trxForDisplay((-BigInt(savings.totalSun)).toString()),
              ])}
        </p>
      )}
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
                  {formatMoment(entry.createdAt)}
                </time>
              </div>
              <div class="row">
                <span>{tLtr('energy.history.energy', [energyForDisplay(entry.energy)])}</span>
                <span>·</span>
                <span>
                  {tLtr('energy.history.cost', [trxForDisplay(entry.receipt?.costSun ?? entry.priceSun)])}
                </span>
                <span>·</span>
                <span class="mono" title={entry.receiver}>
                  {tLtr('energy.history.to', [shortAddress(entry.receiver)])}
                </span>
              </div>
              {entry.savedSun !== undefined && (
                <span class={savingText(entry.savedSun).tone} data-testid="energy-history-saved">
                  {savingText(entry.savedSun).text}
                </span>
              )}
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
