/**
 * Every source's offer for the energy needed, cheapest usable first: the best one in view, the
 * others one tap away. Each row shows its own state (asking, a price, blocked with its fix, or
 * failed), the period, what it needs from the person, the saving against burning and the price per
 * energy unit. A row is a radio: the chosen one is what the Rent button buys.
 */
import { i18n } from '#i18n';
import type { OfferBlocker, OfferSource, OfferWire, RankedOffer } from '@/lib/energy/offers';
import { energyForDisplay, trxForDisplay } from './format';
import { countText } from '@/lib/locale';
import { isolateData, tLtr } from '@/components/ui/bidi';

export interface OfferRowData {
  ranked: RankedOffer;
  /** The wire answer behind it (texts of blockers), when there is one. */
  wire: OfferWire | null;
}

export interface OfferListProps {
  rows: OfferRowData[];
  chosen: OfferSource | null;
  onChoose(source: OfferSource): void;
  onFix(blocker: OfferBlocker): void;
}

/** A failure shown beside the amount typed (RentForm) rather than in the row. */
const sizeBound = (code: string | undefined) =>
  code === 'energy_below_minimum' || code === 'energy_above_maximum';

/** Tenths of a sun per energy as "61.5". */
function perEnergyText(tenths: bigint): string {
  const whole = tenths / 10n;
  const tenth = tenths % 10n;
  return tenth === 0n ? whole.toString() : `${whole}.${tenth}`;
}

function periodText(wire: OfferWire | null): string {
  if (!wire || wire.state !== 'priced') return '';
  if (wire.source === 'burn') return i18n.t('energy.offers.noPeriod');
  if (wire.periodHours === null) return i18n.t('energy.offers.periodUnstated');
  if (wire.periodHours < 48) return countText('energy.offers.periodHours', wire.periodHours);
  return countText('energy.offers.periodDays', wire.periodHours / 24);
}

function savingText(saving: bigint | undefined, source: OfferSource): string {
  if (saving === undefined || source === 'burn') return '';
  return saving >= 0n
    ? i18n.t('energy.offers.saving', [trxForDisplay(saving.toString())])
    : i18n.t('energy.offers.dearer', [trxForDisplay((-saving).toString())]);
}

/** One offer. */
function OfferRow({
  row,
  chosen,
  onChoose,
  onFix,
}: {
  row: OfferRowData;
  chosen: boolean;
  onChoose(): void;
  onFix(blocker: OfferBlocker): void;
}) {
  const { ranked, wire } = row;
  const source = ranked.source;
  const blocker =
    ranked.state === 'priced' ? ranked.blocker : ranked.state === 'failed' ? ranked.blocker : undefined;
  const blockerText =
    wire?.state === 'priced' && wire.blockerText
      ? wire.blockerText
      : blocker
        ? i18n.t(`energy.offers.blockers.${blocker}` as 'energy.offers.blockers.sign_in')
        : null;
  const usable = ranked.state === 'priced' && !ranked.blocker;
  return (
    <li
      class={`offer-row${chosen ? ' chosen' : ''}${ranked.best ? ' best' : ''}`}
      data-testid="energy-offer"
      data-source={source}
      data-state={ranked.state === 'priced' ? (ranked.blocker ? 'blocked' : 'priced') : ranked.state}
    >
      <label class="offer-head">
        <input
          type="radio"
          name="offer"
          value={source}
          checked={chosen}
          disabled={ranked.state !== 'priced'}
          onChange={onChoose}
        />
        <span class="offer-name">{i18n.t(`energy.offers.sources.${source}`)}</span>
        {ranked.best && <span class="pill ok">{i18n.t('energy.offers.best')}</span>}
        <span class="offer-price" data-testid="energy-offer-price">
          {ranked.state === 'priced'
            ? tLtr('energy.offers.forEnergy', [
                trxForDisplay(ranked.priceSun.toString()),
                energyForDisplay(ranked.energy),
              ])
            : ranked.state === 'loading'
              ? i18n.t('energy.offers.loading')
              : ''}
        </span>
      </label>
      {ranked.state === 'priced' && (
        <p class="offer-facts muted">
          {isolateData(
            [
              periodText(wire),
              savingText(ranked.savingSun, source),
              ranked.tenthsOfSunPerEnergy !== undefined
                ? i18n.t('energy.offers.perEnergy', [perEnergyText(ranked.tenthsOfSunPerEnergy)])
                : '',
              wire?.state === 'priced' && wire.minimumApplied
                ? i18n.t('energy.offers.minimum', [energyForDisplay(ranked.energy)])
                : '',
              i18n.t(`energy.offers.pays.${source}`),
            ]
              .filter(Boolean)
              .join(' · '),
          )}
        </p>
      )}
      {ranked.state !== 'priced' && <p class="offer-facts muted">{i18n.t(`energy.offers.pays.${source}`)}</p>}
      {ranked.state === 'failed' && !blocker && !(wire?.state === 'failed' && sizeBound(wire.code)) && (
        <p class="offer-facts field-error" data-testid="energy-offer-failure">
          {ranked.message}
        </p>
      )}
      {!usable && blocker && (
        <div class="offer-blocker" data-testid="energy-offer-blocker" data-blocker={blocker}>
          <p class="offer-facts">{blockerText}</p>
          <button type="button" onClick={() => onFix(blocker)}>
            {i18n.t(`energy.offers.fixes.${blocker}`)}
          </button>
        </div>
      )}
    </li>
  );
}

/** The offers: the first (best) always shown, the rest behind "Other offers". */
export function OfferList({ rows, chosen, onChoose, onFix }: OfferListProps) {
  const [first] = rows;
  if (!first) return null;
  // Beside the best: any blocked offer that would be cheaper, with its fix (one step to save more).
  const firstPrice = first.ranked.state === 'priced' ? first.ranked.priceSun : null;
  const inView = rows.filter(
    (row) =>
      row === first ||
      (firstPrice !== null &&
        row.ranked.state === 'priced' &&
        row.ranked.blocker !== undefined &&
        row.ranked.priceSun < firstPrice),
  );
  const others = rows.filter((row) => !inView.includes(row));
  const row = (data: OfferRowData) => (
    <OfferRow
      key={data.ranked.source}
      row={data}
      chosen={chosen === data.ranked.source}
      onChoose={() => onChoose(data.ranked.source)}
      onFix={onFix}
    />
  );
  return (
    <div class="stack offer-list" role="radiogroup" aria-label={i18n.t('energy.offers.heading')}>
      <ul class="offer-rows">{inView.map(row)}</ul>
      {others.length > 0 && (
        <details class="offer-others">
          <summary>{i18n.t('energy.offers.others', [String(others.length)])}</summary>
          <ul class="offer-rows">{others.map(row)}</ul>
        </details>
      )}
    </div>
  );
}
