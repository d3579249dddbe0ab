/**
 * The settings a person controls, each field written once for its two uses: the stored item
 * (lib/storage.ts) gives every field a default and repairs what does not parse, and the
 * `settings.update` message (lib/messaging.ts) takes any subset of the fields, strictly. Built on
 * call, so a context that only sends messages (a content script) never bundles zod.
 */
import { z } from 'zod';
import { LOOKALIKE_SENSITIVITIES, NETWORK_PROFILES } from './choices';
import { CUSTOM_SERVICES, type CustomService } from './custom-services';

/** Each section's fields, but the network's custom addresses (see `perCustomService`). */
export function settingsFields() {
  return {
    network: { profile: z.enum(NETWORK_PROFILES) },
    badges: {
      enabled: z.boolean(),
      freeSignals: z.boolean(),
      lookalikeSensitivity: z.enum(LOOKALIKE_SENSITIVITIES),
    },
    privacy: { keepSignedIn: z.boolean(), sendFingerprint: z.boolean() },
  };
}

type Fields = ReturnType<typeof settingsFields>;
type ValuesOf<S extends Record<string, z.ZodType>> = { [K in keyof S]: z.output<S[K]> };

/** Fresh settings, and what a stored field or section that does not parse goes back to. */
export const DEFAULT_SETTINGS = {
  network: { profile: 'production', custom: {} },
  badges: { enabled: true, freeSignals: true, lookalikeSensitivity: 'normal' },
  privacy: { keepSignedIn: false, sendFingerprint: false },
} satisfies { [K in keyof Fields]: ValuesOf<Fields[K]> } & { network: { custom: object } };

/** One custom address field for every service the options page may point elsewhere. */
export function perCustomService<T extends z.ZodType>(field: () => T): Record<CustomService, T> {
  return Object.fromEntries(CUSTOM_SERVICES.map((service) => [service, field()])) as Record<CustomService, T>;
}
