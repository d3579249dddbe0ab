/**
 * How often the background asks TronZap about a placed order: seconds apart while the popup's view
 * port is connected, minutes apart otherwise, and nothing at all (no request, no alarm) when nothing
 * is pending. Every request to the sandbox is counted through the clients' `fetch`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createJobRunner } from '@/lib/jobs/runner';
import { defineValidatedItem, jobsSchema } from '@/lib/storage';
import { createTronZapApi } from '@/lib/energy/tronzap-api';
import { createTronNodeApi } from '@/lib/tron/node-api';
import { createZapOrderKind, zapOrderDataSchema } from '@/lib/energy/zap-order-job';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';

let sandbox: RunningSandbox;
let account: { token: string; secret: string };

beforeAll(async () => {
  // No block is sealed unless a test says so: a placed order stays `pending` as long as needed.
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

let stores = 0;
/** The real runner and zap-tx kind on a clock the test moves; every sandbox request is counted. */
function rig() {
  let clock = Date.now();
  const requests: string[] = [];
  const alarms: { when: number }[] = [];
  const counted: typeof fetch = (input, init) => {
    requests.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
    return fetch(input, init);
  };
  const node = createTronNodeApi({ baseUrl: `${sandbox.origin}/tron`, fetch: counted });
  const kind = createZapOrderKind({
    api: async () =>
      createTronZapApi({ baseUrl: `${sandbox.origin}/tronzap`, ...account, fetch: counted, maxAttempts: 1 }),
    resourceNow: async (_service, receiver) => (await node.accountResources(receiver)).energyLimit,
    message: (code) => `message for ${code}`,
  });
  const store = defineValidatedItem(`local:cadence-jobs-${++stores}`, jobsSchema, { fallback: {} });
  const runner = createJobRunner({
    store,
    kinds: [kind],
    alarms: {
      create: (_name, info) => alarms.push(info),
      clear: () => alarms.splice(0),
    },
    now: () => clock,
  });
  return {
    runner,
    store,
    requests,
    alarms,
    advance: (ms: number) => (clock += ms),
    now: () => clock,
    async place() {
      const receiver = sandbox.world.chain.keypair(`cadence:${crypto.randomUUID()}`).address;
      sandbox.world.chain.mint(receiver, { trxSun: 1_000_000n });
      sandbox.world.chain.produceBlock();
      return runner.create(
        kind,
        'creating',
        zapOrderDataSchema.parse({
          service: 'energy',
          receiver,
          amount: 65_000,
          durationHours: 1,
          externalId: `ext-${crypto.randomUUID()}`,
          origin: sandbox.origin,
          resourceBefore: 0,
        }),
      );
    },
    /** The waits between the job's next `polls` asks, each taken when it falls due. */
    async pollGaps(id: string, polls: number): Promise<number[]> {
      const gaps: number[] = [];
      for (let i = 0; i < polls; i++) {
        const job = (await store.get())[id]!;
        const wait = job.nextRunAt! - clock;
        gaps.push(wait);
        clock = job.nextRunAt!;
        await runner.kick();
      }
      return gaps;
    },
  };
}

describe('order polling cadence', () => {
  it('sends no request and keeps no alarm over 60 s with nothing pending', async () => {
    const { runner, requests, alarms, advance } = rig();
    for (let second = 0; second < 60; second++) {
      await runner.handleAlarm('ampere-jobs');
      await runner.kick();
      advance(1_000);
    }
    expect(requests).toEqual([]);
    expect(alarms).toEqual([]);
  });

  it('asks seconds apart while the popup is open and minutes apart once it is closed', async () => {
    const { runner, store, requests, place, pollGaps } = rig();
    await runner.setWatched(true);
    const job = await place();
    await runner.kick();
    expect((await store.get())[job.id]!.state).toBe('placed');

    const open = await pollGaps(job.id, 4);
    await runner.setWatched(false);
    // The ask already scheduled runs at its time; from then on the cadence is the closed one.
    await pollGaps(job.id, 1);
    const closed = await pollGaps(job.id, 4);

    expect(Math.max(...open)).toBeLessThanOrEqual(30_000);
    expect(Math.min(...closed)).toBeGreaterThanOrEqual(60_000);
    const checks = requests.filter((path) => path.endsWith('/v1/transaction/check'));
    expect(checks).toHaveLength(9);
    expect((await store.get())[job.id]!.state).toBe('placed');
    console.info(JSON.stringify({ openGapsMs: open, closedGapsMs: closed }));
  });

  it('brings a poll due minutes away forward when the popup opens', async () => {
    const { runner, store, place, now } = rig();
    const job = await place();
    await runner.kick();
    const closedNext = (await store.get())[job.id]!.nextRunAt!;
    expect(closedNext - now()).toBeGreaterThanOrEqual(60_000);

    await runner.setWatched(true);

    const after = (await store.get())[job.id]!;
    expect(after.nextRunAt! - now()).toBeLessThanOrEqual(30_000);
    expect(after.data.polls).toBeGreaterThan(1);
  });
});
