/** The kept session is sealed in storage.local: readable back with the key, useless without it. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { sealedItem, type KeyStore } from '@/lib/sealed';
import { storedSessionSchema, type StoredSession } from '@/lib/twoaml/session-schemas';
import { twoAmlSessionKeptItem } from '@/lib/twoaml/session-schemas';

const SESSION: StoredSession = {
  token: 'tok_0123456789abcdef',
  origin: 'https://back.2aml.com',
  user: {
    id: 2,
    email: 'alice@example.com',
    emailVerified: true,
    twoFactorEnabled: false,
    referralCode: null,
    displayName: null,
  },
  signedInAt: 1_795_000_000_000,
};

function keyStore(): KeyStore & { key?: CryptoKey } {
  const store: KeyStore & { key?: CryptoKey } = {
    get: async () => store.key,
    set: async (key) => {
      store.key = key;
    },
  };
  return store;
}

const raw = async () => (await fakeBrowser.storage.local.get('twoAmlSessionSealed')).twoAmlSessionSealed;

describe('sealedItem', () => {
  beforeEach(() => fakeBrowser.reset());

  it('stores ciphertext only, and reads the session back with the same key', async () => {
    const keys = keyStore();
    const item = sealedItem(twoAmlSessionKeptItem, storedSessionSchema, keys);
    await item.set(SESSION);
    const stored = JSON.stringify(await raw());
    expect(stored).not.toContain(SESSION.token);
    expect(stored).not.toContain('alice@example.com');
    expect(keys.key?.extractable).toBe(false);
    // Another item over the same storage and key store (a restarted worker) opens it.
    await expect(sealedItem(twoAmlSessionKeptItem, storedSessionSchema, keys).get()).resolves.toEqual(
      SESSION,
    );
  });

  it('seals each write with a fresh nonce', async () => {
    const item = sealedItem(twoAmlSessionKeptItem, storedSessionSchema, keyStore());
    await item.set(SESSION);
    const first = (await raw()) as { iv: string; data: string };
    await item.set(SESSION);
    const second = (await raw()) as { iv: string; data: string };
    expect(second.iv).not.toBe(first.iv);
    expect(second.data).not.toBe(first.data);
  });

  it('reads as signed out when the key is gone or the data was altered', async () => {
    const keys = keyStore();
    const item = sealedItem(twoAmlSessionKeptItem, storedSessionSchema, keys);
    await item.set(SESSION);
    const sealed = (await raw()) as { v: 1; iv: string; data: string };

    await expect(
      sealedItem(twoAmlSessionKeptItem, storedSessionSchema, keyStore()).get(),
    ).resolves.toBeNull();

    const flipped = (sealed.data[0] === 'A' ? 'B' : 'A') + sealed.data.slice(1);
    await fakeBrowser.storage.local.set({ twoAmlSessionSealed: { ...sealed, data: flipped } });
    await expect(item.get()).resolves.toBeNull();
  });

  it('rotates the key on a clear, so a copy taken before sign-out cannot be rolled back', async () => {
    const keys = keyStore();
    const item = sealedItem(twoAmlSessionKeptItem, storedSessionSchema, keys);
    await item.set(SESSION);
    const copied = await raw();
    await item.set(null);
    // Anything that can write storage.local puts the old ciphertext back.
    await fakeBrowser.storage.local.set({ twoAmlSessionSealed: copied });
    await expect(item.get()).resolves.toBeNull();
    await expect(sealedItem(twoAmlSessionKeptItem, storedSessionSchema, keys).get()).resolves.toBeNull();
    // The item still works with its new key.
    await item.set(SESSION);
    await expect(item.get()).resolves.toEqual(SESSION);
  });

  it('clears the stored value on null', async () => {
    const item = sealedItem(twoAmlSessionKeptItem, storedSessionSchema, keyStore());
    await item.set(SESSION);
    await item.set(null);
    await expect(item.get()).resolves.toBeNull();
    expect(await raw()).toBeFalsy();
  });
});
