/**
 * 2aml energy orders (seeds/000 §14–15): the history, newest update first and paged, and one order's
 * detail read fresh from `GET /orders/:energyOrderId`, the id kept exactly as 2aml returned it.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import { useOutcome } from '@/components/ui/use-outcome';
import { Loading } from '@/components/ui/Loading';
import { ProblemNotice } from '@/components/aml/ProblemNotice';
import type { TwoAmlEnergyOrderView } from '@/lib/energy/twoaml-energy-views';
import { TwoamlEnergyOrderDetail, orderStatusText } from './TwoamlEnergyOrderDetail';
import { energyForDisplay, shortAddress, trxForDisplay } from './format';
import { countText } from '@/lib/locale';
import { tLtr } from '@/components/ui/bidi';

const TONE: Record<string, string> = { completed: 'ok', refunded: 'warn', failed: 'danger' };

/** The order history, one page at a time, with "Show more". */
export function TwoamlEnergyOrders() {
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<TwoAmlEnergyOrderView[]>([]);
  const [chosen, setChosen] = useState<string | null>(null);
  const loaded = useOutcome(
    async () => {
      const outcome = await sendMessage('twoamlEnergy.orders', { page });
      if (outcome.ok)
        setRows((before) => (page === 1 ? outcome.value.rows : [...before, ...outcome.value.rows]));
      return outcome;
    },
    `orders:${page}`,
    open,
  );
  const total = loaded.value?.total ?? 0;

  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="twoaml-energy-orders">
      <summary>{i18n.t('twoamlEnergy.orders.heading')}</summary>
      <div class="stack twoaml-energy-body">
        {loaded.loading && rows.length === 0 && <Loading />}
        <ProblemNotice problem={loaded.problem} />
        {loaded.value && rows.length === 0 && <p class="muted">{i18n.t('twoamlEnergy.orders.empty')}</p>}
        <ul class="plain stack twoaml-energy-rows">
          {rows.map((order) => (
            <li
              key={order.energyOrderId}
              class="stack aml-tight"
              data-testid="twoaml-energy-order"
              data-order-id={order.energyOrderId}
            >
              <div class="row spread">
                <span class={`pill ${TONE[order.status] ?? ''}`}>{orderStatusText(order.status)}</span>
                <span>{tLtr('twoamlEnergy.trx', [trxForDisplay(order.chargedSun ?? order.amountSun)])}</span>
              </div>
              <span>
                {tLtr('twoamlEnergy.orders.row', [
                  energyForDisplay(order.energy),
                  shortAddress(order.receiver),
                ])}
              </span>
              <button
                type="button"
                class="link"
                aria-expanded={chosen === order.energyOrderId}
                onClick={() => setChosen(chosen === order.energyOrderId ? null : order.energyOrderId)}
              >
                {chosen === order.energyOrderId
                  ? i18n.t('twoamlEnergy.orders.close')
                  : i18n.t('twoamlEnergy.orders.detail')}
              </button>
              {chosen === order.energyOrderId && (
                <TwoamlEnergyOrderDetail energyOrderId={order.energyOrderId} />
              )}
            </li>
          ))}
        </ul>
        {loaded.value && (
          <p class="muted aml-small" hidden={loaded.value.skipped === 0}>
            {countText('twoamlEnergy.skipped', loaded.value.skipped)}
          </p>
        )}
        {rows.length < total && (
          <div class="row">
            <button type="button" disabled={loaded.loading} onClick={() => setPage(page + 1)}>
              {i18n.t('twoamlEnergy.loadMore')}
            </button>
          </div>
        )}
      </div>
    </details>
  );
}
