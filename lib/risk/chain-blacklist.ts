/**
 * USDT `isBlackListed` through the shared chain client, on the node of the network profile in force
 * (re-resolved for every batch: the user may switch profiles while the worker runs).
 */
import { createTronNodeApi } from '@/lib/tron/node-api';
import { createEndpointClients } from '@/lib/service-clients';
import type { UsdtBlacklistReader } from '@/lib/risk/blacklist-cache';

/** A reader over the active node; `fetchImpl` is for tests. */
export function createChainBlacklistReader(fetchImpl?: typeof fetch): UsdtBlacklistReader {
  const chainNode = createEndpointClients((endpoints) =>
    createTronNodeApi({
      baseUrl: endpoints.tronNode,
      usdtContract: endpoints.usdtContract,
      fetch: fetchImpl,
    }),
  );
  return {
    async isBlackListed(addresses) {
      return (await chainNode()).isBlackListed(addresses);
    },
  };
}
