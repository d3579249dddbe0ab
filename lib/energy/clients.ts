/**
 * The TronNRG and chain clients for the network profile in force (lib/service-clients.ts), plus
 * short caches for the two reads every quote repeats: TronNRG's terms and the chain's energy fee.
 */
import { createTronNodeApi, type TronNodeApi } from '@/lib/tron/node-api';
import { createTronNrgApi, type TronNrgApi, type TronNrgSupply } from '@/lib/energy/tronnrg-api';
import type { TronChainParameters } from '@/lib/tron/node-schemas';
import type { ServiceEndpoints } from '@/lib/config/network';
import { createEndpointClients } from '@/lib/service-clients';

/** Terms and fees change rarely; a minute keeps a typing person's quotes cheap. */
const MARKET_CACHE_MS = 60_000;

export interface EnergyClients {
  endpoints: ServiceEndpoints;
  tronNrg: TronNrgApi;
  tronNode: TronNodeApi;
}

/** The clients for the endpoints of the settings in force. */
export const energyClients: () => Promise<EnergyClients> = createEndpointClients((endpoints) => ({
  endpoints,
  tronNrg: createTronNrgApi({ baseUrl: endpoints.tronNrg }),
  tronNode: createTronNodeApi({ baseUrl: endpoints.tronNode, usdtContract: endpoints.usdtContract }),
}));

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
