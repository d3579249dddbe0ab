/** The toolbar popup: a view over background state; closing it never stops a running job. */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { useAppStore } from '@/components/app-store';
import { ActivityList } from '@/components/activity/ActivityList';
import { EnergyScreen } from '@/components/energy/EnergyScreen';
import { IS_SANDBOX_BUILD } from '@/lib/config/build-mode';
import { lazyScreen } from './lazy-screen';
import { Loading } from '@/components/ui/Loading';

type Tab = 'energy' | 'aml' | 'activity';

/** The AML tab loads on first use: most popup openings are for energy and never need its code. */
const AmlScreen = lazyScreen(async () => (await import('@/components/aml/AmlScreen')).AmlScreen);

// Only a head start: opening the tab loads again and shows a failure there.
const preloadAml = () => void AmlScreen.preload().catch(() => undefined);

/** The popup: a header, the tabs, and the chosen tab's screen over the background's view. */
export function PopupApp() {
  const view = useAppStore((s) => s.view);
  const connected = useAppStore((s) => s.connected);
  const [tab, setTab] = useState<Tab>('energy');
  const tabs: { id: Tab; label: string }[] = [
    { id: 'energy', label: i18n.t('energy.title') },
    { id: 'aml', label: i18n.t('aml.title') },
    { id: 'activity', label: i18n.t('popup.tabs.activity') },
  ];

  return (
    <main class="popup">
      <header>
        <span class="brand">
          <img src="/icon/32.png" alt="" />
          {i18n.t('extName')}
          {IS_SANDBOX_BUILD && <span class="pill warn">{i18n.t('common.sandboxBadge')}</span>}
        </span>
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
            onPointerEnter={t.id === 'aml' ? preloadAml : undefined}
            onFocus={t.id === 'aml' ? preloadAml : undefined}
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
          {tab === 'activity' && <ActivityList jobs={view.jobs} />}
        </section>
      )}
    </main>
  );
}
