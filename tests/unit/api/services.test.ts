import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { settingsItem } from '@/lib/storage';
import { productionEndpoints } from '@/lib/config/network';
import { createServiceClients, createServiceClientsCache, type ServiceCredentials } from '@/lib/services';
import { scriptedFetch, seed } from './scripted-fetch';

const twoAml: ServiceCredentials['twoAml'] = { getToken: () => 'token', onUnauthorized: () => {} };

describe('the background service clients', () => {
  beforeEach(() => fakeBrowser.reset());

  it('talks to the documented hosts with production settings', async () => {
    const { fetch, requests } = scriptedFetch([
      { body: seed('tronnrg-health') },
      { body: seed('energy-quote') },
    ]);
    const getServiceClients = createServiceClientsCache(undefined, { fetch });
    const clients = await getServiceClients({ twoAml });
    await clients.tronNrg.health();
    await clients.twoAml.energy.quote({ receiver: 'TGzz8gjYiYRqpfmDwnLxfgPuLVNmpCswVp', energy: 65_000 });
    expect(requests.map((r) => new URL(r.url).origin)).toEqual([
      'https://api.tronnrg.com',
      'https://back.2aml.com',
    ]);
    // No API credentials given: no TronZap client, and no gateway (it has no public default either).
    expect(clients.tronZap).toBeUndefined();
    expect(clients.gateway).toBeUndefined();
  });

  it('reuses the clients until the settings or credentials change', async () => {
    const { fetch, requests } = scriptedFetch(() => ({ body: seed('tronnrg-health') }));
    const getServiceClients = createServiceClientsCache(undefined, { fetch });
    const first = await getServiceClients({ twoAml });
    expect(await getServiceClients({ twoAml })).toBe(first);

    await settingsItem.update((settings) => ({
      ...settings,
      network: {
        profile: 'custom',
        custom: { tronNrg: 'https://nrg.example.org/api', gateway: 'https://pay.shop.example' },
      },
    }));
    const custom = await getServiceClients({ twoAml, gateway: { apiKey: 'pk_1' } });
    expect(custom).not.toBe(first);
    expect(custom.gateway).toBeDefined();
    await custom.tronNrg.health();
    expect(requests.at(-1)!.url).toBe('https://nrg.example.org/api/health');

    expect(await getServiceClients({ twoAml, gateway: { apiKey: 'pk_1' } })).toBe(custom);
    expect(await getServiceClients({ twoAml, gateway: { apiKey: 'pk_2' } })).not.toBe(custom);
  });

  it('builds a TronZap client only with a token and secret', () => {
    const clients = createServiceClients({
      endpoints: productionEndpoints(),
      twoAml,
      tronZap: { token: 't', secret: 's' },
    });
    expect(clients.tronZap).toBeDefined();
    expect(clients.endpoints.tronZap).toBe('https://api.tronzap.com');
  });
});
