/**
 * The 2aml energy wallet (seeds/000 §7–11): balance, "Top up with TronLink", deposit instructions
 * with the QR code (the AML tab's), wallet history, top-up records and the energy orders. It shares
 * the AML tab's 2aml session; signed out, it says where to sign in.
 */
import { formatMoment } from '@/lib/locale';
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { sendMessage } from '@/lib/messaging';
import { useAppStore } from '@/components/app-store';
import { useOutcome, type Loaded } from '@/components/ui/use-outcome';
import { Loading } from '@/components/ui/Loading';
import { ProblemNotice } from '@/components/aml/ProblemNotice';
import { RefreshButton } from '@/components/aml/RefreshButton';
import { DepositDetails } from '@/components/aml/WalletPanel';
import { WALLET_TOPUP_KIND } from '@/lib/energy/job-names';
import type { PageView } from '@/lib/energy/twoaml-energy-views';
import type { Outcome } from '@/lib/outcome';
import { TwoamlEnergyTopup } from './TwoamlEnergyTopup';
import { TwoamlEnergyOrders } from './TwoamlEnergyOrders';
import { shortAddress, trxForDisplay } from './format';
import '@/components/aml/aml.css';
import './twoaml-energy.css';
import { countText } from '@/lib/locale';
import { tLtr } from '@/components/ui/bidi';

/** The wallet panel; reads again whenever a top-up moves or the 2aml session changes. */
export function TwoamlEnergyWallet() {
  const topups = useAppStore((s) => (s.view?.jobs ?? []).filter((job) => job.kind === WALLET_TOPUP_KIND));
  const session = useAppStore((s) => s.view?.aml.session.status ?? '');
  const key = `${session}:${topups.map((job) => `${job.id}:${job.state}`).join(',')}`;
  const wallet = useOutcome(() => sendMessage('twoamlEnergy.wallet', undefined), key);
  const value = wallet.value;
  const signedOut = wallet.problem?.code === 'not_signed_in';

  return (
    <div class="stack twoaml-energy-body" data-testid="twoaml-energy-wallet">
      {wallet.loading && !value && !wallet.problem && <Loading />}
      {signedOut ? (
        <p class="notice warn" data-testid="twoaml-energy-signed-out">
          {i18n.t('twoamlEnergy.signedOut')}
        </p>
      ) : (
        <ProblemNotice problem={wallet.problem} />
      )}
      {value && !signedOut && (
        <>
          <div class="row spread">
            <span class="muted aml-small">{tLtr('twoamlEnergy.account', [value.email])}</span>
            <RefreshButton loaded={wallet} />
          </div>
          <dl class="aml-figures">
            <div>
              <dt>{i18n.t('twoamlEnergy.balance')}</dt>
              <dd data-testid="twoaml-energy-balance">
                {tLtr('twoamlEnergy.trx', [trxForDisplay(value.availableSun)])}
              </dd>
            </div>
            {value.reservedSun !== '0' && (
              <div>
                <dt>{i18n.t('twoamlEnergy.reserved')}</dt>
                <dd>{tLtr('twoamlEnergy.trx', [trxForDisplay(value.reservedSun)])}</dd>
              </div>
            )}
          </dl>
          <TwoamlEnergyTopup jobs={topups} />
          <Deposit />
          <WalletHistory reloadKey={key} />
          <Topups reloadKey={key} />
          <TwoamlEnergyOrders />
        </>
      )}
    </div>
  );
}

/** A collapsed part that reads only once opened. */
function Collapsed<T>(props: {
  title: string;
  testid: string;
  read: () => Promise<Outcome<T>>;
  reloadKey: string;
  children: (loaded: Loaded<T>) => preact.ComponentChildren;
}) {
  const [open, setOpen] = useState(false);
  const loaded = useOutcome(props.read, props.reloadKey, open);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={props.testid}>
      <summary>{props.title}</summary>
      <div class="stack twoaml-energy-body">
        {loaded.loading && !loaded.value && <Loading />}
        <ProblemNotice problem={loaded.problem} />
        {loaded.value !== null && props.children(loaded)}
      </div>
    </details>
  );
}

function Deposit() {
  return (
    <Collapsed
      title={i18n.t('twoamlEnergy.deposit')}
      testid="twoaml-energy-deposit"
      read={() => sendMessage('twoamlEnergy.deposit', undefined)}
      reloadKey="deposit"
    >
      {(loaded) => <DepositDetails value={loaded.value!} />}
    </Collapsed>
  );
}

/** One page of a 2aml list: its rows, or `empty` when it has none, and how many rows could not be read. */
function PageRows<T>({
  page,
  empty,
  row,
}: {
  page: PageView<T>;
  empty: string;
  row: (item: T, index: number) => ComponentChildren;
}) {
  if (page.rows.length === 0) return <p class="muted">{empty}</p>;
  return (
    <>
      <ul class="plain stack twoaml-energy-rows">{page.rows.map(row)}</ul>
      {page.skipped > 0 && <p class="muted aml-small">{countText('twoamlEnergy.skipped', page.skipped)}</p>}
    </>
  );
}

const HISTORY_TYPES = new Set(['topup', 'energy_reservation', 'energy_charge', 'energy_refund']);

function WalletHistory({ reloadKey }: { reloadKey: string }) {
  return (
    <Collapsed
      title={i18n.t('twoamlEnergy.history.heading')}
      testid="twoaml-energy-history"
      read={() => sendMessage('twoamlEnergy.history', {})}
      reloadKey={reloadKey}
    >
      {({ value }) => (
        <PageRows
          page={value!}
          empty={i18n.t('twoamlEnergy.history.empty')}
          row={(row, index) => (
            <li key={`${row.createdAt}-${index}`} class="stack aml-tight">
              <div class="row spread">
                <span>
                  {HISTORY_TYPES.has(row.type)
                    ? i18n.t(`twoamlEnergy.history.types.${row.type}` as 'twoamlEnergy.history.types.topup')
                    : row.type}
                </span>
                <strong>
                  {row.direction === 'credit' ? '+' : '−'}
                  {tLtr('twoamlEnergy.trx', [trxForDisplay(row.amountSun)])}
                </strong>
              </div>
              <span class="muted aml-small">
                {formatMoment(row.createdAt)}
                {row.energyOrderId ? ` · ${row.energyOrderId}` : ''}
              </span>
            </li>
          )}
        />
      )}
    </Collapsed>
  );
}

function Topups({ reloadKey }: { reloadKey: string }) {
  return (
    <Collapsed
      title={i18n.t('twoamlEnergy.topups.heading')}
      testid="twoaml-energy-topups"
      read={() => sendMessage('twoamlEnergy.topups', {})}
      reloadKey={reloadKey}
    >
      {({ value }) => (
        <PageRows
          page={value!}
          empty={i18n.t('twoamlEnergy.topups.empty')}
          row={(row) => (
            <li key={row.txHash} class="stack aml-tight" data-testid="twoaml-energy-topup-row">
              <span>{tLtr('twoamlEnergy.topups.row', [trxForDisplay(row.amountSun), row.status])}</span>
              <span class="muted aml-small mono" title={row.txHash}>
                {shortAddress(row.txHash)} · {formatMoment(row.creditedAt ?? row.createdAt)}
              </span>
            </li>
          )}
        />
      )}
    </Collapsed>
  );
}
