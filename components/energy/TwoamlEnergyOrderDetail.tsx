/** One 2aml energy order as `GET /orders/:energyOrderId` answers now (status, charge, delegation). */
import { formatMoment } from '@/lib/locale';
import { i18n } from '#i18n';
import { sendMessage } from '@/lib/messaging';
import { useOutcome } from '@/components/ui/use-outcome';
import { Loading } from '@/components/ui/Loading';
import { ProblemNotice } from '@/components/aml/ProblemNotice';
import { RefreshButton } from '@/components/aml/RefreshButton';
import { energyForDisplay, trxExact } from './format';

const STATUSES = new Set(['pending_confirmation', 'processing', 'completed', 'refunded', 'failed']);

/** A documented status in words; an undocumented one as 2aml sent it. */
export function orderStatusText(status: string): string {
  return STATUSES.has(status)
    ? i18n.t(`twoamlEnergy.orders.statuses.${status}` as 'twoamlEnergy.orders.statuses.processing')
    : status;
}

/** The detail of one order, read when shown. */
export function TwoamlEnergyOrderDetail({ energyOrderId }: { energyOrderId: string }) {
  const order = useOutcome(() => sendMessage('twoamlEnergy.order', { energyOrderId }), energyOrderId);
  const value = order.value;
  const rows: [string, string | null][] = value
    ? [
        [i18n.t('twoamlEnergy.orders.status'), orderStatusText(value.status)],
        [i18n.t('twoamlEnergy.orders.id'), value.energyOrderId],
        [i18n.t('twoamlEnergy.orders.businessId'), value.orderId],
        [i18n.t('twoamlEnergy.orders.receiver'), value.receiver],
        [i18n.t('twoamlEnergy.orders.energy'), energyForDisplay(value.energy)],
        [i18n.t('twoamlEnergy.orders.period'), value.period],
        [i18n.t('twoamlEnergy.orders.price'), i18n.t('twoamlEnergy.trx', [trxExact(value.amountSun)])],
        [
          i18n.t('twoamlEnergy.orders.charged'),
          value.chargedSun === null ? null : i18n.t('twoamlEnergy.trx', [trxExact(value.chargedSun)]),
        ],
        [i18n.t('twoamlEnergy.orders.tx'), value.transactionHash],
        [i18n.t('twoamlEnergy.orders.message'), value.message],
        [i18n.t('twoamlEnergy.orders.created'), formatMoment(value.createdAt)],
        [i18n.t('twoamlEnergy.orders.updated'), formatMoment(value.updatedAt)],
      ]
    : [];
  return (
    <div class="stack" data-testid="twoaml-energy-order-detail">
      {order.loading && !value && <Loading />}
      <ProblemNotice problem={order.problem} />
      {value && (
        <>
          <dl class="aml-figures">
            {rows
              .filter((row): row is [string, string] => row[1] !== null)
              .map(([label, text]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd class={/^[0-9a-f]{64}$|^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(text) ? 'mono' : ''}>
                    {text}
                  </dd>
                </div>
              ))}
          </dl>
          {!value.terminal && (
            <div class="row">
              <RefreshButton loaded={order} />
            </div>
          )}
        </>
      )}
    </div>
  );
}
