/**
 * The `wallet-topup` job on the real runner against the sandbox's chain and 2aml, with a TronLink
 * stand-in that pays with TronWeb: the 2aml energy wallet rises by the exact amount, once, whether
 * the worker lives or stops before paying, after paying, after the chain confirmed, or after
 * reconcile answered but before the job saved it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { TronWeb } from 'tronweb';
import { createJobRunner, type JobKind } from '@/lib/jobs/runner';
import { jobsItem } from '@/lib/storage';
import { createTronNodeApi } from '@/lib/tron/node-api';
import { createRentalChain } from '@/lib/energy/rental-reads';
import {
  createWalletTopupKind,
  walletTopupDataSchema,
  type WalletTopupData,
  type WalletTopupDeps,
} from '@/lib/energy/wallet-topup-job';
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

const credits = () =>
  sandbox.world.ledger.entries().filter((e) => e.service === '2aml-energy' && e.kind === 'credit');

/** Alice's signed-in energy API, the payer's TronWeb, and what TronLink was asked to pay. */
async function world() {
  const under = sessionAgainst(sandbox.origin, { maxAttempts: 1 });
  await under.session.signIn({ email: facts.users.alice.email, password: facts.users.alice.password });
  const state = await under.session.ready();
  if (state.kind !== 'signed_in') throw new Error('not signed in');
  const payer = sandbox.world.chain.keypair(`topup:${crypto.randomUUID()}`);
  sandbox.world.chain.mint(payer.address, { trxSun: 500_000_000n });
  sandbox.world.chain.produceBlock();
  const tronWeb = new TronWeb({ fullHost: `${sandbox.origin}/tron`, privateKey: payer.privateKey });
  const node = createTronNodeApi({
    baseUrl: `${sandbox.origin}/tron`,
    usdtContract: sandbox.world.chain.usdtContract,
  });
  const deposit = await under.api.energy.wallet.depositInstructions();
  return {
    api: under.api.energy,
    userId: state.session.user.id,
    payer,
    deposit,
    tronWeb,
    chain: createRentalChain(async () => node),
    payments: [] as { to: string; amountSun: string; memo?: string }[],
  };
}

type World = Awaited<ReturnType<typeof world>>;

/** One worker: a fresh kind and runner over the stored jobs (what a worker start builds). */
function worker(w: World, options: { haltAt?: string; reportsLost?: boolean } = {}) {
  const deps: WalletTopupDeps = {
    session: async () => ({ api: w.api, userId: w.userId }),
    bridge: {
      async start(request, _preferred, onReport) {
        w.payments.push({ to: request.payTo!, amountSun: request.amountSun!, memo: request.memo });
        const sent = await w.tronWeb.trx.sendTransaction(request.payTo!, Number(request.amountSun));
        const txid = 'txid' in sent ? sent.txid : '';
        // A stopped worker never hears the answer straight from the tab.
        if (!options.reportsLost) onReport({ kind: 'paid', via: 'tron', account: w.payer.address, txid });
        return { tabId: 7 };
      },
      peek: async () => 'tab_gone',
    },
    chain: w.chain,
    newNonce: () => `topup-nonce-${crypto.randomUUID()}`,
    claimedTxids: async () => [],
    deliverReport: () => undefined,
    message: (code) => `message for ${code}`,
  };
  const kind = createWalletTopupKind(deps);
  const halting: JobKind<WalletTopupData> = {
    ...kind,
    // The worker stops as the job reaches `haltAt`: everything before is written, nothing after runs.
    async step(job, context) {
      if (job.state === options.haltAt) return void (await context.save({ nextRunAt: null }));
      return kind.step(job, context);
    },
  };
  const runner = createJobRunner({
    store: jobsItem,
    kinds: [halting],
    alarms: { create: () => undefined, clear: () => undefined },
  });
  return { kind, runner };
}

async function start(w: World, amountSun: bigint, runner: ReturnType<typeof worker>['runner']) {
  const { kind } = worker(w);
  return runner.create(
    kind,
    'created',
    walletTopupDataSchema.parse({
      userId: w.userId,
      payer: w.payer.address,
      depositAddress: w.deposit.depositAddress,
      memo: null,
      amountSun: amountSun.toString(),
      minConfirmations: w.deposit.minConfirmations,
      startedAt: Date.now(),
    }),
  );
}

/** Runs `runner` until the job is terminal or waits (halted). */
async function settle(runner: ReturnType<typeof worker>['runner'], id: string): Promise<JobRecord> {
  for (let round = 0; round < 200; round++) {
    const job = (await jobsItem.get())[id]!;
    if (job.terminal || job.nextRunAt === null) return job;
    if (job.nextRunAt > Date.now()) await runner.patch(id, { nextRunAt: Date.now() });
    await runner.kick();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} never settled: ${JSON.stringify((await jobsItem.get())[id])}`);
}

/** A new worker picks the job up where the last one stopped. */
async function resume(w: World, id: string) {
  const next = worker(w);
  await next.runner.patch(id, { nextRunAt: Date.now() });
  return settle(next.runner, id);
}

const available = async (w: World) => (await w.api.wallet.summary()).availableBalanceSun;

describe('the wallet-topup job', () => {
  it('pays the deposit address once and raises the 2aml wallet by the exact amount', async () => {
    const w = await world();
    const before = await available(w);
    const { runner } = worker(w);
    const job = await start(w, 12_345_678n, runner);

    const ended = await settle(runner, job.id);

    expect(ended.state).toBe('credited');
    expect(ended.data.creditedSun).toBe('12345678');
    expect((await available(w)) - before).toBe(12_345_678n);
    expect(w.payments).toEqual([{ to: w.deposit.depositAddress, amountSun: '12345678', memo: undefined }]);
    expect(credits()).toHaveLength(1);
  });

  it.each([
    ['before TronLink was asked', 'created', false],
    ['after paying, before the job saw the payment', 'awaiting_payment', true],
    ['after the payment, before the chain confirmed it', 'paid', false],
    ['after the chain confirmed, before reconcile', 'confirmed', false],
  ])('credits once when the worker stops %s', async (_when, haltAt, reportsLost) => {
    const w = await world();
    const before = await available(w);
    const first = worker(w, { haltAt, reportsLost });
    const job = await start(w, 3_500_000n, first.runner);
    const halted = await settle(first.runner, job.id);
    expect(halted.state).toBe(haltAt);
    expect(halted.terminal).toBe(false);

    const ended = await resume(w, job.id);

    expect(ended.state).toBe('credited');
    expect((await available(w)) - before).toBe(3_500_000n);
    expect(w.payments).toHaveLength(1);
    expect(credits()).toHaveLength(1);
  });

  it('credits once when reconcile answered but the worker stopped before saving it', async () => {
    const w = await world();
    const before = await available(w);
    const first = worker(w, { haltAt: 'confirmed' });
    const job = await start(w, 2_000_000n, first.runner);
    const halted = await settle(first.runner, job.id);
    // The reconcile reached 2aml; its answer died with the worker.
    await w.api.wallet.reconcileTopup({ txHash: String(halted.data.txid) });

    const ended = await resume(w, job.id);

    expect(ended.state).toBe('credited');
    expect((await available(w)) - before).toBe(2_000_000n);
    expect(credits()).toHaveLength(1);
  });

  it('sends the memo with the payment when 2aml requires one', async () => {
    const w = await world();
    const { runner } = worker(w);
    const job = await runner.create(
      worker(w).kind,
      'created',
      walletTopupDataSchema.parse({
        userId: w.userId,
        payer: w.payer.address,
        depositAddress: w.deposit.depositAddress,
        memo: 'ACC-17',
        amountSun: '1000000',
        minConfirmations: 1,
        startedAt: Date.now(),
      }),
    );
    await settle(runner, job.id);
    expect(w.payments[0]?.memo).toBe('ACC-17');
  });

  it('ends without paying when TronLink declines, and asks TronLink only once', async () => {
    const w = await world();
    const before = await available(w);
    const kind = createWalletTopupKind({
      session: async () => ({ api: w.api, userId: w.userId }),
      bridge: {
        async start(_request, _preferred, onReport) {
          w.payments.push({ to: '', amountSun: '' });
          onReport({ kind: 'error', stage: 'pay', code: 4001, message: 'declined' });
          return { tabId: 3 };
        },
        peek: async () => ({ phase: 'done', report: { kind: 'error', stage: 'pay', code: 4001 } }),
      },
      chain: w.chain,
      newNonce: () => `n-${crypto.randomUUID()}`,
      claimedTxids: async () => [],
      deliverReport: () => undefined,
      message: (code) => `message for ${code}`,
    });
    const runner = createJobRunner({
      store: jobsItem,
      kinds: [kind],
      alarms: { create: () => undefined, clear: () => undefined },
    });
    const job = await runner.create(
      kind,
      'created',
      walletTopupDataSchema.parse({
        userId: w.userId,
        payer: w.payer.address,
        depositAddress: w.deposit.depositAddress,
        memo: null,
        amountSun: '5000000',
        minConfirmations: 1,
        startedAt: Date.now(),
      }),
    );

    const ended = await settle(runner, job.id);

    expect(ended.state).toBe('failed');
    expect(ended.error?.code).toBe('tronlink_rejected');
    expect(w.payments).toHaveLength(1);
    expect(await available(w)).toBe(before);
    expect(credits()).toHaveLength(0);
  });
});
