/** The background's message handlers; each one is reachable only through the role-checked router. */
import type { Handlers } from '@/lib/messaging';
import type { JobRunner } from '@/lib/jobs/runner';
import { jobsItem, settingsItem, type Settings } from '@/lib/storage';
import { buildAppView, type ViewSectionBuilders } from './view-ports';
import { checkServiceUrl, permissionFor, type CustomService } from '@/lib/config/custom-services';

type CustomPatch = Partial<Record<CustomService, string | null>>;

/** The stored custom addresses with a patch applied: null goes back to the documented address. */
function mergeCustom(
  current: Settings['network']['custom'],
  patch: CustomPatch,
): Settings['network']['custom'] {
  const next = { ...current };
  for (const [service, text] of Object.entries(patch) as [CustomService, string | null | undefined][]) {
    if (text === undefined) continue;
    if (text === null) delete next[service];
    else {
      const checked = checkServiceUrl(text);
      if (checked.ok) next[service] = checked.url;
    }
  }
  return next;
}

/** Host permissions the patch's addresses need and the extension does not hold. */
async function missingPermissions(patch: CustomPatch): Promise<string[]> {
  const needed = new Set<string>();
  for (const text of Object.values(patch)) {
    if (!text) continue;
    const checked = checkServiceUrl(text);
    const permission = checked.ok ? permissionFor(checked.url) : null;
    if (permission) needed.add(permission);
  }
  const missing: string[] = [];
  for (const origin of needed) {
    if (!(await browser.permissions.contains({ origins: [origin] }))) missing.push(origin);
  }
  return missing;
}

/** The app's own handlers; `viewSections` are the features' parts of the view, as the view ports get them. */
export function createHandlers({
  runner,
  viewSections,
}: {
  runner: JobRunner;
  viewSections: ViewSectionBuilders;
}): Handlers {
  return {
    'app.ping': (_data, { role }) => ({ version: browser.runtime.getManifest().version, role }),
    'view.get': () => buildAppView(viewSections),
    'settings.update': async (patch) => {
      const { custom: customPatch, ...network } = patch.network ?? {};
      // A custom address is used only once the person granted Ampere its host (the options page asks).
      const missing = await missingPermissions(customPatch ?? {});
      if (missing.length > 0) throw new Error(`no host permission for ${missing.join(', ')}`);
      return settingsItem.update((current) => ({
        network: {
          ...current.network,
          ...network,
          custom: customPatch ? mergeCustom(current.network.custom, customPatch) : current.network.custom,
        },
        badges: { ...current.badges, ...patch.badges },
        privacy: { ...current.privacy, ...patch.privacy },
      }));
    },
    'jobs.dismiss': async ({ id }) => {
      const job = (await jobsItem.get())[id];
      if (job?.terminal) await runner.remove(id);
    },
  };
}
