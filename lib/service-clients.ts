/**
 * The one way the background builds a service client: for the endpoints of the network profile in
 * force, re-resolved on every use (the worker may have slept through a settings change), and rebuilt
 * only when those endpoints change. Each feature passes its own `build`, so a build bundles only the
 * clients of features a person can use, and credentials stay with the feature that holds them.
 */
import { resolveEndpoints, type ServiceEndpoints } from './config/network';
import { settingsItem, type Settings } from './storage';

/** `build`'s clients for the endpoints in force, cached until the endpoints change. */
export function createEndpointClients<C>(
  build: (endpoints: ServiceEndpoints) => C,
  readSettings: () => Promise<Settings> = () => settingsItem.get(),
): () => Promise<C> {
  let cached: { key: string; clients: C } | undefined;
  return async () => {
    const endpoints = resolveEndpoints((await readSettings()).network);
    const key = JSON.stringify(endpoints);
    if (cached?.key !== key) cached = { key, clients: build(endpoints) };
    return cached.clients;
  };
}
