/**
 * The merchant's API key on the wire and in the console, end to end: every request the browser makes
 * (extension pages and the service worker) and every console line (the worker's included) is
 * recorded through set-up, create, watch and history. Requests carrying the key go only to the
 * gateway; the key is in no other request (URL, headers, body) and in no console line.
 *
 * What is recorded: Playwright reports the service worker's own fetches and console (Chromium) as
 * context events. That is checked, not assumed: a control fetch from the worker to another origin
 * and a control console line from the worker must both be seen, and the sandbox build's logger must
 * have printed Ampere's own lines from the worker (so "no key in the console" cannot pass on silence).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ConsoleMessage, Request } from 'playwright-core';
import { test } from './fixtures';
import { GatewaySetupForm, PaymentsTab, payFromWallet, type SeededGateway } from './pages/payments';

interface Recorded {
  url: string;
  headers: Record<string, string>;
  body: string;
  fromWorker: boolean;
}

interface Line {
  text: string;
  fromWorker: boolean;
}

const requests: Promise<Recorded>[] = [];
const lines: Promise<Line>[] = [];
/** What the other origin (a server on another loopback port) received. */
const otherSaw: { url: string; headers: IncomingHttpHeaders }[] = [];
let other: Server;
let otherOrigin: string;

async function record(request: Request): Promise<Recorded> {
  return {
    url: request.url(),
    // allHeaders: the headers as sent, not the provisional ones.
    headers: await request.allHeaders().catch(() => request.headers()),
    body: request.postData() ?? '',
    fromWorker: request.serviceWorker() !== null,
  };
}

/** The full text of a console line: every argument serialised, not only its preview. */
async function lineOf(message: ConsoleMessage): Promise<Line> {
  const args = await Promise.all(
    message.args().map((arg) =>
      arg.jsonValue().then(
        (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)),
        () => '',
      ),
    ),
  );
  return { text: [message.text(), ...args].join(' '), fromWorker: message.worker() !== null };
}

beforeAll(async () => {
  other = createServer((request, response) => {
    otherSaw.push({ url: request.url ?? '', headers: request.headers });
    response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => other.close(resolve));
});

describe('the gateway API key on the network and in the console', () => {
  test('goes only to the gateway and into no console line, the worker included', async ({
    harness,
    sandbox,
    options,
  }) => {
    harness.context.on('request', (request) => requests.push(record(request)));
    harness.context.on('console', (message) => lines.push(lineOf(message)));
    await sandbox.reset();
    await sandbox.fastBlocks();
    const { gateway } = await harness.control<{ gateway: SeededGateway }>('GET', 'accounts');
    const key = gateway.apiKey;
    const gatewayBase = `${sandbox.origin}/gateway`;

    // Controls: the recorder sees the worker's fetches to another origin and the worker's console.
    const worker = await harness.worker();
    await worker.evaluate(async (url) => {
      await fetch(url, { headers: { 'x-control': 'worker' } }).catch(() => undefined);
      console.info('[control] worker console line');
    }, `${otherOrigin}/control-from-worker`);

    // Set-up, create, watch (one status read refused by an outage first), history.
    const setup = new GatewaySetupForm(options.page);
    await setup.save(gatewayBase, key);
    await setup.testConnection();
    // The client repeats a GET twice on an outage: three refusals make one failed read of the watch.
    await sandbox.fault({ path: '/gateway/api/payment/', method: 'GET', status: 503, times: 3 });
    const popup = await PaymentsTab.open(harness);
    const id = await popup.create({
      asset: 'USDT',
      amountUsd: '4.20',
      postbackUrl: `${sandbox.origin}/__sandbox/gateway/receiver`,
    });
    const request = await popup.request(id);
    await payFromWallet(
      sandbox,
      sandbox.accounts.chain.wallets.tronlink,
      request.address,
      'USDT',
      request.amount,
    );
    await popup.waitForStatus(id, 'completed', 60_000);
    await popup.section('History');
    const row = popup.page.locator(`[data-testid="history-row"][data-transaction-id="${id}"]`);
    await row.getByRole('button', { name: 'Details' }).click();
    await row.getByTestId('payment-detail').waitFor();
    await popup.page.getByTestId('payment-unprocessed').getByRole('button', { name: 'Refresh' }).click();
    await popup.section('Wallets');
    await popup.page.getByTestId('wallet-row').first().waitFor();
    await popup.close();

    const seen = await Promise.all(requests);
    const printed = await Promise.all(lines);

    // The controls were recorded, so what follows is not checked on an empty record.
    expect(otherSaw.map((r) => r.url)).toContain('/control-from-worker');
    expect(seen).toContainEqual(
      expect.objectContaining({ url: `${otherOrigin}/control-from-worker`, fromWorker: true }),
    );
    expect(printed).toContainEqual({
      text: expect.stringContaining('[control] worker console line'),
      fromWorker: true,
    });
    // Ampere's own logger spoke from the worker (the sandbox build logs): the watch's outage and end.
    const ampereLines = printed.filter((line) => line.fromWorker && line.text.includes('[ampere:payments]'));
    expect(ampereLines.map((line) => line.text).join('\n')).toMatch(
      /no status \(.*\)[\s\S]*ended: completed/,
    );

    // Requests carrying the key: the gateway's paths only, and only from the worker.
    const gatewayOrigin = new URL(gatewayBase).origin;
    const withKey = seen.filter((r) =>
      Object.keys(r.headers).some((name) => name.toLowerCase() === 'x-api-key'),
    );
    expect(withKey.length).toBeGreaterThanOrEqual(5);
    // The record holds the key's value where it was sent, so a leak elsewhere would show below.
    expect(JSON.stringify(withKey)).toContain(key);
    for (const r of withKey) {
      expect(new URL(r.url).origin).toBe(gatewayOrigin);
      expect(new URL(r.url).pathname.startsWith('/gateway/api/')).toBe(true);
      expect(r.fromWorker).toBe(true);
    }
    const paths = new Set(withKey.map((r) => new URL(r.url).pathname));
    for (const path of [
      '/gateway/api/partner/info',
      '/gateway/api/payment/create',
      '/gateway/api/payments',
    ]) {
      expect(paths).toContain(path);
    }
    // Anywhere else (another origin, or this origin outside the gateway), no trace of the key.
    const elsewhere = seen.filter(
      (r) => new URL(r.url).origin !== gatewayOrigin || !new URL(r.url).pathname.startsWith('/gateway/'),
    );
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const r of elsewhere) expect(JSON.stringify(r)).not.toContain(key);
    expect(JSON.stringify(otherSaw)).not.toContain(key);
    // Inside the gateway's requests, the key travels in its header only (not in a URL or a body).
    for (const r of seen.filter((q) => !elsewhere.includes(q))) {
      expect(r.url).not.toContain(key);
      expect(r.body).not.toContain(key);
    }

    expect(printed.map((line) => line.text).join('\n')).not.toContain(key);
  });
}, 180_000);
