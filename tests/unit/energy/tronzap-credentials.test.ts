/** The TronZap token and secret: sealed, bound to the origin they were saved for. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { KeyStore } from '@/lib/sealed';
import { createTronZapCredentials } from '@/lib/energy/tronzap-credentials';

const CREDENTIAL = { token: 'zap_token_0123456789', secret: 'zap_secret_abcdefghij' };

function keyStore(): KeyStore {
  let key: CryptoKey | undefined;
  return { get: async () => key, set: async (made) => void (key = made) };
}

describe('TronZap credentials', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps neither the token nor the secret in clear, and reads them back for the same origin', async () => {
    const credentials = createTronZapCredentials(keyStore());
    await credentials.save('https://api.tronzap.com', CREDENTIAL);

    const stored = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(stored).not.toContain(CREDENTIAL.token);
    expect(stored).not.toContain(CREDENTIAL.secret);
    expect(await credentials.read('https://api.tronzap.com')).toEqual(CREDENTIAL);
    expect(await credentials.read('https://api.tronzap.com/v1')).toEqual(CREDENTIAL);
    expect(await credentials.savedFor()).toBe('https://api.tronzap.com');
  });

  it('never hands them out for another origin', async () => {
    const credentials = createTronZapCredentials(keyStore());
    await credentials.save('https://api.tronzap.com', CREDENTIAL);

    expect(await credentials.read('https://evil.example')).toBeNull();
    expect(await credentials.read('http://api.tronzap.com')).toBeNull();
    expect(await credentials.read('not a url')).toBeNull();
  });

  it('does not open a value whose clear origin was rewritten to another host', async () => {
    const credentials = createTronZapCredentials(keyStore());
    await credentials.save('https://api.tronzap.com', CREDENTIAL);
    await fakeBrowser.storage.local.set({ tronZapKeyOrigin: 'https://evil.example' });

    expect(await credentials.read('https://evil.example')).toBeNull();
  });

  it('reads as absent without the sealing key, and forgets everything', async () => {
    const credentials = createTronZapCredentials(keyStore());
    await credentials.save('https://api.tronzap.com', CREDENTIAL);
    expect(await createTronZapCredentials(keyStore()).read('https://api.tronzap.com')).toBeNull();

    await credentials.forget();
    expect(await credentials.read('https://api.tronzap.com')).toBeNull();
    expect(await credentials.savedFor()).toBeNull();
  });
});
