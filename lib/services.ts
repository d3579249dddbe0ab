/**
 * The background's service clients, built for the endpoints of the network profile in force. Only
 * the background holds credentials; the 2aml token comes from the session module through the
 * providers it passes in, so a new sign-in needs no new clients.
 */
import { resolveEndpoints, type ServiceEndpoints } from '@/lib/config/network';
import type { Settings } from '@/lib/storage';
import { settingsItem } from '@/lib/storage';
import { createGatewayApi } from '@/lib/payments/gateway-api';
import { createTronNodeApi } from '@/lib/tron/node-api';
import { createTronNrgApi } from '@/lib/energy/tronnrg-api';
import { createTronZapApi } from '@/lib/energy/tronzap-api';
import { createTwoAmlApi, type TwoAmlApiOptions } from '@/lib/twoaml/api';

/** What the clients need besides the endpoints: providers and credentials the user set up. */
export interface ServiceCredentials {
  twoAml: Pick<TwoAmlApiOptions, 'getToken' | 'getFingerprint' | 'onUnauthorized'>;
  /** TronZap's API token and secret; without them there is no TronZap client. */
  tronZap?: { token: string; secret: string };
  /** The merchant's gateway API key; without it (or a gateway URL) there is no gateway client. */
  gateway?: { apiKey: string };
}

export interface ServiceClientsInit extends ServiceCredentials {
  endpoints: ServiceEndpoints;
  /** For tests: the fetch every client uses. */
  fetch?: typeof fetch;
}

/** Creates one client per service for `endpoints`. */
export function createServiceClients(init: ServiceClientsInit) {
  const { endpoints, fetch } = init;
  return {
    endpoints,
    twoAml: createTwoAmlApi({ baseUrl: endpoints.twoAml, fetch, ...init.twoAml }),
    tronNrg: createTronNrgApi({ baseUrl: endpoints.tronNrg, fetch }),
    tronNode: createTronNodeApi({ baseUrl: endpoints.tronNode, usdtContract: endpoints.usdtContract, fetch }),
    tronZap: init.tronZap
      ? createTronZapApi({ baseUrl: endpoints.tronZap, fetch, ...init.tronZap })
      : undefined,
    gateway:
      init.gateway && endpoints.gateway
        ? createGatewayApi({ baseUrl: endpoints.gateway, apiKey: init.gateway.apiKey, fetch })
        : undefined,
  };
}

export type ServiceClients = ReturnType<typeof createServiceClients>;

function sameCredentials(a: ServiceCredentials, b: ServiceCredentials): boolean {
  return (
    a.twoAml.getToken === b.twoAml.getToken &&
    a.twoAml.getFingerprint === b.twoAml.getFingerprint &&
    a.twoAml.onUnauthorized === b.twoAml.onUnauthorized &&
    a.tronZap?.token === b.tronZap?.token &&
    a.tronZap?.secret === b.tronZap?.secret &&
    a.gateway?.apiKey === b.gateway?.apiKey
  );
}

/**
 * A `getServiceClients` over a settings source: it re-reads the settings on every call (the worker
 * may have slept through a change) and rebuilds the clients only when the resolved endpoints or the
 * credentials differ from last time.
 */
export function createServiceClientsCache(
  readSettings: () => Promise<Settings> = () => settingsItem.get(),
  options: { fetch?: typeof fetch } = {},
) {
  let cached: { endpointsKey: string; credentials: ServiceCredentials; clients: ServiceClients } | undefined;
  return async function getServiceClients(credentials: ServiceCredentials): Promise<ServiceClients> {
    const endpoints = resolveEndpoints((await readSettings()).network);
    const endpointsKey = JSON.stringify(endpoints);
    if (cached && cached.endpointsKey === endpointsKey && sameCredentials(cached.credentials, credentials)) {
      return cached.clients;
    }
    const clients = createServiceClients({ endpoints, fetch: options.fetch, ...credentials });
    cached = { endpointsKey, credentials, clients };
    return clients;
  };
}

/** The clients for the settings in force (cached until the endpoints or credentials change). */
export const getServiceClients = createServiceClientsCache();
