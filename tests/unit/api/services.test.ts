import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { settingsItem } from '@/lib/storage';
import { productionEndpoints } from '@/lib/config/network';
import { createEndpointClients } from '@/lib/service-clients';
import { createTronNrgApi } from '@/lib/energy/tronnrg-client';
import { createTwoAmlApi } from '@/lib/twoaml/api';
import { createTronZapApi } from '@/lib/energy/tronzap-api';
import { createGatewayApi } from '@/lib/payments/gateway-api';
import { scriptedFetch, seed } from './scripted-fetch';

const twoAmlCredentials = { getToken: () => 'token', onUnauthorized: () => {} };

/** The host permissions the person granted (the fake browser implements none). */
function grant(...origins: string[]) {
  fakeBrowser.permissions.contains = (async (wanted: { origins?: string[] }) =>
    (wanted.origins ?? []).every((origin) =>
      origins.includes(origin),
    )) as typeof fakeBrowser.permissions.contains;
}

describe('the background service clients', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    grant('https://nrg.example.org/*', 'https://pay.shop.example/*');
  });

  it('checks a custom address again when it reads it: https and a granted permission, or no client', async () => {
    const { fetch, requests } = scriptedFetch(() => ({ body: seed('aml-wallet-summary') }));
    const clients = createEndpointClients(
      (endpoints) => createTwoAmlApi({ baseUrl: endpoints.twoAml, fetch, ...twoAmlCredentials }),
      undefined,
      ['twoAml'],
    );
    const writeTwoAml = (twoAml: string) =>
      // Written straight into storage, as anything that can write storage.local could.
      settingsItem.update((settings) => ({
        ...settings,
        network: { profile: 'custom', custom: { twoAml } },
      }));

    await writeTwoAml('http://mirror.example.net/2aml');
    await expect(clients()).rejects.toMatchObject({ service: '2aml', code: 'invalid_input' });
    await writeTwoAml('https://mirror.example.net/2aml');
    await expect(clients()).rejects.toMatchObject({ service: '2aml', code: 'invalid_input' });
    expect(requests).toEqual([]);

    grant('https://mirror.example.net/*');
    await (await clients()).aml.wallet.summary();
    expect(requests.map((r) => new URL(r.url).origin)).toEqual(['https://mirror.example.net']);
  });

  it('talks to the documented hosts with production settings', async () => {
    const { fetch, requests } = scriptedFetch([
      { body: seed('tronnrg-health') },
      { body: seed('energy-quote') },
    ]);
    const clients = createEndpointClients((endpoints) => ({
      endpoints,
      tronNrg: createTronNrgApi({ baseUrl: endpoints.tronNrg, fetch }),
      twoAml: createTwoAmlApi({ baseUrl: endpoints.twoAml, fetch, ...twoAmlCredentials }),
    }));
    const built = await clients();
    await built.tronNrg.health();
    await built.twoAml.energy.quote({ receiver: 'TGzz8gjYiYRqpfmDwnLxfgPuLVNmpCswVp', energy: 65_000 });
    expect(requests.map((r) => new URL(r.url).origin)).toEqual([
      'https://api.tronnrg.com',
      'https://back.2aml.com',
    ]);
    // The gateway has no public default: only the merchant's own base URL.
    expect(built.endpoints.gateway).toBeUndefined();
  });

  it('reuses the clients until the settings change', async () => {
    const { fetch, requests } = scriptedFetch(() => ({ body: seed('tronnrg-health') }));
    const clients = createEndpointClients((endpoints) => ({
      tronNrg: createTronNrgApi({ baseUrl: endpoints.tronNrg, fetch }),
      gateway: endpoints.gateway
        ? createGatewayApi({ baseUrl: endpoints.gateway, apiKey: 'pk_1', fetch })
        : undefined,
    }));
    const first = await clients();
    expect(await clients()).toBe(first);
    expect(first.gateway).toBeUndefined();

    await settingsItem.update((settings) => ({
      ...settings,
      network: {
        profile: 'custom',
        custom: { tronNrg: 'https://nrg.example.org/api', gateway: 'https://pay.shop.example' },
      },
    }));
    const custom = await clients();
    expect(custom).not.toBe(first);
    expect(custom.gateway).toBeDefined();
    await custom.tronNrg.health();
    expect(requests.at(-1)!.url).toBe('https://nrg.example.org/api/health');
    expect(await clients()).toBe(custom);
  });

  it('builds a TronZap client for the documented host', () => {
    const endpoints = productionEndpoints();
    expect(createTronZapApi({ baseUrl: endpoints.tronZap, token: 't', secret: 's' })).toBeDefined();
    expect(endpoints.tronZap).toBe('https://api.tronzap.com');
  });
});
