/**
 * The popup's Energy screen: the connected TronLink account and its resources, the rental form, the
 * running rental's progress and the rental history. A view over background state: closing the popup
 * (TronLink's windows close it) never stops a rental.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { useAppStore } from '@/components/app-store';
import { sendMessage } from '@/lib/messaging';
import { NRG_CLAIM_KIND } from '@/lib/energy/claim-states';
import { AccountCard } from './AccountCard';
import { RentForm } from './RentForm';
import { RentalHistory } from './RentalHistory';
import { RentalProgress } from './RentalProgress';
import { useEnergyData } from './use-energy';
import { Loading } from '@/components/ui/Loading';
import './energy.css';

/** A finished rental stays on top this long, so its outcome is seen before it joins the history. */
const RECENT_OUTCOME_MS = 10 * 60_000;

/** The Energy tab of the popup. */
export function EnergyScreen() {
  const jobs = useAppStore((s) => s.view?.jobs ?? []);
  const energy = useEnergyData(jobs);
  const [connecting, setConnecting] = useState(false);
  const [connectMessage, setConnectMessage] = useState<string | null>(null);

  const rentals = jobs.filter((job) => job.kind === NRG_CLAIM_KIND);
  const current =
    rentals.find((job) => !job.terminal) ??
    rentals.find((job) => Date.now() - job.updatedAt < RECENT_OUTCOME_MS);

  async function connect() {
    setConnecting(true);
    setConnectMessage(null);
    try {
      const answer = await sendMessage('energy.connect', undefined);
      setConnectMessage(answer.ok ? null : answer.message);
    } catch {
      setConnectMessage(i18n.t('energy.connect.timeout'));
    }
    // The account shown changes with the reload; only then is connecting over.
    await energy.reload();
    setConnecting(false);
    await energy.reloadResources();
  }

  async function forget() {
    await sendMessage('energy.forget', undefined);
    setConnectMessage(null);
    await energy.reload();
  }

  if (!energy.status) {
    return <Loading />;
  }
  const status = energy.status;
  const pendingConnect = connecting || status.connect.pending;
  const lastConnectMessage =
    connectMessage ??
    (status.connect.status && status.connect.status !== 'connected' ? status.connect.message : null);

  return (
    <div class="stack energy-screen">
      <AccountCard
        status={status}
        resources={energy.resources}
        connecting={pendingConnect}
        connectMessage={lastConnectMessage}
        onConnect={() => void connect()}
        onForget={() => void forget()}
        onRefresh={() => void energy.reloadResources()}
      />
      {current && <RentalProgress job={current} tronscan={status.tronscan} />}
      {status.account && (
        <RentForm
          account={status.account.address}
          chainVersion={energy.resourcesVersion}
          onStarted={() => void energy.reload()}
        />
      )}
      <RentalHistory entries={energy.history} tronscan={status.tronscan} />
    </div>
  );
}
