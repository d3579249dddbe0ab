/**
 * Reads USDT `isBlackListed(address)` from the TRON node with `triggerconstantcontract` (a free,
 * read-only call). It stands in until the shared chain client (`lib/api/tron-node.ts`) lands; both
 * satisfy `UsdtBlacklistReader`, so switching is one line in `createRiskHandlers`' caller.
 */
import { z } from 'zod';
import { createHttpClient } from '@/lib/http';
import { resolveEndpoints } from '@/lib/config/network';
import { settingsItem } from '@/lib/storage';
import { fromHexAddress, toHexAddress } from '@/lib/tron/address';
import type { UsdtBlacklistReader } from '@/lib/risk/blacklist-cache';

// The node wants some caller for a constant call; like TronWeb we use the all-zero address.
const ZERO_CALLER = fromHexAddress(`41${'0'.repeat(40)}`);
/** Calls in flight at once: TronGrid without an API key allows a handful per second. */
const CONCURRENCY = 4;

const constantCallSchema = z.object({
  result: z.object({ result: z.boolean().optional(), code: z.string().optional() }).loose(),
  constant_result: z.array(z.string().regex(/^[0-9a-fA-F]*$/)).optional(),
});

/** The 32-byte ABI word of an address argument: 12 zero bytes, then the 20-byte account id. */
export function addressWord(address: string): string {
  return toHexAddress(address).slice(2).padStart(64, '0');
}

/** A reader over the node of the active network profile (re-resolved on every batch). */
export function createChainBlacklistReader(fetchImpl?: typeof fetch): UsdtBlacklistReader {
  return {
    async isBlackListed(addresses) {
      const endpoints = resolveEndpoints((await settingsItem.get()).network);
      const client = createHttpClient({
        service: 'tron-node',
        baseUrl: endpoints.tronNode,
        fetch: fetchImpl,
        timeoutMs: 10_000,
        readError: (status, body) => {
          const parsed = constantCallSchema.safeParse(body);
          if (status >= 400 || !parsed.success) return null;
          if (parsed.data.result.result === true) return null;
          return { code: parsed.data.result.code ?? 'constant_call_failed', message: 'isBlackListed failed' };
        },
      });
      const answers = new Map<string, boolean>();
      const queue = [...addresses];
      const worker = async () => {
        for (let address = queue.shift(); address !== undefined; address = queue.shift()) {
          try {
            const reply = await client.request({
              method: 'POST',
              path: '/wallet/triggerconstantcontract',
              body: {
                owner_address: ZERO_CALLER,
                contract_address: endpoints.usdtContract,
                function_selector: 'isBlackListed(address)',
                parameter: addressWord(address),
                visible: true,
              },
              // A constant call changes nothing on chain, so repeating it is safe.
              idempotent: true,
              schema: constantCallSchema,
            });
            const word = reply.constant_result?.[0];
            if (word && word.length === 64) answers.set(address, BigInt(`0x${word}`) !== 0n);
          } catch {
            // Left out of the answer: the cache keeps its old value and asks again later.
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, addresses.length) }, worker));
      return answers;
    },
  };
}
