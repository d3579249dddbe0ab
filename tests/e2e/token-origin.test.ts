/**
 * The 2aml token goes only to the origin that issued it. Signed in at the sandbox, the stored 2aml
 * address is rewritten to another origin on this machine (what anything able to write the settings
 * could do): the session ends with a notice, and that origin never sees the token.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { test as it } from './fixtures';
import { storageGet, storageSet } from './helpers/browser';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

let other: Server;
const seen: Seen[] = [];

beforeAll(async () => {
  other = createServer((request, response) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    response.writeHead(200, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'access-control-allow-headers': '*',
    });
    response.end('{}');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => other.close(resolve));
});

describe('the 2aml token and its origin', () => {
  it('is never sent to another origin after the 2aml address changes, and the session ends', async ({
    harness,
    sandbox,
    options,
  }) => {
    await sandbox.reset();
    await options.signIn(sandbox.accounts['2aml'].users.alice);
    const signedIn = await options.send<{ status: string }>('aml.session');
    expect(signedIn.status).toBe('signed_in');
    const profile = await options.send<{ ok: boolean }>('aml.profile');
    expect(profile.ok).toBe(true);

    const elsewhere = `http://127.0.0.1:${(other.address() as AddressInfo).port}/2aml`;
    // Stored in full first (a fresh profile holds only the defaults in code).
    await options.updateSettings({ badges: {} });
    const worker = await harness.worker();
    const { settings } = (await storageGet(worker, 'local', 'settings')) as {
      settings: { network: Record<string, unknown> };
    };
    await storageSet(worker, 'local', {
      settings: {
        ...settings,
        network: { ...settings.network, profile: 'custom', custom: { twoAml: elsewhere } },
      },
    });

    // Whatever the pages ask next, the token stays home.
    await options.send('aml.profile');
    await options.send('aml.wallet');
    await expect
      .poll(async () => options.send<{ status: string; ended?: string | null }>('aml.session'))
      .toMatchObject({ status: 'signed_out', ended: 'address_changed' });
    await options.send('aml.checks', {});

    // Two guards stand in the way: no client is built for an origin without a granted host
    // permission (this one has none, so it sees no request at all today), and the session hands its
    // token only to the origin that issued it (tests/unit/aml/session.test.ts). Either one suffices.
    const withToken = seen.filter(
      (request) =>
        request.headers.authorization !== undefined || JSON.stringify(request.headers).includes('Bearer'),
    );
    expect(withToken).toEqual([]);
  });
});
