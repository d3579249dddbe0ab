/**
 * The 2aml energy-order job on the real runner against the sandbox's 2aml: billed from the wallet
 * once whatever goes wrong (a lost answer, a stopped worker), followed to a terminal status, and
 * "ready" only once the chain shows the energy.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createJobRunner } from '@/lib/jobs/runner';
import { defineValidatedItem, jobsSchema } from '@/lib/storage';
import { createTronNodeApi } from '@/lib/tron/node-api';
import {
  createEnergyOrderKind,
  energyOrderDataSchema,
  type EnergyOrderDataInput,
} from '@/lib/energy/energy-order-job';
import type { JobRecord } from '@/lib/jobs/schema';
import type { RunningSandbox } from '../../sandbox/server';
import { seeded, sessionAgainst, startAmlSandbox, type Control } from '../aml/sandbox-session';

let sandbox: RunningSandbox;
let control: Control;
let facts: Awaited<ReturnType<typeof seeded>>;

beforeAll(async () => {
  ({ sandbox, control } = await startAmlSandbox());
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  await control('POST', 'reset');
  facts = await seeded(control);
});

const charges = () =>
  sandbox.world.ledger.entries().filter((e) => e.service === '2aml-energy' && e.kind === 'charge');
const delegations = () =>
  sandbox.world.ledger.entries().filter((e) => e.service === '2aml-energy' && e.kind === 'delegation');

let stores = 0;
async function rig(options: { timeoutMs?: number } = {}) {
  const under = sessionAgainst(sandbox.origin, { timeoutMs: options.timeoutMs, maxAttempts: 1 });
  const alice = facts.users.alice;
  await under.session.signIn({ email: alice.email, password: alice.password });
  const state = await under.session.ready();
  if (state.kind !== 'signed_in') throw new Error('not signed in');
  const userId = state.session.user.id;
  let offsetMs = 0;
  const node = createTronNodeApi({ baseUrl: `${sandbox.origin}/tron` });
  const kind = createEnergyOrderKind({
    session: async () => ({ api: under.api.energy, userId }),
    energyLimit: async (receiver) => (await node.accountResources(receiver)).energyLimit,
    message: (code) => `message for ${code}`,
  });
  const store = defineValidatedItem(`local:order-jobs-${++stores}`, jobsSchema, { fallback: {} });
  const runner = createJobRunner({
    store,
    kinds: [kind],
    alarms: { create: () => undefined, clear: () => undefined },
    now: () => Date.now() + offsetMs,
  });
  return {
    store,
    runner,
    start: (input: Partial<EnergyOrderDataInput> & { receiver: string }) =>
      runner.create(
        kind,
        'creating',
        energyOrderDataSchema.parse({
          energy: 65_000,
          period: '1H',
          orderId: `ampere-${crypto.randomUUID()}`,
          idempotencyKey: `energy-${crypto.randomUUID()}`,
          userId,
          energyBefore: 0,
          priceSun: '0',
          ...input,
        }),
      ),
    async settle(id: string): Promise<JobRecord> {
      for (let round = 0; round < 300; round++) {
        const job = (await store.get())[id]!;
        if (job.terminal) return job;
        await runner.kick();
        offsetMs += 5_000;
        sandbox.world.clock.advance(5);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`job ${id} never ended: ${JSON.stringify((await store.get())[id])}`);
    },
  };
}

/** An activated address with no energy of its own. */
function activatedWallet(): string {
  const address = sandbox.world.chain.keypair(`order-job:${crypto.randomUUID()}`).address;
  sandbox.world.chain.mint(address, { trxSun: 1_000_000n });
  sandbox.world.chain.produceBlock();
  return address;
}

describe('the energy-order job', () => {
  it('orders 65,000 energy once, follows it to completed and is ready when the chain shows it', async () => {
    const { start, settle } = await rig();
    const receiver = activatedWallet();
    const job = await start({ receiver });

    const ended = await settle(job.id);

    expect(ended.state).toBe('ready');
    expect(ended.data.status).toBe('completed');
    expect(typeof ended.data.energyOrderId).toBe('string');
    expect(charges()).toHaveLength(1);
    expect(delegations()).toHaveLength(1);
    expect(
      (await createTronNodeApi({ baseUrl: `${sandbox.origin}/tron` }).accountResources(receiver)).energyLimit,
    ).toBeGreaterThanOrEqual(65_000);
  });

  it('after an answer lost past the timeout, asks again with the same key and is charged once', async () => {
    const { start, settle } = await rig({ timeoutMs: 300 });
    await control('POST', 'faults', { path: '/2aml/external/tron-energy/orders', delayMs: 800 });
    const job = await start({ receiver: activatedWallet() });

    const ended = await settle(job.id);

    expect(ended.state).toBe('ready');
    expect(ended.attempts).toBeGreaterThan(1);
    expect(charges()).toHaveLength(1);
  });

  it('after an unreadable answer, replays the same key and is charged once', async () => {
    const { start, settle } = await rig();
    await control('POST', 'faults', {
      path: '/2aml/external/tron-energy/orders',
      status: 200,
      body: '{"energyOrderId": ',
    });
    const job = await start({ receiver: activatedWallet() });

    const ended = await settle(job.id);

    expect(ended.state).toBe('ready');
    expect(charges()).toHaveLength(1);
  });

  it('after a worker stopped mid-create, the same key finds the same order', async () => {
    const first = await rig();
    const receiver = activatedWallet();
    const job = await first.start({ receiver });
    const data = energyOrderDataSchema.parse(job.data);
    // The create reached 2aml; the worker stopped before it could write the answer.
    const under = sessionAgainst(sandbox.origin);
    await under.session.signIn({ email: facts.users.alice.email, password: facts.users.alice.password });
    await under.api.energy.createOrder({
      orderId: data.orderId,
      receiver,
      energy: data.energy,
      period: data.period,
      idempotencyKey: data.idempotencyKey,
    });

    const ended = await first.settle(job.id);

    expect(ended.state).toBe('ready');
    expect(charges()).toHaveLength(1);
  });

  it('after a 409 "same key in progress", asks again later with the same key and is charged once', async () => {
    const { start, settle } = await rig();
    await control('POST', 'faults', {
      path: '/2aml/external/tron-energy/orders',
      status: 409,
      body: JSON.stringify({
        statusCode: 409,
        timestamp: '2026-04-15T12:00:00.000Z',
        path: '/external/tron-energy/orders',
        error: { message: 'An order with this idempotency key is already being processed.' },
      }),
      times: 1,
    });
    const job = await start({ receiver: activatedWallet() });

    const ended = await settle(job.id);

    expect(ended.state).toBe('ready');
    expect(ended.attempts).toBeGreaterThan(1);
    expect(charges()).toHaveLength(1);
  });

  it('ends a refused order at once with its message, uncharged', async () => {
    const { start, settle } = await rig();
    const job = await start({ receiver: activatedWallet(), energy: 2_000_000_000 });

    const ended = await settle(job.id);

    expect(ended.state).toBe('failed');
    expect(ended.error?.message).toMatch(/^message for /);
    expect(charges()).toHaveLength(0);
  });
});
