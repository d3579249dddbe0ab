/** The toolbar popup: a view over background state; closing it never stops a running job. */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { useAppStore } from '@/components/app-store';
import { ActivityList } from '@/components/activity/ActivityList';
import { EnergyScreen } from '@/components/energy/EnergyScreen';
import { IS_SANDBOX_BUILD } from '@/lib/config/build-mode';
import { lazyScreen } from './lazy-screen';
import { Loading } from '@/components/ui/Loading';

type Tab = 'energy' | 'aml' | 'payments' | 'activity';

/** The AML tab loads on first use: most popup openings are for energy and never need its code. */
const AmlScreen = lazyScreen(async () => (await import('@/components/aml/AmlScreen')).AmlScreen);

/** The Payments tab exists only once a gateway is set up, and loads on first use like AML. */
const PaymentsScreen = lazyScreen(
  async () => (await import('@/components/payments/PaymentsScreen')).PaymentsScreen,
);

// Only a head start: opening the tab loads again and shows a failure there.
const preloadAml = () => void AmlScreen.preload().catch(() => undefined);
const preloadPayments = () => void PaymentsScreen.preload().catch(() => undefined);
const preloads: Partial<Record<Tab, () => void>> = { aml: preloadAml, payments: preloadPayments };

/** The popup: a header, the tabs, and the chosen tab's screen over the background's view. */
export function PopupApp() {
  const view = useAppStore((s) => s.view);
  const connected = useAppStore((s) => s.connected);
  const [chosen, setTab] = useState<Tab>('energy');
  const payments = view?.payments.configured === true;
  const tabs: { id: Tab; label: string }[] = [
    { id: 'energy', label: i18n.t('energy.title') },
    { id: 'aml', label: i18n.t('aml.title') },
    ...(payments ? [{ id: 'payments' as const, label: i18n.t('payments.title') }] : []),
    { id: 'activity', label: i18n.t('popup.tabs.activity') },
  ];
  // A gateway removed while its tab was open: back to the first tab.
  const tab = tabs.some((t) => t.id === chosen) ? chosen : 'energy';

  return (
    <main class="popup">
      <header>
        <h1 class="brand">
          <img src="/icon/32.png" alt="" />
          {i18n.t('extName')}
          {IS_SANDBOX_BUILD && <span class="pill warn">{i18n.t('common.sandboxBadge')}</span>}
        </h1>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {i18n.t('common.settings')}
        </button>
      </header>
      <nav class="tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            onClick={() => setTab(t.id)}
            onPointerEnter={preloads[t.id]}
            onFocus={preloads[t.id]}
          >
            {t.label}
          </button>
        ))}
      </nav>
      {!connected && <p class="muted">{i18n.t('common.workerReconnecting')}</p>}
      {!view ? (
        <Loading />
      ) : (
        <section role="tabpanel" aria-label={tabs.find((t) => t.id === tab)!.label}>
          {tab === 'energy' && <EnergyScreen />}
          {tab === 'aml' && <AmlScreen />}
          {tab === 'payments' && <PaymentsScreen />}
          {tab === 'activity' && <ActivityList jobs={view.jobs} />}
        </section>
      )}
    </main>
  );
}
