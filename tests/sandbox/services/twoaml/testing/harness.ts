/**
 * Test access to the 2aml service: HTTP-shaped calls (`/2aml/...`, `/__sandbox/...`) plus the world behind
 * them. Until the shared server can be started this mounts the service the way the server does (routes
 * under its prefix, controls under `/__sandbox/2aml`, `GET /__sandbox/totp`) over an in-process world.
 */
import { Hono } from 'hono';
import { createTwoAmlService } from '../index';
import { needsDeepScan } from '../risk';
import { createFakeWorld, type FakeWorld } from './fake-world';
import type { SandboxService } from '../../../world';

export const ENERGY = '/2aml/external/tron-energy';
export const AML = '/2aml/external/aml-wallet-check';

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body (undefined for non-JSON bodies). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read documented fields freely
  body: any;
  bytes: Uint8Array;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TwoAmlSandbox {
  world: FakeWorld;
  service: SandboxService;
  /** One HTTP request to the sandbox. */
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
  /** Logs a verified user without 2FA in and returns the bearer token. */
  login(email: string, password: string): Promise<string>;
  /** Logs bob in through his second factor and returns the bearer token. */
  loginBob(): Promise<string>;
  /** Registers a new (unverified, unfunded) customer and returns the bearer token. */
  register(email: string): Promise<string>;
  /** Moves the sandbox clock on (firing due timers). */
  advance(seconds: number): void;
  /** Seals pending transactions into a block. */
  produceBlock(): void;
  close(): Promise<void>;
}

/** Starts a fresh sandbox with the 2aml service. */
export async function openTwoAmlSandbox(): Promise<TwoAmlSandbox> {
  const world = createFakeWorld();
  const service = createTwoAmlService(world);
  const app = new Hono();
  app.route(service.prefix, service.routes);
  if (service.control) app.route(`/__sandbox${service.prefix}`, service.control);
  app.get('/__sandbox/totp', (c) => {
    const code = service.totpCode?.(c.req.query('email') ?? '');
    return code ? c.json({ code }) : c.json({ error: 'unknown' }, 404);
  });
  app.get('/__sandbox/accounts', (c) => c.json(world.seeded));

  const call: TwoAmlSandbox['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const response = await app.request(`http://127.0.0.1:8787${path}`, { method, headers, body });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const isJson = response.headers.get('content-type')?.includes('application/json');
    return {
      status: response.status,
      headers: response.headers,
      body: isJson ? JSON.parse(new TextDecoder().decode(bytes)) : undefined,
      bytes,
    };
  };

  return {
    world,
    service,
    call,
    async login(email, password) {
      const response = await call('POST', `${ENERGY}/auth/login`, { body: { email, password } });
      if (response.body?.status !== 'authenticated')
        throw new Error(`login of ${email}: ${JSON.stringify(response.body)}`);
      return response.body.accessToken as string;
    },
    async loginBob() {
      const challenge = await call('POST', `${ENERGY}/auth/login`, {
        body: { email: 'bob@example.com', password: 'bob-pass-1' },
      });
      const { code } = (await call('GET', '/__sandbox/totp?email=bob@example.com')).body;
      const response = await call('POST', `${ENERGY}/auth/login/2fa`, {
        body: { challengeToken: challenge.body.loginChallengeToken, code },
      });
      if (response.body?.status !== 'authenticated')
        throw new Error(`2FA login of bob: ${JSON.stringify(response.body)}`);
      return response.body.accessToken as string;
    },
    async register(email) {
      const response = await call('POST', `${ENERGY}/auth/register`, {
        body: { email, password: 'secret123' },
      });
      if (response.status !== 201) throw new Error(`register ${email}: ${JSON.stringify(response.body)}`);
      return response.body.accessToken as string;
    },
    advance: (seconds) => world.clock.advance(seconds),
    produceBlock: () => world.chain.produceBlock(),
    close: async () => undefined,
  };
}

/** A funded wallet on the chain that can send TRX (e.g. to a deposit address). */
export function fundedWallet(world: FakeWorld, name: string, trxSun: bigint) {
  const pair = world.chain.keypair(name);
  world.chain.mint(pair.address, { trxSun });
  return pair;
}

/** Lets promise callbacks (delegation broadcasts) run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A TRON address whose checks complete at once (`deep: false`) or go through `processing` first
 * (`deep: true`): the split is fixed per address, so tests pick addresses on the side they need.
 */
export function screeningTarget(
  world: FakeWorld,
  label: string,
  options: { deep: boolean } = { deep: false },
): string {
  for (let index = 0; index < 1000; index += 1) {
    const address = world.chain.keypair(`${label}-${index}`).address;
    if (needsDeepScan(world.chain, 'tron', address) === options.deep) return address;
  }
  throw new Error('no screening target found');
}
