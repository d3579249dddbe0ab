/**
 * The person's TronZap API token and secret: sealed at rest (lib/sealed.ts) together with the
 * origin they were saved for, held by the background only, and handed to a TronZap client only while
 * the TronZap address in force is still on that origin. Neither is ever shown again or logged; a
 * changed TronZap address leaves TronZap unusable until they are entered again, never pointed elsewhere.
 */
import { z } from 'zod';
import { defineValidatedItem } from '../storage';
import { indexedDbKeyStore, sealedItem, sealedValueSchema, type KeyStore } from '../sealed';

/** The sealed token and secret (their origin is sealed with them). */
export const tronZapKeyItem = defineValidatedItem('local:tronZapKey', sealedValueSchema, { fallback: null });

/** The origin they were saved for, in the clear (not secret), to show "set up" without opening them. */
export const tronZapKeyOriginItem = defineValidatedItem(
  'local:tronZapKeyOrigin',
  z.string().nullable().catch(null),
  { fallback: null },
);

const openedSchema = z
  .object({ token: z.string().min(1), secret: z.string().min(1), origin: z.string() })
  .nullable()
  .catch(null);

export interface TronZapCredential {
  token: string;
  secret: string;
}

/** The origin of a base URL ("https://api.tronzap.com"), or null when it is not a URL. */
export function originOf(baseUrl: string): string | null {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return null;
  }
}

/** Reads and writes the TronZap credentials. */
export function createTronZapCredentials(keys: KeyStore = indexedDbKeyStore('ampere-tronzap-seal')) {
  const sealed = sealedItem(tronZapKeyItem, openedSchema, keys, 'TronZap API secret');

  return {
    /** Seals the token and secret for the origin of `baseUrl`. */
    async save(baseUrl: string, credential: TronZapCredential): Promise<void> {
      const origin = originOf(baseUrl);
      if (!origin) throw new Error('the TronZap address is not a URL');
      await sealed.set({ ...credential, origin });
      await tronZapKeyOriginItem.set(origin);
    },
    /** Forgets both. */
    async forget(): Promise<void> {
      await tronZapKeyItem.set(null);
      await tronZapKeyOriginItem.set(null);
    },
    /** The origin they were saved for, without opening them (null when none are kept). */
    async savedFor(): Promise<string | null> {
      const [kept, origin] = await Promise.all([tronZapKeyItem.get(), tronZapKeyOriginItem.get()]);
      return kept ? origin : null;
    },
    /** The token and secret, or null when none are kept or they were saved for another origin. */
    async read(baseUrl: string): Promise<TronZapCredential | null> {
      const opened = await sealed.get();
      // The origin sealed with them decides: the one stored in the clear only says "set up".
      if (!opened || opened.origin !== originOf(baseUrl)) return null;
      return { token: opened.token, secret: opened.secret };
    },
  };
}

export type TronZapCredentials = ReturnType<typeof createTronZapCredentials>;
