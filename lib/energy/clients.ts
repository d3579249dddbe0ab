/**
 * The TronNRG and chain clients for the network profile in force (resolved again on every call: the
 * worker may have slept through a settings change), plus short caches for the two reads every quote
 * repeats: TronNRG's terms and the chain's energy fee.
 */
import { createTronNodeApi, type TronNodeApi } from '@/lib/tron/node-api';
import { createTronNrgApi, type TronNrgApi, type TronNrgSupply } from '@/lib/energy/tronnrg-api';
import type { TronChainParameters } from '@/lib/tron/node-schemas';
import { resolveEndpoints, type ServiceEndpoints } from '@/lib/config/network';
import { settingsItem } from '@/lib/storage';

/** Terms and fees change rarely; a minute keeps a typing person's quotes cheap. */
const MARKET_CACHE_MS = 60_000;

export interface EnergyClients {
  endpoints: ServiceEndpoints;
  tronNrg: TronNrgApi;
  tronNode: TronNodeApi;
}

/** Builds the clients for the endpoints of the settings in force. */
export async function energyClients(fetchImpl?: typeof fetch): Promise<EnergyClients> {
  const endpoints = resolveEndpoints((await settingsItem.get()).network);
  return {
    endpoints,
    tronNrg: createTronNrgApi({ baseUrl: endpoints.tronNrg, fetch: fetchImpl }),
    tronNode: createTronNodeApi({
      baseUrl: endpoints.tronNode,
      usdtContract: endpoints.usdtContract,
      fetch: fetchImpl,
    }),
  };
}

function cachedPerEndpoint<T>(
  read: (clients: EnergyClients) => Promise<T>,
  key: (e: ServiceEndpoints) => string,
) {
  let cached: { key: string; at: number; value: T } | undefined;
  return async (clients: EnergyClients): Promise<T> => {
    const k = key(clients.endpoints);
    if (cached && cached.key === k && Date.now() - cached.at < MARKET_CACHE_MS) return cached.value;
    const value = await read(clients);
    cached = { key: k, at: Date.now(), value };
    return value;
  };
}

/** TronNRG's live `/supply` (cached briefly); throws when it cannot be read. */
export const readSupply: (clients: EnergyClients) => Promise<TronNrgSupply> = cachedPerEndpoint(
  (clients) => clients.tronNrg.supply(),
  (e) => e.tronNrg,
);

/** The chain's resource prices (cached briefly). */
export const readChainParameters: (clients: EnergyClients) => Promise<TronChainParameters> =
  cachedPerEndpoint(
    (clients) => clients.tronNode.chainParameters(),
    (e) => e.tronNode,
  );
