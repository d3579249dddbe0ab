/**
 * The merchant's API key: sealed at rest (lib/sealed.ts) together with the origin it was saved for,
 * held by the background only, and handed to the gateway client only when the stored base URL is
 * still on that origin. A key is never shown again, never logged and never sent anywhere else: a
 * changed base URL without a new key leaves the gateway unusable, not pointed elsewhere.
 */
import { z } from 'zod';
import { defineValidatedItem, settingsItem } from '../storage';
import { indexedDbKeyStore, sealedItem, sealedValueSchema, type KeyStore } from '../sealed';
import { originOf } from './gateway-url';

/** The sealed key (its origin is sealed with it). */
export const gatewayKeyItem = defineValidatedItem('local:paymentGatewayKey', sealedValueSchema, {
  fallback: null,
});

/** The origin the key was saved for, in the clear (not secret), to tell "set up" without opening it. */
export const gatewayKeyOriginItem = defineValidatedItem(
  'local:paymentGatewayKeyOrigin',
  z.string().nullable().catch(null),
  { fallback: null },
);

const openedKeySchema = z
  .object({ apiKey: z.string().min(1), origin: z.string() })
  .nullable()
  .catch(null);

export interface GatewayCredential {
  baseUrl: string;
  apiKey: string;
}

/** Reads and writes the merchant's set-up. */
export function createGatewayCredentials(keys: KeyStore = indexedDbKeyStore('ampere-gateway-seal')) {
  const sealed = sealedItem(gatewayKeyItem, openedKeySchema, keys, 'gateway API key');

  return {
    /** Stores the base URL and seals the key for its origin (both checked by the caller). */
    async save(baseUrl: string, apiKey: string): Promise<void> {
      const origin = originOf(baseUrl);
      await sealed.set({ apiKey, origin });
      await gatewayKeyOriginItem.set(origin);
      await settingsItem.update((settings) => ({
        ...settings,
        network: { ...settings.network, custom: { ...settings.network.custom, gateway: baseUrl } },
      }));
    },
    /** Forgets the key and the base URL. */
    async forget(): Promise<void> {
      await gatewayKeyItem.set(null);
      await gatewayKeyOriginItem.set(null);
      await settingsItem.update((settings) => ({
        ...settings,
        network: { ...settings.network, custom: { ...settings.network.custom, gateway: undefined } },
      }));
    },
    /** True when a base URL and a key sealed for its origin are stored (the key is not opened). */
    async configured(): Promise<{ configured: boolean; baseUrl: string | null }> {
      const [settings, sealedKey, origin] = await Promise.all([
        settingsItem.get(),
        gatewayKeyItem.get(),
        gatewayKeyOriginItem.get(),
      ]);
      const baseUrl = settings.network.custom.gateway ?? null;
      const configured = baseUrl !== null && sealedKey !== null && origin === safeOrigin(baseUrl);
      return { configured, baseUrl };
    },
    /**
     * The base URL and key, or null when either is missing or the key was saved for another origin
     * than the base URL now names (then the key is never opened for it).
     */
    async read(): Promise<GatewayCredential | null> {
      const baseUrl = (await settingsItem.get()).network.custom.gateway;
      if (!baseUrl) return null;
      const opened = await sealed.get();
      // The origin sealed with the key decides: the one stored in the clear only says "set up".
      if (!opened || opened.origin !== safeOrigin(baseUrl)) return null;
      return { baseUrl, apiKey: opened.apiKey };
    },
  };
}

function safeOrigin(url: string): string | null {
  try {
    return originOf(url);
  } catch {
    return null;
  }
}

export type GatewayCredentials = ReturnType<typeof createGatewayCredentials>;
