/**
 * Exact sizing: the background asks the node for the energy of the very USDT transfer the person
 * is about to make, and falls back to the 65,000 / 131,000 table only when the node cannot say.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from './server';
import { createTronNodeApi } from '../../lib/tron/node-api';
import { sizeTransfer } from '../../lib/energy/quote';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
interface Seeded {
  chain: { wallets: Record<string, { address: string }> };
}

let sandbox: Sandbox;
let seeded: Seeded;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, blockIntervalMs: 3_600_000 });
  seeded = (await (await fetch(`${sandbox.origin}/__sandbox/accounts`)).json()) as Seeded;
});

afterAll(async () => {
  await sandbox?.close();
});

const address = (name: string) => seeded.chain.wallets[name]!.address;
const FRESH = 'TLsV52sRDL79HXGGm9yzwKibb6BeruhUzy';

function node() {
  return createTronNodeApi({
    baseUrl: `${sandbox.origin}/tron`,
    usdtContract: sandbox.world.chain.usdtContract,
  });
}

async function addFault(rule: Record<string, unknown>) {
  const answer = await fetch(`${sandbox.origin}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(answer.ok).toBe(true);
}

describe('the energy of one exact USDT transfer', () => {
  it('is what the chain will charge, to a holder and to a new holder', async () => {
    const from = address('tronlink');
    sandbox.world.chain.mint(from, { usdt: 50_000_000n });
    const holder = address('tronlink2');
    sandbox.world.chain.mint(holder, { usdt: 1_000_000n });

    const toHolder = await node().usdtTransferEnergy(from, holder, 10_000_000n);
    const toNewHolder = await node().usdtTransferEnergy(from, FRESH, 10_000_000n);

    expect(toHolder).toBe(sandbox.world.chain.estimateUsdtTransferEnergy(from, holder));
    expect(toNewHolder).toBe(sandbox.world.chain.estimateUsdtTransferEnergy(from, FRESH));
    expect(toNewHolder!).toBeGreaterThan(toHolder!);
    expect(sizeTransfer(toHolder, 1_000_000n)).toEqual({ wantedEnergy: toHolder, sizedExactly: true });
  });

  it('is unknown when the sender holds less than the amount, and the table stands in', async () => {
    const from = address('tronlink');
    const balance = sandbox.world.chain.usdtBalance(from);

    const estimate = await node().usdtTransferEnergy(from, address('tronlink2'), balance + 1n);

    expect(estimate).toBeUndefined();
    expect(sizeTransfer(estimate, 1n)).toEqual({
      wantedEnergy: 65_000,
      sizedPreset: 'usdtTransfer',
      sizedExactly: false,
    });
    expect(sizeTransfer(estimate, 0n)).toEqual({
      wantedEnergy: 131_000,
      sizedPreset: 'usdtTransferToNewHolder',
      sizedExactly: false,
    });
  });

  it("falls back to the constant call's energy_used on a node without the estimator", async () => {
    const from = address('tronlink');
    sandbox.world.chain.mint(from, { usdt: 5_000_000n });
    const to = address('tronlink2');
    // java-tron answers this way when `vm.estimateEnergy` is off.
    await addFault({
      path: '/tron/wallet/estimateenergy',
      status: 200,
      body: { result: { code: 'OTHER_ERROR', message: '6e6f7420737570706f72746564' } },
    });

    const estimate = await node().usdtTransferEnergy(from, to, 1_000_000n);

    expect(estimate).toBe(sandbox.world.chain.estimateUsdtTransferEnergy(from, to));
  });

  it('is unknown when the node answers neither way', async () => {
    await addFault({ path: '/tron/wallet/estimateenergy', status: 503 });
    await addFault({ path: '/tron/wallet/triggerconstantcontract', status: 503, times: 5 });

    const quick = createTronNodeApi({
      baseUrl: `${sandbox.origin}/tron`,
      usdtContract: sandbox.world.chain.usdtContract,
      maxAttempts: 1,
    });

    expect(await quick.usdtTransferEnergy(address('tronlink'), address('tronlink2'), 1n)).toBeUndefined();
    await fetch(`${sandbox.origin}/__sandbox/faults`, { method: 'DELETE' });
  });
});
