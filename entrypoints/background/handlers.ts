/** The background's message handlers; each one is reachable only through the role-checked router. */
import type { Handlers } from '@/lib/messaging';
import type { JobRunner } from '@/lib/jobs/runner';
import { jobsItem, settingsItem } from '@/lib/storage';
import { buildAppView } from './view-ports';

export function createHandlers({ runner }: { runner: JobRunner }): Handlers {
  return {
    'app.ping': (_data, { role }) => ({ version: browser.runtime.getManifest().version, role }),
    'view.get': () => buildAppView(),
    'settings.update': (patch) =>
      settingsItem.update((current) => ({
        network: { ...current.network, ...patch.network },
        badges: { ...current.badges, ...patch.badges },
        privacy: { ...current.privacy, ...patch.privacy },
      })),
    'jobs.dismiss': async ({ id }) => {
      const job = (await jobsItem.get())[id];
      if (job?.terminal) await runner.remove(id);
    },
  };
}
