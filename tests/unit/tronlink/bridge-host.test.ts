/** Which pages may host the TronLink bridge: TronScan over https, or the sandbox's own page in sandbox builds. */
import { describe, expect, it } from 'vitest';
import { bridgeHostFor, isBridgeUrl } from '@/lib/tronlink/bridge';

describe('the bridge host', () => {
  it('is https://tronscan.org in production, and nothing else', () => {
    const host = bridgeHostFor('https://tronscan.org', false)!;
    expect(host).toMatchObject({ url: 'https://tronscan.org/', origin: 'https://tronscan.org' });
    expect(bridgeHostFor('http://tronscan.org', false)).toBeNull();
    expect(bridgeHostFor('https://tronscan.org.evil.example', false)).toBeNull();
    expect(bridgeHostFor('https://evil.example/tronscan/', false)).toBeNull();
    expect(bridgeHostFor('https://user:pw@tronscan.org', false)).toBeNull();
    // A sandbox address in a production build is refused like any other.
    expect(bridgeHostFor('http://127.0.0.1:8787/tronscan/', false)).toBeNull();
    expect(bridgeHostFor('not a url', false)).toBeNull();
  });

  it('is the sandbox TronScan page on the loopback address in sandbox builds, never another http host', () => {
    const host = bridgeHostFor('http://127.0.0.1:8801/tronscan/', true)!;
    expect(host).toMatchObject({
      url: 'http://127.0.0.1:8801/tronscan/',
      origin: 'http://127.0.0.1:8801',
      pathPrefix: '/tronscan/',
      matches: ['http://127.0.0.1:8801/tronscan/*'],
    });
    expect(bridgeHostFor('http://example.com/tronscan/', true)).toBeNull();
    expect(bridgeHostFor('https://tronscan.org', true)).toBeNull();
  });

  it('accepts only documents of the host: same origin, under its path', () => {
    const prod = bridgeHostFor('https://tronscan.org', false)!;
    expect(isBridgeUrl(prod, 'https://tronscan.org/#/address/TGABsdK6xFXWp6DP3QBgXHyfYzEJbN1AXc')).toBe(true);
    expect(isBridgeUrl(prod, 'http://tronscan.org/')).toBe(false);
    expect(isBridgeUrl(prod, 'https://tronscan.org.evil.example/')).toBe(false);
    expect(isBridgeUrl(prod, 'https://evil.example/?https://tronscan.org/')).toBe(false);
    expect(isBridgeUrl(prod, undefined)).toBe(false);

    // In the sandbox a hostile page shares the origin: the path tells them apart.
    const sandbox = bridgeHostFor('http://127.0.0.1:8801/tronscan/', true)!;
    expect(isBridgeUrl(sandbox, 'http://127.0.0.1:8801/tronscan/')).toBe(true);
    expect(isBridgeUrl(sandbox, 'http://127.0.0.1:8801/tronscan')).toBe(true);
    expect(isBridgeUrl(sandbox, 'http://127.0.0.1:8801/tronscan/#/address/T')).toBe(true);
    expect(isBridgeUrl(sandbox, 'http://127.0.0.1:8801/tronlink/hostile')).toBe(false);
    expect(isBridgeUrl(sandbox, 'http://127.0.0.1:8801/tronscanner/')).toBe(false);
    expect(isBridgeUrl(sandbox, 'http://localhost:8801/tronscan/')).toBe(false);
  });
});
