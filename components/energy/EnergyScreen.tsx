/**
 * The popup's Energy screen, decision first: a compact account card, the rental form with every
 * source's offer (the best one and its Rent button in view), the running rental's or order's
 * progress, then the TronZap form and the rental history. A view over background state: closing the popup
 * (TronLink's windows close it) never stops a rental.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { useAppStore } from '@/components/app-store';
import { sendMessage } from '@/lib/messaging';
import { NRG_CLAIM_KIND } from '@/lib/energy/job-names';
import { AccountCard } from './AccountCard';
import { BandwidthCard } from './BandwidthCard';
import { RentForm } from './RentForm';
import { RentalHistory } from './RentalHistory';
import { RentalProgress } from './RentalProgress';
import { ZapOrderForm } from './ZapOrderForm';
import { TwoamlEnergySection } from './TwoamlEnergySection';
import { OFFER_ORDER_KINDS, OfferOrderProgress } from './OfferOrderProgress';
import { useEnergyResources, useEnergyView } from './use-energy';
import { Loading } from '@/components/ui/Loading';
import './energy.css';

/** A finished rental stays on top this long, so its outcome is seen before it joins the history. */
const RECENT_OUTCOME_MS = 10 * 60_000;

/** The Energy tab of the popup. */
export function EnergyScreen() {
  const jobs = useAppStore((s) => s.view?.jobs ?? []);
  const energy = useEnergyView();
  const chain = useEnergyResources(jobs);
  const [connecting, setConnecting] = useState(false);
  const [connectMessage, setConnectMessage] = useState<string | null>(null);

  const rentals = jobs.filter((job) => job.kind === NRG_CLAIM_KIND);
  const current =
    rentals.find((job) => !job.terminal) ??
    rentals.find((job) => Date.now() - job.updatedAt < RECENT_OUTCOME_MS);
  const orders = jobs.filter((job) => OFFER_ORDER_KINDS.includes(job.kind));
  const order =
    orders.find((job) => !job.terminal) ??
    orders.find((job) => Date.now() - job.updatedAt < RECENT_OUTCOME_MS);

  async function connect() {
    setConnecting(true);
    setConnectMessage(null);
    try {
      const answer = await sendMessage('energy.connect', undefined);
      setConnectMessage(answer.ok ? null : answer.problem.message);
    } catch {
      setConnectMessage(i18n.t('energy.connect.timeout'));
    }
    // The view shows the attempt pending until TronLink's answer is stored, then the account.
    setConnecting(false);
    await chain.reload();
  }

  async function verify() {
    // The outcome arrives with the view (energy.verify); a refused message means no account any more.
    await sendMessage('energy.verify', undefined).catch(() => undefined);
  }

  async function forget() {
    await sendMessage('energy.forget', undefined);
    setConnectMessage(null);
  }

  if (!energy) {
    return <Loading />;
  }
  const pendingConnect = connecting || energy.connect.pending;
  const lastConnectMessage =
    connectMessage ??
    (energy.connect.status && energy.connect.status !== 'connected' ? energy.connect.message : null);

  return (
    <div class="stack energy-screen">
      <AccountCard
        account={energy.account}
        resources={chain.problem ? null : chain.value}
        readProblem={chain.problem}
        connecting={pendingConnect}
        connectMessage={lastConnectMessage}
        verify={{
          pending: energy.verify.pending,
          message: energy.verify.pending ? null : energy.verify.message,
        }}
        onVerify={() => void verify()}
        onConnect={() => void connect()}
        onForget={() => void forget()}
        onRefresh={() => void chain.reload()}
      />
      {current && <RentalProgress job={current} tronscan={energy.tronscan} />}
      {order && <OfferOrderProgress job={order} />}
      {energy.account && (
        // A finished order or a chain read after the first (a rental finished, Refresh, Connect)
        // changed the receiver's energy: the offers are asked again. The first read is not a change:
        // the offers asked at mount already read the chain themselves, in the background.
        <RentForm
          account={energy.account.address}
          chainVersion={Math.max(0, chain.answered - 1) + orders.filter((job) => job.terminal).length}
        />
      )}
      <BandwidthCard resources={chain.problem ? null : (chain.value?.account ?? null)} />
      <ZapOrderForm account={energy.account?.address ?? null} />
      <RentalHistory entries={energy.history} tronscan={energy.tronscan} />
      <TwoamlEnergySection />
    </div>
  );
}
