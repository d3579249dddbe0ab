/**
 * Test access to the 2aml service through the real sandbox server (`startSandbox({port: 0})`): every call
 * is an HTTP round trip to `/2aml/...` or `/__sandbox/...`; the in-process world is there for setup and
 * for checking what happened on the chain and in the ledger. Blocks come only from `mine()`.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox } from '../../../server';
import type { SandboxWorld } from '../../../core/create-world';
import { needsDeepScan } from '../risk';

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
  readonly origin: string;
  readonly world: SandboxWorld;
  /** One HTTP request to the sandbox. */
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
  /** Logs a verified user without 2FA in and returns the bearer token. */
  login(email: string, password: string): Promise<string>;
  /** Logs bob in through his second factor and returns the bearer token. */
  loginBob(): Promise<string>;
  /** Registers a new (unverified, unfunded) customer and returns the bearer token. */
  register(email: string): Promise<string>;
  /** Moves the sandbox clock on, firing due timers (no block is produced). */
  advance(seconds: number): void;
  /** Seals pending transactions into a block (control API). */
  mine(): Promise<void>;
  /** `POST /__sandbox/reset`: chain, ledger, outbox and every service back to their seeded state. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a sandbox of its own (close it when done). */
export async function openTwoAmlSandbox(): Promise<TwoAmlSandbox> {
  const running = await startSandbox({ port: 0, blockIntervalMs: 3_600_000 });

  const call: TwoAmlSandbox['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const response = await fetch(`${running.origin}${path}`, { method, headers, body });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const isJson = response.headers.get('content-type')?.includes('application/json');
    return {
      status: response.status,
      headers: response.headers,
      body: isJson ? JSON.parse(new TextDecoder().decode(bytes)) : undefined,
      bytes,
    };
  };
  const expectOk = (response: ApiResponse, what: string) => {
    if (response.status >= 300)
      throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response;
  };

  return {
    origin: running.origin,
    world: running.world,
    call,
    async login(email, password) {
      const response = await call('POST', `${ENERGY}/auth/login`, { body: { email, password } });
      if (response.body?.status !== 'authenticated') {
        throw new Error(`login of ${email}: ${JSON.stringify(response.body)}`);
      }
      return response.body.accessToken as string;
    },
    async loginBob() {
      const challenge = await call('POST', `${ENERGY}/auth/login`, {
        body: { email: 'bob@example.com', password: 'bob-pass-1' },
      });
      const { code } = expectOk(await call('GET', '/__sandbox/totp?email=bob@example.com'), 'totp').body;
      const response = await call('POST', `${ENERGY}/auth/login/2fa`, {
        body: { challengeToken: challenge.body.loginChallengeToken, code },
      });
      if (response.body?.status !== 'authenticated') {
        throw new Error(`2FA login of bob: ${JSON.stringify(response.body)}`);
      }
      return response.body.accessToken as string;
    },
    async register(email) {
      const response = await call('POST', `${ENERGY}/auth/register`, {
        body: { email, password: 'secret123' },
      });
      return expectOk(response, `register ${email}`).body.accessToken as string;
    },
    advance: (seconds) => running.world.clock.advance(seconds),
    async mine() {
      expectOk(await call('POST', '/__sandbox/mine', { body: { blocks: 1 } }), 'mine');
    },
    async reset() {
      expectOk(await call('POST', '/__sandbox/reset', { body: {} }), 'reset');
    },
    close: () => running.close(),
  };
}

/**
 * One sandbox for the test file, reset before every test: returns a handle whose members always refer
 * to the running sandbox.
 */
export function useTwoAmlSandbox(): TwoAmlSandbox {
  let current: TwoAmlSandbox | undefined;
  const live = () => {
    if (!current) throw new Error('the sandbox is not running (use inside a test)');
    return current;
  };
  beforeAll(async () => {
    current = await openTwoAmlSandbox();
  });
  beforeEach(async () => {
    await live().reset();
  });
  afterAll(async () => {
    await current?.close();
  });
  return {
    get origin() {
      return live().origin;
    },
    get world() {
      return live().world;
    },
    call: (...args) => live().call(...args),
    login: (...args) => live().login(...args),
    loginBob: () => live().loginBob(),
    register: (email) => live().register(email),
    advance: (seconds) => live().advance(seconds),
    mine: () => live().mine(),
    reset: () => live().reset(),
    close: async () => undefined,
  };
}

/** A funded wallet on the chain that can send TRX (e.g. to a deposit address). */
export function fundedWallet(world: SandboxWorld, name: string, trxSun: bigint) {
  const pair = world.chain.keypair(name);
  world.chain.mint(pair.address, { trxSun });
  return pair;
}

/** The seeded 2aml identities (`world.seeded['2aml']`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads the seeded description freely
export function seededTwoAml(world: SandboxWorld): any {
  return world.seeded['2aml'];
}

/**
 * A TRON address whose checks complete at once (`deep: false`) or go through `processing` first
 * (`deep: true`): the split is fixed per address, so tests pick addresses on the side they need.
 */
export function screeningTarget(world: SandboxWorld, label: string, options = { deep: false }): string {
  for (let index = 0; index < 1000; index += 1) {
    const address = world.chain.keypair(`${label}-${index}`).address;
    if (needsDeepScan(world.chain, 'tron', address) === options.deep) return address;
  }
  throw new Error('no screening target found');
}
