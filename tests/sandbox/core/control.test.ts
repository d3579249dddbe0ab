import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TronWeb } from 'tronweb';
import { startTestSandbox, type TestSandbox } from './test-sandbox';

/** The control API (`/__sandbox/*`) as tests and scripts drive the sandbox with it. */

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await sandbox.control('/reset', {});
});

interface SeededAccounts {
  chain: {
    usdtContract: string;
    wallets: Record<string, { address: string; privateKey: string; activated: boolean }>;
  };
}

const node = (path: string, body: unknown = {}) =>
  fetch(`${sandbox.origin}/tron${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('identities and money', () => {
  it('lists the chain wallets with their keys next to what every service seeded', async () => {
    const accounts = await sandbox.control<SeededAccounts>('/accounts');
    const { wallets, usdtContract } = accounts.chain;
    const tronlink = wallets.tronlink;
    expect(usdtContract).toBe('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t');
    expect(Object.keys(wallets)).toEqual(['tronlink', 'tronlink2', 'stranger', 'fresh']);
    expect(TronWeb.address.fromPrivateKey(tronlink?.privateKey ?? '')).toBe(tronlink?.address);
    expect(wallets.fresh?.activated).toBe(false);
    expect(Object.keys(accounts)).toEqual(expect.arrayContaining(['chain']));
  });

  it('gives the same keys on every start', async () => {
    const other = await startTestSandbox();
    try {
      const [a, b] = await Promise.all([
        sandbox.control<SeededAccounts>('/accounts'),
        other.control<SeededAccounts>('/accounts'),
      ]);
      expect(b.chain.wallets).toEqual(a.chain.wallets);
    } finally {
      await other.close();
    }
  });

  it('credits TRX and USDT from decimal strings, activating a new address', async () => {
    const address = TronWeb.createRandom().address;
    const answer = await sandbox.control<Record<string, unknown>>('/faucet', {
      address,
      trx: '12.5',
      usdt: '3.000001',
    });
    expect(answer).toEqual({ address, activated: true, trx: '12.5', usdt: '3.000001' });
    const tronWeb = sandbox.tronWeb();
    expect(await tronWeb.trx.getBalance(address)).toBe(12_500_000);
  });

  it('refuses a faucet amount with more decimals than the token has', async () => {
    const response = await fetch(`${sandbox.origin}/__sandbox/faucet`, {
      method: 'POST',
      body: JSON.stringify({ address: TronWeb.createRandom().address, trx: '0.0000001' }),
    });
    expect(response.status).toBe(400);
  });

  it('reset brings balances back to the seeded state', async () => {
    const tronWeb = sandbox.tronWeb('tronlink');
    const stranger = sandbox.world.chain.keypair('stranger').address;
    const before = await tronWeb.trx.getBalance(stranger);
    await tronWeb.trx.sendTransaction(stranger, 50_000_000);
    await sandbox.mine();
    expect(await tronWeb.trx.getBalance(stranger)).toBe(before + 50_000_000);
    await sandbox.control('/reset', {});
    expect(await tronWeb.trx.getBalance(stranger)).toBe(before);
  });
});

describe('time and blocks', () => {
  it('mines blocks on demand', async () => {
    const { blockNumber } = await sandbox.control<{ blockNumber: number }>('/mine', { blocks: 3 });
    const after = await sandbox.control<{ blockNumber: number }>('/mine', {});
    expect(after.blockNumber).toBe(blockNumber + 1);
  });

  it('advances virtual time, produces a block stamped with it and fires due timers', async () => {
    const start = await sandbox.control<{ nowMs: number; blockNumber: number }>('/clock');
    let firedAt = 0;
    sandbox.world.clock.at(start.nowMs + 3_600_000, () => (firedAt = sandbox.world.clock.now()));
    const later = await sandbox.control<{ nowMs: number; blockNumber: number }>('/clock', {
      advanceSeconds: 3_601,
    });
    expect(later.nowMs - start.nowMs).toBeGreaterThanOrEqual(3_601_000);
    expect(later.blockNumber).toBe(start.blockNumber + 1);
    expect(firedAt).toBeGreaterThanOrEqual(start.nowMs + 3_600_000);
    const head = (await (await node('/wallet/getnowblock')).json()) as {
      block_header: { raw_data: { timestamp: number } };
    };
    expect(head.block_header.raw_data.timestamp).toBeGreaterThanOrEqual(start.nowMs + 3_601_000);
  });

  it('produces blocks on its own at the configured interval', async () => {
    await sandbox.control('/config', { blockIntervalMs: 100 });
    try {
      const { blockNumber } = await sandbox.control<{ blockNumber: number }>('/clock');
      await new Promise((resolve) => setTimeout(resolve, 450));
      const later = await sandbox.control<{ blockNumber: number }>('/clock');
      expect(later.blockNumber - blockNumber).toBeGreaterThanOrEqual(2);
    } finally {
      await sandbox.control('/config', { blockIntervalMs: 3_600_000 });
    }
  });
});

describe('fault injection', () => {
  it('answers the next requests under a path with the injected status, headers and raw body', async () => {
    await sandbox.control('/faults', {
      path: '/tron/wallet/getnowblock',
      status: 429,
      headers: { 'Retry-After': '7' },
      body: '{"Error": "slow down"',
      times: 2,
    });
    for (let i = 0; i < 2; i++) {
      const response = await node('/wallet/getnowblock');
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(await response.text()).toBe('{"Error": "slow down"');
    }
    expect((await node('/wallet/getnowblock')).status).toBe(200);
  });

  it('matches by path prefix and leaves other paths alone', async () => {
    await sandbox.control('/faults', { path: '/tron/wallet/', status: 503 });
    expect(
      (await fetch(`${sandbox.origin}/tron/v1/accounts/${sandbox.world.chain.keypair('tronlink').address}`))
        .status,
    ).toBe(200);
    expect((await node('/wallet/getchainparameters')).status).toBe(503);
    expect((await node('/wallet/getchainparameters')).status).toBe(200);
  });

  it('delays a request and then answers it normally', async () => {
    await sandbox.control('/faults', { path: '/tron/wallet/getnowblock', delayMs: 300 });
    const started = Date.now();
    const response = await node('/wallet/getnowblock');
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('keeps CORS headers on injected answers so a page can read the status', async () => {
    await sandbox.control('/faults', { path: '/tron/wallet/getnowblock', status: 500 });
    const response = await fetch(`${sandbox.origin}/tron/wallet/getnowblock`, {
      method: 'POST',
      headers: { origin: 'https://tronscan.org' },
    });
    expect(response.status).toBe(500);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://tronscan.org');
  });

  it('never applies to the control API, and is cleared by reset', async () => {
    await sandbox.control('/faults', { path: '/', status: 500, times: 50 });
    expect((await sandbox.control<{ faults: unknown[] }>('/faults')).faults).toHaveLength(1);
    await sandbox.control('/reset', {});
    expect((await sandbox.control<{ faults: unknown[] }>('/faults')).faults).toHaveLength(0);
    expect((await node('/wallet/getnowblock')).status).toBe(200);
  });

  it('holds a request until released, and counts the requests it saw', async () => {
    await sandbox.control('/faults', { path: '/tron/wallet/getnowblock', hold: true });
    let answered = false;
    const held = node('/wallet/getnowblock').then((response) => {
      answered = true;
      return response;
    });
    type Seen = { requests: { method: string; path: string; held: boolean }[] };
    await expect
      .poll(() => sandbox.control<Seen>('/requests?path=/tron/wallet/getnowblock'))
      .toEqual({ requests: [{ method: 'POST', path: '/tron/wallet/getnowblock', held: true }] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);
    expect(await sandbox.control('/faults/release', { path: '/tron/wallet/' })).toEqual({ released: 1 });
    expect((await held).status).toBe(200);
    expect(
      (await sandbox.control<Seen>('/requests?method=post&path=/tron/wallet/getnowblock')).requests,
    ).toEqual([{ method: 'POST', path: '/tron/wallet/getnowblock', held: false }]);
    expect(
      (await sandbox.control<Seen>('/requests?method=get&path=/tron/wallet/getnowblock')).requests,
    ).toEqual([]);
    await sandbox.control('/reset', {});
    expect((await sandbox.control<Seen>('/requests')).requests).toEqual([]);
  });

  it('lets a held request go on at reset', async () => {
    await sandbox.control('/faults', { path: '/tron/wallet/getnowblock', hold: true, status: 503 });
    const held = node('/wallet/getnowblock');
    await expect
      .poll(async () => (await sandbox.control<{ requests: unknown[] }>('/requests')).requests.length)
      .toBe(1);
    await sandbox.control('/reset', {});
    expect((await held).status).toBe(503);
  });

  it('refuses a fault with neither a status nor a delay', async () => {
    await expect(sandbox.control('/faults', { path: '/tron' })).rejects.toThrow('400');
  });
});

describe('service hooks', () => {
  it('serves a TOTP code from the service that knows the e-mail, and 404 otherwise', async () => {
    const unknown = await fetch(`${sandbox.origin}/__sandbox/totp?email=nobody@example.com`);
    expect(unknown.status).toBe(404);
    // bob@example.com is the 2aml sandbox's seeded account with 2FA.
    const known = await fetch(`${sandbox.origin}/__sandbox/totp?email=bob@example.com`);
    expect(known.status).toBe(200);
    expect(((await known.json()) as { code: string }).code).toMatch(/^\d{6}$/);
  });

  it('serves the outbox and the ledger as lists', async () => {
    expect(await sandbox.control('/outbox')).toEqual({ messages: [] });
    expect(await sandbox.control('/ledger')).toEqual({ entries: [] });
  });
});

describe('CORS', () => {
  it('allows any origin to call the services, preflight included', async () => {
    const response = await fetch(`${sandbox.origin}/tron/wallet/getnowblock`, {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abcdefghijklmnop',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnop');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
  });
});
