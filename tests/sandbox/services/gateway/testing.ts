/** Test helpers for the gateway tests: an API caller with the seeded key, and a postback receiver. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '../tronnrg/testing';

export interface SeededGateway {
  apiKey: string;
  suspendedApiKey: string;
  wallets: { id: number; address: string }[];
}

export interface GatewayAnswer {
  status: number;
  body: {
    success?: boolean;
    data?: unknown;
    error?: string;
    message?: string;
    details?: Record<string, unknown>;
  };
  headers: Headers;
}

/** Calls `/gateway{path}` with the seeded merchant's key in `X-API-Key` (unless `apiKey` is null). */
export function gatewayCaller(sandbox: Sandbox) {
  const seeded = sandbox.world.seeded.gateway as SeededGateway;
  return async function request(
    method: string,
    path: string,
    body?: unknown,
    apiKey: string | null = seeded.apiKey,
  ): Promise<GatewayAnswer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (apiKey !== null) headers['x-api-key'] = apiKey;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${sandbox.origin}/gateway${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as GatewayAnswer['body'],
      headers: response.headers,
    };
  };
}

/** A local HTTP endpoint that answers postbacks with the given statuses in turn (the last one repeats). */
export async function startPostbackReceiver(statuses: number[] = [200]) {
  const received: { body: unknown; at: number }[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ body: JSON.parse(text), at: Date.now() });
      response.statusCode = statuses[Math.min(received.length, statuses.length) - 1] ?? 200;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
