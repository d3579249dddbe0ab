/**
 * The zap-tx job on the real runner against the sandbox's TronZap: one charge per order whatever
 * goes wrong (a stopped worker, a lost answer, a refusal), and "ready" only once the chain shows it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createJobRunner } from '@/lib/jobs/runner';
import { defineValidatedItem, jobsSchema } from '@/lib/storage';
import { createTronZapApi } from '@/lib/energy/tronzap-api';
import { createTronNodeApi } from '@/lib/tron/node-api';
import {
  createZapOrderKind,
  zapOrderDataSchema,
  type ZapOrderDataInput,
  type ZapOrderService,
} from '@/lib/energy/zap-order-job';
import type { JobRecord } from '@/lib/jobs/schema';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';

let sandbox: RunningSandbox;
let account: { token: string; secret: string };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, blockIntervalMs: 3_600_000 });
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  await fetch(`${sandbox.origin}/__sandbox/reset`, { method: 'POST' });
  const seeded = (await (await fetch(`${sandbox.origin}/__sandbox/accounts`)).json()) as {
    tronzap: { accounts: { name: string; token: string; secret: string }[] };
  };
  account = seeded.tronzap.accounts.find((a) => a.name === 'main')!;
});

const charges = () =>
  sandbox.world.ledger.entries().filter((e) => e.service === 'tronzap' && e.kind === 'charge');
const TRONZAP = () => `${sandbox.origin}/tronzap`;

let stores = 0;
/** A runner with the zap-tx kind, its own job store and clock (advanced with the sandbox's). */
function rig(options: { timeoutMs?: number; credentials?: boolean } = {}) {
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const node = createTronNodeApi({
    baseUrl: `${sandbox.origin}/tron`,
    usdtContract: sandbox.world.chain.usdtContract,
  });
  const kind = createZapOrderKind({
    api: async (origin) =>
      options.credentials === false || origin !== new URL(TRONZAP()).origin
        ? null
        : createTronZapApi({ baseUrl: TRONZAP(), ...account, timeoutMs: options.timeoutMs, maxAttempts: 1 }),
    resourceNow: async (service: ZapOrderService, receiver: string) => {
      if (service === 'activate_address') return (await node.account(receiver)).activated ? 1 : 0;
      const resources = await node.accountResources(receiver);
      return service === 'energy' ? resources.energyLimit : resources.stakedBandwidthLimit;
    },
    message: (code) => `message for ${code}`,
  });
  const store = defineValidatedItem(`local:zap-jobs-${++stores}`, jobsSchema, { fallback: {} });
  const runner = createJobRunner({
    store,
    kinds: [kind],
    alarms: { create: () => undefined, clear: () => undefined },
    now,
  });
  return {
    kind,
    runner,
    store,
    start: (input: Partial<ZapOrderDataInput> & { receiver: string }, state = 'creating') =>
      runner.create(
        kind,
        state,
        zapOrderDataSchema.parse({
          service: 'energy',
          amount: 65_000,
          durationHours: 1,
          externalId: `ext-${crypto.randomUUID()}`,
          origin: new URL(TRONZAP()).origin,
          resourceBefore: 0,
          ...input,
        }),
      ),
    /** Steps the job while sandbox time passes and blocks are sealed, until it is terminal. */
    async settle(id: string): Promise<JobRecord> {
      for (let round = 0; round < 200; round++) {
        const job = (await store.get())[id]!;
        if (job.terminal) return job;
        await runner.kick();
        offsetMs += 5_000;
        sandbox.world.clock.advance(2);
        sandbox.world.chain.produceBlock();
        // Real time passes too: a request held in transit lands while the job keeps asking.
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      throw new Error(`job ${id} never ended: ${JSON.stringify((await store.get())[id])}`);
    },
  };
}

const wallet = () => sandbox.world.chain.keypair(`zap-job:${crypto.randomUUID()}`).address;
/** An activated address with no energy of its own. */
function activatedWallet(): string {
  const address = wallet();
  sandbox.world.chain.mint(address, { trxSun: 1_000_000n });
  sandbox.world.chain.produceBlock();
  return address;
}

describe('the zap-tx job', () => {
  it('buys 65,000 energy once and is ready when the chain shows it', async () => {
    const { start, settle } = rig();
    const receiver = activatedWallet();
    const job = await start({ receiver });

    const ended = await settle(job.id);

    expect(ended.state).toBe('ready');
    expect(ended.log.map((entry) => entry.state)).toEqual([
      'creating',
      'uncertain',
      'placed',
      'confirming',
      'ready',
    ]);
    expect(charges()).toHaveLength(1);
    const resources = await createTronNodeApi({ baseUrl: `${sandbox.origin}/tron` }).accountResources(
      receiver,
    );
    expect(resources.energyLimit).toBeGreaterThanOrEqual(65_000);
  });

  it('buys 1 h of bandwidth with params.amount once, ready only when the chain shows it', async () => {
    const { start, settle } = rig();
    const receiver = activatedWallet();
    const node = createTronNodeApi({ baseUrl: `${sandbox.origin}/tron` });
    const before = await node.accountResources(receiver);
    const job = await start({
      receiver,
      service: 'bandwidth',
      amount: 345,
      resourceBefore: before.stakedBandwidthLimit,
    });

    const ended = await settle(job.id);

    expect(ended.state).toBe('ready');
    expect(ended.log.map((entry) => entry.state)).toContain('confirming');
    expect(charges()).toHaveLength(1);
    const delegations = sandbox.world.ledger
      .entries()
      .filter((e) => e.service === 'tronzap' && e.kind === 'delegation');
    expect(delegations).toEqual([
      expect.objectContaining({ unit: 'bandwidth', amount: '345', account: receiver }),
    ]);
    const after = await node.accountResources(receiver);
    expect(after.stakedBandwidthAvailable).toBeGreaterThanOrEqual(345);
  });

  it('after a worker stopped before the create was sent, finds no order and ends uncharged', async () => {
    const { start, settle } = rig();
    const job = await start({ receiver: activatedWallet() }, 'uncertain');

    const ended = await settle(job.id);

    expect(ended.state).toBe('failed');
    expect(ended.error?.code).toBe('not_placed');
    expect(charges()).toHaveLength(0);
  });

  it('after an answer lost past the timeout, finds the order by external_id and never creates again', async () => {
    const { start, settle } = rig({ timeoutMs: 300 });
    await fetch(`${sandbox.origin}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/tronzap/v1/transaction/new', delayMs: 800 }),
    });
    const receiver = activatedWallet();
    const job = await start({ receiver });

    const ended = await settle(job.id);

    expect(ended.state).toBe('ready');
    expect(ended.log.map((entry) => entry.state)).toContain('uncertain');
    expect(charges()).toHaveLength(1);
  });

  it('after a worker stopped mid-create (the order went through), resumes it without a second charge', async () => {
    const first = rig();
    const receiver = activatedWallet();
    const job = await first.start({ receiver });
    // The create reached TronZap; the worker stopped before it could write what came back.
    const api = createTronZapApi({ baseUrl: TRONZAP(), ...account });
    const data = zapOrderDataSchema.parse((await first.store.get())[job.id]!.data);
    await api.createTransaction({
      service: 'energy',
      address: receiver,
      amount: 65_000,
      externalId: data.externalId,
    });
    await first.store.update((jobs) => ({ ...jobs, [job.id]: { ...jobs[job.id]!, state: 'uncertain' } }));

    const ended = await first.settle(job.id);

    expect(ended.state).toBe('ready');
    expect(charges()).toHaveLength(1);
  });

  it('ends a documented refusal at once with its message, uncharged', async () => {
    const { start, settle } = rig();
    const job = await start({ receiver: activatedWallet(), amount: 10 });

    const ended = await settle(job.id);

    expect(ended.state).toBe('failed');
    expect(ended.error).toEqual({ code: '11', message: 'message for 11' });
    expect(charges()).toHaveLength(0);
  });

  it('ends failed when TronZap fails the delivery (and refunds it), charged once', async () => {
    const { start, settle } = rig();
    await fetch(`${sandbox.origin}/__sandbox/tronzap/fail-next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: 'transaction_failed', times: 1 }),
    });
    const job = await start({ receiver: activatedWallet() });

    const ended = await settle(job.id);

    expect(ended.state).toBe('failed');
    expect(ended.error?.code).toBe('failed');
    expect(charges()).toHaveLength(1);
  });

  it('activates a fresh address, ready once it exists on the chain', async () => {
    const { start, settle } = rig();
    const receiver = wallet();
    const job = await start({
      receiver,
      service: 'activate_address',
      amount: undefined,
      durationHours: undefined,
    });

    const ended = await settle(job.id);

    expect(ended.state).toBe('ready');
    expect((await createTronNodeApi({ baseUrl: `${sandbox.origin}/tron` }).account(receiver)).activated).toBe(
      true,
    );
    expect(charges()).toHaveLength(1);
  });

  it('sends nothing without credentials for the origin it started on', async () => {
    const { start, settle } = rig({ credentials: false });
    const job = await start({ receiver: activatedWallet() });

    const ended = await settle(job.id);

    expect(ended.error?.code).toBe('not_set_up');
    expect(charges()).toHaveLength(0);
  });
});
