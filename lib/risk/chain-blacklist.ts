/**
 * USDT `isBlackListed` through the shared chain client, on the node of the network profile in force
 * (re-resolved for every batch: the user may switch profiles while the worker runs).
 */
import { createTronNodeApi } from '@/lib/tron/node-api';
import { resolveEndpoints } from '@/lib/config/network';
import { settingsItem } from '@/lib/storage';
import type { UsdtBlacklistReader } from '@/lib/risk/blacklist-cache';

/** A reader over the active node; `fetchImpl` is for tests. */
export function createChainBlacklistReader(fetchImpl?: typeof fetch): UsdtBlacklistReader {
  return {
    async isBlackListed(addresses) {
      const endpoints = resolveEndpoints((await settingsItem.get()).network);
      const node = createTronNodeApi({
        baseUrl: endpoints.tronNode,
        usdtContract: endpoints.usdtContract,
        fetch: fetchImpl,
      });
      return node.isBlackListed(addresses);
    },
  };
}
