/**
 * Pushes the app view to every open extension page over a port, so UI stores mirror background
 * state without touching storage themselves. A page's open port also keeps the worker alive while
 * the user is looking at it.
 */
import type { Browser } from 'wxt/browser';
import { jobsItem, settingsItem } from '@/lib/storage';
import { VIEW_PORT, jobView, sortJobs, type AppView, type ViewSections } from '@/lib/app-view';

/** How each feature's section is read from stored state; the background entry passes them in. */
export type ViewSectionBuilders = { [K in keyof ViewSections]: () => Promise<ViewSections[K]> };

async function buildSections(builders: ViewSectionBuilders): Promise<ViewSections> {
  const built = await Promise.all(
    Object.entries(builders).map(async ([name, build]) => [name, await build()] as const),
  );
  return Object.fromEntries(built) as unknown as ViewSections;
}

/** Reads stored state and returns what UI pages may see. */
export async function buildAppView(sections: ViewSectionBuilders): Promise<AppView> {
  const [settings, jobs, built] = await Promise.all([
    settingsItem.get(),
    jobsItem.get(),
    buildSections(sections),
  ]);
  const views = sortJobs(Object.values(jobs).map(jobView));
  return {
    version: browser.runtime.getManifest().version,
    profile: settings.network.profile,
    settings,
    jobs: views,
    pendingJobs: views.filter((j) => !j.terminal).length,
    ...built,
  };
}

/**
 * Registers the port listener and the storage watcher that re-sends views. `onWatching` hears
 * whether any page is connected (the job runner polls orders faster while one is).
 */
export function registerViewPorts(
  sections: ViewSectionBuilders,
  onWatching: (watching: boolean) => void = () => undefined,
): void {
  const ports = new Set<Browser.runtime.Port>();
  let scheduled = false;

  const broadcast = () => {
    if (scheduled || ports.size === 0) return;
    scheduled = true;
    // Coalesce bursts of storage writes (one job step writes several times) into one view.
    setTimeout(async () => {
      scheduled = false;
      const view = await buildAppView(sections);
      for (const port of ports) port.postMessage(view);
    }, 30);
  };

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== VIEW_PORT || port.sender?.id !== browser.runtime.id) return;
    if (!port.sender.url?.startsWith(browser.runtime.getURL('/'))) {
      port.disconnect();
      return;
    }
    ports.add(port);
    onWatching(true);
    port.onDisconnect.addListener(() => {
      ports.delete(port);
      if (ports.size === 0) onWatching(false);
    });
    void buildAppView(sections).then((view) => port.postMessage(view));
  });
  browser.storage.onChanged.addListener(broadcast);
}
