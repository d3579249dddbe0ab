import { TronWeb } from 'tronweb';
import { startSandbox, type RunningSandbox } from '../server';

/** A sandbox started in-process on a free port, with helpers tests share. */
export interface TestSandbox extends RunningSandbox {
  /** A TronWeb on the sandbox node, signing with the named deterministic key. */
  tronWeb(keyName?: string): TronWeb;
  /** Calls the control API (`/__sandbox<path>`) and returns the parsed JSON; throws on a non-2xx answer. */
  control<T = unknown>(path: string, body?: unknown): Promise<T>;
  /** Seals the pending pool into a block now, over the control API. */
  mine(blocks?: number): Promise<void>;
}

/**
 * Starts a sandbox for a test file. Blocks come only from `mine()` (the interval is an hour), so a
 * test decides exactly when its transactions are confirmed.
 */
export async function startTestSandbox(options: { blockIntervalMs?: number } = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ port: 0, blockIntervalMs: options.blockIntervalMs ?? 3_600_000 });
  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${sandbox.origin}/__sandbox${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`control ${path} answered ${response.status}: ${JSON.stringify(json)}`);
    return json;
  };
  return {
    ...sandbox,
    tronWeb(keyName = 'tronlink') {
      const { privateKey } = sandbox.world.chain.keypair(keyName);
      return new TronWeb({ fullHost: `${sandbox.origin}/tron`, privateKey });
    },
    control,
    async mine(blocks = 1) {
      await control('/mine', { blocks });
    },
  };
}
