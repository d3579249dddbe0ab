/**
 * Secrets at rest, sealed: a kept 2aml session, a merchant's gateway API key. Whatever a feature keeps
 * in `storage.local` can be read by the extension's content scripts in Chrome (they run in web pages'
 * processes) unless the worker restricted it in time, so what is stored is AES-GCM ciphertext, and
 * the key lives in the extension origin's IndexedDB: a CryptoKey made non-extractable, which no page
 * process can reach and no script can export. A value that cannot be opened (key gone, data
 * altered) reads as absent; the next write replaces it.
 */
import { get as idbGet, set as idbSet } from 'idb-keyval';
import { base64 } from '@scure/base';
import { z } from 'zod';
import type { ValidatedItem } from './storage';
import { createLogger } from './log';

const log = createLogger('sealed');

/** A value sealed with AES-GCM: base64 nonce and ciphertext; anything else reads as none. */
export const sealedValueSchema = z
  .object({ v: z.literal(1), iv: z.string().min(1), data: z.string().min(1) })
  .nullable()
  .catch(null);
export type SealedValue = NonNullable<z.output<typeof sealedValueSchema>>;

/** Where the sealing key is kept. */
export interface KeyStore {
  get(): Promise<CryptoKey | undefined>;
  set(key: CryptoKey): Promise<void>;
}

/** The key in the extension origin's IndexedDB (idb-keyval's default store). */
export function indexedDbKeyStore(name = 'ampere-session-seal'): KeyStore {
  return {
    get: () => idbGet<CryptoKey>(name),
    set: (key) => idbSet(name, key),
  };
}

/** Base64 to bytes backed by a plain ArrayBuffer, as WebCrypto's types want them. */
const bytes = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(base64.decode(text));

/** The part of a stored item a sealed value is read and written through. */
export type SessionStore<T> = Pick<ValidatedItem<T>, 'get' | 'set'>;

/**
 * `inner` (the stored ciphertext) read and written as plain values of `schema`; `what` names the
 * value in the one warning an unopenable value logs (never the value itself).
 */
export function sealedItem<S extends z.ZodType>(
  inner: ValidatedItem<SealedValue | null>,
  schema: S,
  keys: KeyStore,
  what = 'kept 2aml session',
): SessionStore<z.output<S> | null> {
  type T = z.output<S>;
  let creating: Promise<CryptoKey> | undefined;

  async function newKey(): Promise<CryptoKey> {
    return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  }

  async function key(): Promise<CryptoKey> {
    const existing = await keys.get();
    if (existing) return existing;
    creating ??= (async () => {
      const made = await newKey();
      await keys.set(made);
      return made;
    })();
    return creating;
  }

  return {
    async get(): Promise<T | null> {
      const sealed = await inner.get();
      if (!sealed) return null;
      const existing = await keys.get();
      if (!existing) return null;
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes(sealed.iv) },
          existing,
          bytes(sealed.data),
        );
        const parsed = schema.safeParse(JSON.parse(new TextDecoder().decode(plain)));
        return parsed.success ? parsed.data : null;
      } catch (error) {
        // The error's name only: a JSON error's message may quote the opened value, secret included.
        const kind = error instanceof Error ? error.name : typeof error;
        log.warn(`the ${what} could not be opened (${kind}); it reads as absent`);
        return null;
      }
    },
    async set(value: T | null): Promise<void> {
      if (value === null || value === undefined) {
        const held = await inner.get();
        await inner.set(null);
        if (!held) return;
        // A new key whenever a sealed session is cleared (sign-out, or the session moved to memory):
        // a copy taken before and written back later by anything that can write storage.local opens
        // no more.
        creating = undefined;
        await keys.set(await newKey());
        return;
      }
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv },
        await key(),
        new TextEncoder().encode(JSON.stringify(value)),
      );
      await inner.set({ v: 1, iv: base64.encode(iv), data: base64.encode(new Uint8Array(data)) });
    },
  };
}
