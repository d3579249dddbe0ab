/**
 * The one way the background builds a service client: for the endpoints of the network profile in
 * force, re-resolved on every use (the worker may have slept through a settings change), and rebuilt
 * only when those endpoints change. Each feature passes its own `build`, so a build bundles only the
 * clients of features a person can use, and credentials stay with the feature that holds them.
 *
 * A custom address is checked again each time it is read, not only when the options page saved it:
 * anything that could write `storage.local` could have written it, so it must still be https and
 * still covered by a host permission the person granted, or no client is built for it.
 */
import { resolveEndpoints, type ServiceEndpoints } from './config/network';
import { checkServiceUrl, permissionFor } from './config/custom-services';
import { ServiceError, type ServiceName } from './http';
import { settingsItem, type Settings } from './storage';

/** The custom addresses a person may set, and the service family each one reaches. */
const CUSTOM_ENDPOINTS = {
  twoAml: '2aml',
  tronNrg: 'tronnrg',
  tronZap: 'tronzap',
  tronNode: 'tron-node',
  gateway: 'gateway',
} as const satisfies Partial<Record<keyof ServiceEndpoints, ServiceName>>;
export type CustomEndpoint = keyof typeof CUSTOM_ENDPOINTS;

/** Whether the extension holds a host permission (the browser's answer, injectable for tests). */
export type PermissionCheck = (origin: string) => Promise<boolean>;
const browserPermission: PermissionCheck = (origin) => browser.permissions.contains({ origins: [origin] });

/** Why a stored custom address is not used, or null when it may be. */
export async function refusedEndpoint(
  url: string,
  hasPermission: PermissionCheck = browserPermission,
): Promise<string | null> {
  const checked = checkServiceUrl(url);
  if (!checked.ok) return checked.problem;
  const needed = permissionFor(checked.url);
  if (needed && !(await hasPermission(needed))) return 'no_permission';
  return null;
}

/** The endpoints in force; throws when one of `uses` is a custom address that fails its checks. */
export async function endpointsInForce(
  uses: readonly CustomEndpoint[] = Object.keys(CUSTOM_ENDPOINTS) as CustomEndpoint[],
  readSettings: () => Promise<Settings> = () => settingsItem.get(),
  hasPermission: PermissionCheck = browserPermission,
): Promise<ServiceEndpoints> {
  const { network } = await readSettings();
  const endpoints = resolveEndpoints(network);
  if (network.profile !== 'custom') return endpoints;
  for (const key of uses) {
    const custom = network.custom[key];
    const url = endpoints[key];
    // Only what the person typed needs checking; the documented hosts are part of the build.
    if (custom === undefined || url === undefined || url !== custom) continue;
    const problem = await refusedEndpoint(url, hasPermission);
    if (problem) {
      throw new ServiceError({
        service: CUSTOM_ENDPOINTS[key],
        status: 0,
        code: 'invalid_input',
        message: `The custom address ${url} is not used (${problem})`,
      });
    }
  }
  return endpoints;
}

/** `build`'s clients for the endpoints in force, cached until the endpoints change. */
export function createEndpointClients<C>(
  build: (endpoints: ServiceEndpoints) => C,
  readSettings: () => Promise<Settings> = () => settingsItem.get(),
  uses?: readonly CustomEndpoint[],
): () => Promise<C> {
  let cached: { key: string; clients: C } | undefined;
  return async () => {
    const endpoints = await endpointsInForce(uses, readSettings);
    const key = JSON.stringify(endpoints);
    if (cached?.key !== key) cached = { key, clients: build(endpoints) };
    return cached.clients;
  };
}
