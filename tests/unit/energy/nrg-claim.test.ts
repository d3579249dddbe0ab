/**
 * The `nrg-claim` job on the real runner and WXT's fake browser storage, with TronLink, the chain
 * and TronNRG scripted: every state written before its side effect, exactly one claim per payment,
 * and recovery from a worker that stopped at each step.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { TronWeb, Trx } from 'tronweb';
import { createJobRunner, type Job, type JobRunner } from '@/lib/jobs/runner';
import {
  ALREADY_USED_SEARCH_MS,
  createNrgClaimKind,
  NOT_INDEXED_RETRY_MS,
  PAYMENT_WINDOW_MS,
  TRANSIENT_RETRY_MS,
  type NrgClaimDeps,
  type RelayPeek,
} from '@/lib/energy/rental-job';
import { bridgeResultPatch, parseReport } from '@/lib/energy/claim-results';
import {
  claimMessage,
  nrgClaimDataSchema,
  type NrgClaimData,
  NOT_INDEXED_MAX_ATTEMPTS,
  TRANSIENT_MAX_ATTEMPTS,
} from '@/lib/energy/claim-data';
import type { BridgeOp, BridgeRequest } from '@/lib/tronlink/protocol';
import type { TransactionView } from '@/lib/tron/node-schemas';
import type { TronNrgDelegation } from '@/lib/energy/tronnrg-client';
import { ServiceError } from '@/lib/http';
import { jobsItem } from '@/lib/storage';
import { TRONLINK_DECLINED } from '@/lib/tronlink/reports';
import { notifyTransition } from '@/entrypoints/background/job-kinds';
import { claimErrorText } from '@/lib/energy/texts';
import { consumeTxid } from '@/lib/energy/tronlink-steps';
import { MAX_RETRY_AFTER_MS } from '@/lib/jobs/retry';
import { createRentalStarts, cancelRental } from '@/lib/energy/rentals';
import type { RentalQuote } from '@/lib/energy/quote';
import { succeeded } from '@/lib/outcome';
import { serveShippedMessages } from '../aml/sandbox-session';

const PAYER_KEY = '1'.repeat(63) + '2';
const OTHER_KEY = '3'.repeat(63) + '4';
const PAYER = TronWeb.address.fromPrivateKey(PAYER_KEY) as string;
const OTHER = TronWeb.address.fromPrivateKey(OTHER_KEY) as string;
const RECEIVER = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const PAY_TO = 'TFqUiCu1JwLHHnBNeaaVKH7Csm4aA3YhZx';
const PRICE_SUN = 4_000_000n;
const TXID = 'a1'.repeat(32);
const FORGED_TXID = 'f0'.repeat(32);
const T0 = 1_800_000_000_000;

const sign = (key: string, txid = TXID) => Trx.signMessageV2(claimMessage(txid, RECEIVER), key) as string;

/** TronLink in a tab, scripted: requests are recorded; answers come when a test gives them. */
class ScriptedTronLink {
  requests: (BridgeRequest & { onReport(report: unknown): void })[] = [];
  relay = new Map<string, RelayPeek>();
  tabGone = false;
  unreachable = false;

  bridge: NrgClaimDeps['bridge'] = {
    start: async (request, _preferred, onReport) => {
      if (this.unreachable) throw new Error('no tab');
      this.requests.push({ ...request, onReport });
      this.relay.set(request.nonce, { phase: 'started' });
      return { tabId: 7 };
    },
    peek: async (_tabId, nonce) => (this.tabGone ? 'tab_gone' : (this.relay.get(nonce) ?? 'unknown')),
  };

  last(op: BridgeOp) {
    const request = this.requests.filter((r) => r.op === op).at(-1);
    if (!request) throw new Error(`no ${op} request`);
    return request;
  }

  /** TronLink answers; the report waits in the relay, and reaches a live worker directly when `direct`. */
  answer(op: BridgeOp, report: unknown, { direct = true } = {}) {
    const request = this.last(op);
    this.relay.set(request.nonce, { phase: 'done', report });
    if (direct) request.onReport(report);
  }
}

/** The chain as the job reads it. */
class ScriptedChain {
  transactions = new Map<string, TransactionView>();
  confirmed: TransactionView[] = [];
  delegations: TransactionView[] = [];

  pay(txid = TXID, overrides: Partial<TransactionView> = {}, confirmed = true) {
    const tx: TransactionView = {
      txid,
      type: 'TransferContract',
      from: PAYER,
      to: PAY_TO,
      amountSun: PRICE_SUN,
      contractRet: 'SUCCESS',
      blockTimestampMs: T0 + 3_000,
      ...overrides,
    };
    this.transactions.set(txid, tx);
    if (confirmed) this.confirmed.push(tx);
    return tx;
  }

  chain: NrgClaimDeps['chain'] = {
    transaction: async (txid) => this.transactions.get(txid),
    findPayment: async (q) =>
      this.confirmed.find(
        (tx) =>
          tx.from === q.from &&
          tx.to === q.to &&
          tx.amountSun === q.amountSun &&
          !q.excludeTxids.includes(tx.txid),
      ),
    findDelegation: async ({ receiver }) => this.delegations.find((tx) => tx.to === receiver),
  };
}

const receipt = (): TronNrgDelegation => ({
  ref: 'nrg_d_1',
  energy: 65_000,
  cost: { trx: '4', sun: PRICE_SUN },
  status: 'delegated',
  delegations: [{ tx: 'de'.repeat(32), energy: 65_000 }],
});

const nrgError = (code: string, status: number, details?: unknown, retryAfterMs?: number) =>
  new ServiceError({ service: 'tronnrg', status, code, message: code, details, retryAfterMs });

interface World {
  tronLink: ScriptedTronLink;
  chain: ScriptedChain;
  claims: { tx_hash: string; signature: string }[];
  /** What TronNRG does with the next claims, in order; an empty script delegates. */
  claimScript: ((input: { tx_hash: string }) => TronNrgDelegation | Promise<TronNrgDelegation>)[];
  clock: { now: number };
  /** The runner's alarms; a test may hold a write to catch the runner while it schedules. */
  alarms: { create(name: string, info: { when: number }): unknown; clear(name: string): unknown };
  runner: JobRunner;
  deps: NrgClaimDeps;
  startWorker(): JobRunner;
}

let world: World;

function createWorld(): World {
  const tronLink = new ScriptedTronLink();
  const chain = new ScriptedChain();
  const clock = { now: T0 };
  const claims: World['claims'] = [];
  const claimScript: World['claimScript'] = [];
  let nonce = 0;
  const alarms: World['alarms'] = { create: () => undefined, clear: () => undefined };
  const w = { tronLink, chain, claims, claimScript, clock, alarms } as World;
  const deps: NrgClaimDeps = {
    bridge: tronLink.bridge,
    chain: chain.chain,
    async delegate(input) {
      claims.push(input);
      const next = claimScript.shift();
      return next ? next(input) : receipt();
    },
    newNonce: () => `nonce-${String(++nonce).padStart(8, '0')}`,
    claimedTxids: async () => [],
    consumeTxid: (txid, jobId) => consumeTxid(txid, jobId, clock.now),
    deliverReport: (result) => void applyResult(w.runner, result),
    message: (code) => code,
    readJob: async (id) => (await jobsItem.get())[id],
  };
  w.deps = deps;
  w.startWorker = () => {
    w.runner = createJobRunner({
      store: jobsItem,
      kinds: [createNrgClaimKind(deps)],
      alarms: { create: (name, info) => alarms.create(name, info), clear: (name) => alarms.clear(name) },
      now: () => clock.now,
      onTransition: notifyTransition,
    });
    return w.runner;
  };
  w.startWorker();
  return w;
}

/** What the background does with a relay's `bridge.result` (`createBridgeResults` in lib/energy/rental-job.ts). */
async function applyResult(runner: JobRunner, result: { nonce: string; op: BridgeOp; report: unknown }) {
  const record = Object.values(await jobsItem.get()).find((job) =>
    (job.data.nonces as string[] | undefined)?.includes(result.nonce),
  );
  const outcome = parseReport(result.op, result.report);
  if (!record || !outcome) return false;
  const job = { ...record, data: nrgClaimDataSchema.parse(record.data) } as Job<NrgClaimData>;
  const patch = bridgeResultPatch(job, result.nonce, result.op, outcome, world.clock.now, (code) => code);
  if (!patch) return false;
  await runner.patch(record.id, patch);
  return true;
}

async function startRental(): Promise<string> {
  const kind = createNrgClaimKind(world.deps);
  const job = await world.runner.create(kind, 'quote', {
    payer: PAYER,
    receiver: RECEIVER,
    payTo: PAY_TO,
    priceSun: PRICE_SUN.toString(),
    energy: 65_000,
    neededEnergy: 65_000,
    startedAt: T0,
  } as NrgClaimData);
  await settle();
  return job.id;
}

/** Lets the runner finish what is due now. */
async function settle() {
  for (let i = 0; i < 5; i++) {
    await world.runner.kick();
    // Runs what the runner queued for "now" (its own timers are fake: only the test's clock moves).
    await vi.advanceTimersByTimeAsync(0);
  }
}

async function advance(ms: number) {
  world.clock.now += ms;
  await settle();
}

async function job(id: string) {
  const record = (await jobsItem.get())[id]!;
  return { ...record, data: nrgClaimDataSchema.parse(record.data) };
}

const paidReport = (txid = TXID) => ({ kind: 'paid', via: 'tron', account: PAYER, txid });
const signedReport = (key = PAYER_KEY, txid = TXID) => ({
  kind: 'signed',
  via: 'tron',
  account: PAYER,
  signature: sign(key, txid),
});

/** The payments TronLink was asked for (each one a charge if approved). */
const payRequests = () => world.tronLink.requests.filter((request) => request.op === 'pay');

/** Pays and signs through the scripted TronLink with the payment already in a block. */
async function payAndSign(id: string) {
  world.chain.pay();
  world.tronLink.answer('pay', paidReport());
  await settle();
  expect((await job(id)).state).toBe('signing');
  world.tronLink.answer('sign', signedReport());
  await settle();
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  world = createWorld();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('a rental', () => {
  it('goes quote → awaiting_payment → paid → signing → signed → claiming → delegated, claiming once', async () => {
    const id = await startRental();
    const pay = world.tronLink.last('pay');
    expect(pay).toMatchObject({ op: 'pay', expectedAccount: PAYER, payTo: PAY_TO, amountSun: '4000000' });
    expect((await job(id)).state).toBe('awaiting_payment');

    await payAndSign(id);
    const done = await job(id);
    expect(done.state).toBe('delegated');
    expect(done.terminal).toBe(true);
    expect(done.log.map((l) => l.state)).toEqual([
      'quote',
      'awaiting_payment',
      'paid',
      'signing',
      'signed',
      'claiming',
      'delegated',
    ]);
    expect(world.tronLink.last('sign').message).toBe(`${TXID}:${RECEIVER}`);
    expect(world.claims).toEqual([{ tx_hash: TXID, delegate_to: RECEIVER, signature: sign(PAYER_KEY) }]);
    expect(done.data.receipt).toMatchObject({ ref: 'nrg_d_1', energy: 65_000, costSun: '4000000' });
  });

  it('ends cancelled, with nothing paid, when the payment is declined', async () => {
    const id = await startRental();
    world.tronLink.answer('pay', { kind: 'error', stage: 'pay', thrown: TRONLINK_DECLINED });
    await settle();
    expect(await job(id)).toMatchObject({
      state: 'cancelled',
      terminal: true,
      error: { code: 'payment_rejected' },
    });
    expect(world.tronLink.requests.filter((r) => r.op === 'sign')).toHaveLength(0);
    expect(world.claims).toHaveLength(0);
  });

  it('fails without paying when TronLink is locked, missing or on another account', async () => {
    for (const [report, code] of [
      [{ kind: 'locked', via: 'tron' }, 'tronlink_locked'],
      [{ kind: 'absent' }, 'tronlink_not_installed'],
      [{ kind: 'wrong_account', account: OTHER }, 'tronlink_wrong_account'],
      [{ kind: 'error', stage: 'accounts', code: -32002 }, 'tronlink_request_pending'],
    ] as const) {
      const id = await startRental();
      world.tronLink.answer('pay', report);
      await settle();
      expect(await job(id)).toMatchObject({ state: 'failed', terminal: true, error: { code } });
    }
    expect(world.claims).toHaveLength(0);
  });

  it('waits a moment for a txid the node does not know yet, then takes it', async () => {
    const id = await startRental();
    world.tronLink.answer('pay', paidReport());
    await settle();
    expect(await job(id)).toMatchObject({ state: 'awaiting_payment', data: { reportedTxids: [TXID] } });
    world.chain.pay(TXID, {}, false);
    await advance(1_000);
    expect(await job(id)).toMatchObject({ state: 'signing', data: { txid: TXID } });
  });

  it('fails at once, having asked nothing, when no tab can host TronLink', async () => {
    world.tronLink.unreachable = true;
    const id = await startRental();
    expect(await job(id)).toMatchObject({ state: 'failed', error: { code: 'tronlink_unreachable' } });
  });
});

describe('what a page could forge', () => {
  it('ignores a txid the chain does not show as the payment, and takes the real one after it', async () => {
    const id = await startRental();
    // A page posts a result for the nonce it saw: the chain shows a transfer elsewhere under that id.
    world.chain.pay(FORGED_TXID, { to: OTHER }, false);
    expect(
      await applyResult(world.runner, {
        nonce: world.tronLink.last('pay').nonce,
        op: 'pay',
        report: paidReport(FORGED_TXID),
      }),
    ).toBe(true);
    await settle();
    expect(await job(id)).toMatchObject({ state: 'awaiting_payment', data: { reportedTxids: [] } });
    expect((await job(id)).data.txid).toBeUndefined();

    await payAndSign(id);
    expect(await job(id)).toMatchObject({ state: 'delegated', data: { txid: TXID } });
  });

  it('never claims with a signature that does not recover to the payer', async () => {
    const id = await startRental();
    world.chain.pay();
    world.tronLink.answer('pay', paidReport());
    await settle();
    // Garbage is ignored outright; a real signature by another key asks the person to sign again.
    world.tronLink.answer('sign', {
      kind: 'signed',
      via: 'tron',
      account: PAYER,
      signature: `0x${'22'.repeat(65)}`,
    });
    await settle();
    expect((await job(id)).state).toBe('signing');
    world.tronLink.answer('sign', signedReport(OTHER_KEY));
    await settle();
    expect(await job(id)).toMatchObject({
      state: 'signing',
      data: { action: 'sign_again' },
      error: { code: 'signature_wrong_account' },
    });
    expect(world.claims).toHaveLength(0);
  });

  it('ignores results for nonces it never handed out', async () => {
    const id = await startRental();
    expect(
      await applyResult(world.runner, { nonce: 'nonce-unknown-00', op: 'pay', report: paidReport() }),
    ).toBe(false);
    expect((await job(id)).data.reportedTxids).toEqual([]);
  });
});

describe('a declined signature', () => {
  it('keeps the paid job waiting for "Sign again", then claims once, never paying twice', async () => {
    const id = await startRental();
    world.chain.pay();
    world.tronLink.answer('pay', paidReport());
    await settle();
    world.tronLink.answer('sign', { kind: 'error', stage: 'sign', thrown: TRONLINK_DECLINED });
    await settle();
    expect(await job(id)).toMatchObject({
      state: 'signing',
      terminal: false,
      nextRunAt: null,
      error: { code: 'signature_declined' },
      data: { action: 'sign_again', txid: TXID },
    });
    await advance(60 * 60_000);
    expect(world.tronLink.requests).toHaveLength(2);

    // "Sign again" (entrypoints/background/energy: energy.signAgain)
    await world.runner.patch(id, {
      state: 'paid',
      data: { action: null, request: null, signRound: 1 },
      error: null,
      nextRunAt: world.clock.now,
    });
    await settle();
    expect(world.tronLink.requests.map((r) => r.op)).toEqual(['pay', 'sign', 'sign']);
    world.tronLink.answer('sign', signedReport());
    await settle();
    expect(await job(id)).toMatchObject({ state: 'delegated' });
    expect(world.claims).toHaveLength(1);
    expect(world.tronLink.requests.filter((r) => r.op === 'pay')).toHaveLength(1);
  });
});

describe('a worker that stops', () => {
  it('takes the payment from the relay when TronLink answered while the worker was stopped', async () => {
    const id = await startRental();
    world.chain.pay();
    world.tronLink.answer('pay', paidReport(), { direct: false });
    world.startWorker();
    await advance(3_000);
    expect(await job(id)).toMatchObject({ state: 'signing', data: { txid: TXID } });
  });

  it('finds the payment on the chain when the tab and its relay are gone', async () => {
    const id = await startRental();
    world.tronLink.tabGone = true;
    world.chain.pay();
    world.startWorker();
    await advance(3_000);
    // Found, then straight on to the signature (in the same tab TronLink is reached through).
    expect(await job(id)).toMatchObject({ state: 'signing', data: { txid: TXID } });
    expect((await job(id)).log.map((l) => l.state)).toContain('paid');
  });

  it('ends with nothing paid when the tab is gone and no payment shows up on the chain', async () => {
    const id = await startRental();
    world.tronLink.tabGone = true;
    world.startWorker();
    await advance(3_000);
    expect((await job(id)).state).toBe('awaiting_payment');
    for (let waited = 0; waited <= PAYMENT_WINDOW_MS; waited += 5_000) await advance(5_000);
    expect(await job(id)).toMatchObject({ state: 'failed', error: { code: 'tronlink_no_answer' } });
    expect(world.claims).toHaveLength(0);
  });

  it('takes the signature from the relay after a restart', async () => {
    const id = await startRental();
    world.chain.pay();
    world.tronLink.answer('pay', paidReport());
    await settle();
    world.tronLink.answer('sign', signedReport(), { direct: false });
    world.startWorker();
    await advance(3_000);
    expect((await job(id)).state).toBe('delegated');
    expect(world.claims).toHaveLength(1);
  });

  it('asks to sign again when the signing tab was closed before it answered', async () => {
    const id = await startRental();
    world.chain.pay();
    world.tronLink.answer('pay', paidReport());
    await settle();
    world.tronLink.tabGone = true;
    world.startWorker();
    await advance(3_000);
    // One silent look is not enough (a busy tab can fail one): a few seconds of silence are.
    expect((await job(id)).data.action).toBeNull();
    for (let waited = 0; waited < 8_000; waited += 2_000) await advance(2_000);
    expect(await job(id)).toMatchObject({
      state: 'signing',
      data: { action: 'sign_again' },
      error: { code: 'signature_lost' },
    });
  });

  it('reports delegated when its own earlier claim went through but the answer was lost', async () => {
    const id = await startRental();
    world.claimScript.push(() => {
      // TronNRG delegates, then the worker dies before the answer arrives.
      world.chain.delegations.push({
        txid: 'de'.repeat(32),
        type: 'DelegateResourceContract',
        from: PAY_TO,
        to: RECEIVER,
      });
      throw new Error('the service worker was stopped');
    });
    world.claimScript.push(() => {
      throw nrgError('hash_already_used', 409);
    });
    await payAndSign(id);
    expect((await job(id)).state).toBe('claiming');
    world.startWorker();
    await advance(60_000);
    expect(await job(id)).toMatchObject({
      state: 'delegated',
      data: { receipt: { recovered: true, delegations: [{ tx: 'de'.repeat(32) }] } },
    });
    expect(world.claims).toHaveLength(2);
  });
});

describe('what a restart, a late report or a busy runner never undoes', () => {
  it('never asks TronLink to pay again after a restart while the payment prompt is open', async () => {
    const id = await startRental();
    world.startWorker();
    for (let waited = 0; waited < 90_000; waited += 10_000) await advance(10_000);
    expect(world.tronLink.requests.map((r) => r.op)).toEqual(['pay']);
    expect((await job(id)).state).toBe('awaiting_payment');

    // The person approves the first prompt at last; the relay still holds its answer.
    world.chain.pay();
    world.tronLink.answer('pay', paidReport(), { direct: false });
    for (let i = 0; i < 6 && (await job(id)).state !== 'signing'; i++) await advance(10_000);
    world.tronLink.answer('sign', signedReport());
    await settle();
    expect(await job(id)).toMatchObject({ state: 'delegated', data: { txid: TXID } });
    expect(world.tronLink.requests.map((r) => r.op)).toEqual(['pay', 'sign']);
    expect(world.claims).toHaveLength(1);
  });

  it('keeps the verified txid whatever a later report for the payment says', async () => {
    const id = await startRental();
    world.chain.pay();
    world.tronLink.answer('pay', paidReport());
    await settle();
    const payNonce = world.tronLink.last('pay').nonce;
    world.chain.pay(FORGED_TXID);
    for (const report of [
      { kind: 'error', stage: 'pay', thrown: TRONLINK_DECLINED },
      paidReport(FORGED_TXID),
      { kind: 'locked', via: 'tron' },
    ]) {
      expect(await applyResult(world.runner, { nonce: payNonce, op: 'pay', report })).toBe(false);
    }
    world.startWorker();
    await advance(3_000);
    expect(await job(id)).toMatchObject({ state: 'signing', terminal: false, data: { txid: TXID } });
    expect(world.tronLink.requests.filter((r) => r.op === 'pay')).toHaveLength(1);
  });

  it('never claims again once delegated, however often the worker restarts', async () => {
    const id = await startRental();
    await payAndSign(id);
    for (let restart = 0; restart < 3; restart++) {
      world.startWorker();
      await advance(10 * 60_000);
    }
    expect(await job(id)).toMatchObject({ state: 'delegated', data: { receipt: { ref: 'nrg_d_1' } } });
    expect(world.claims).toHaveLength(1);
  });

  it('moves on at once when TronLink answers while the runner is writing its next wake-up', async () => {
    const id = await startRental();
    expect((await job(id)).nextRunAt).toBeGreaterThan(world.clock.now);
    let release: () => void = () => undefined;
    let held = false;
    world.alarms.create = () => {
      if (held) return undefined;
      held = true;
      return new Promise<void>((done) => (release = done));
    };
    // Nothing is due, so this kick goes straight to writing the next wake-up, and is held there.
    const kicking = world.runner.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(held).toBe(true);
    world.chain.pay();
    world.tronLink.answer('pay', paidReport());
    await vi.advanceTimersByTimeAsync(0);
    release();
    await kicking;
    // No explicit kick and no time passing: the answer alone must have moved the rental on.
    for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(0);
    expect(await job(id)).toMatchObject({ state: 'signing', data: { txid: TXID } });
  });

  it('is not set back by the popup reading the jobs while TronLink answers', async () => {
    // Chrome hands stored objects back with their keys sorted, so what a read parses never matches
    // the stored JSON byte for byte: exactly the case where a read that "repaired" what it read wrote.
    const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
    const sorted = vi
      .spyOn(fakeBrowser.storage.local, 'get')
      .mockImplementation(async (keys?: unknown) => sortKeys(await get(keys as never)) as never);
    try {
      const id = await startRental();
      world.chain.pay();
      // The popup and the view ports read the jobs all the time; a read must never undo a write.
      const reading = readContinuously(200);
      world.tronLink.answer('pay', paidReport());
      await reading;
      await settle();
      expect((await job(id)).state).toBe('signing');
      const signing = readContinuously(200);
      world.tronLink.answer('sign', signedReport());
      await signing;
      await advance(1_000);
      expect(await job(id)).toMatchObject({ state: 'delegated' });
      expect(world.tronLink.requests.map((r) => r.op)).toEqual(['pay', 'sign']);
      expect(world.claims).toHaveLength(1);
    } finally {
      sorted.mockRestore();
    }
  });
});

/** Reads the jobs `times` times, one read starting on each turn, as a busy popup would. */
async function readContinuously(times: number): Promise<void> {
  const reads: Promise<unknown>[] = [];
  for (let i = 0; i < times; i++) {
    reads.push(jobsItem.get());
    await Promise.resolve();
  }
  await Promise.all(reads);
}

/** `value` with every object's keys in sorted order, as Chrome's storage returns it. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(entries.map(([key, item]) => [key, sortKeys(item)]));
}

describe('TronNRG answers', () => {
  it('retries payment_verification_failed 404 quickly while the payment is not indexed', async () => {
    world.claimScript.push(() => {
      throw nrgError('payment_verification_failed', 404);
    });
    const id = await startRental();
    await payAndSign(id);
    expect(await job(id)).toMatchObject({
      state: 'claiming',
      error: { code: 'payment_verification_failed' },
    });
    await advance(500);
    expect((await job(id)).state).toBe('delegated');
  });

  it('gives up on a payment TronNRG cannot find after about a minute', async () => {
    for (let i = 0; i < 200; i++)
      world.claimScript.push(() => {
        throw nrgError('payment_verification_failed', 404);
      });
    const id = await startRental();
    await payAndSign(id);
    for (let waited = 0; waited <= NOT_INDEXED_RETRY_MS; waited += 3_000) await advance(3_000);
    expect(await job(id)).toMatchObject({ state: 'failed', error: { code: 'payment_not_indexed' } });
  });

  it('is terminal on hash_already_used once the chain shows no delegation for a while', async () => {
    world.claimScript.push(() => {
      throw nrgError('hash_already_used', 409);
    });
    const id = await startRental();
    await payAndSign(id);
    expect((await job(id)).state).toBe('claiming');
    for (let waited = 0; waited <= ALREADY_USED_SEARCH_MS; waited += 2_000) await advance(2_000);
    expect(await job(id)).toMatchObject({
      state: 'failed',
      terminal: true,
      error: { code: 'hash_already_used' },
    });
    await advance(10 * 60_000);
    expect(world.claims).toHaveLength(1);
  });

  it('reports delegated when the delegation shows up on the chain a block after hash_already_used', async () => {
    world.claimScript.push(() => {
      throw nrgError('hash_already_used', 409);
    });
    const id = await startRental();
    await payAndSign(id);
    world.chain.delegations.push({
      txid: 'de'.repeat(32),
      type: 'DelegateResourceContract',
      from: PAY_TO,
      to: RECEIVER,
    });
    await advance(2_000);
    expect(await job(id)).toMatchObject({ state: 'delegated', data: { receipt: { recovered: true } } });
    expect(world.claims).toHaveLength(1);
  });

  it('shows the refund of a failed delegation', async () => {
    world.claimScript.push(() => {
      throw nrgError('delegation_failed', 500, {
        ref: 'nrg_d_9',
        refund: { type: 'queued', to: PAYER, amount: { trx: '4', sun: PRICE_SUN } },
      });
    });
    const id = await startRental();
    await payAndSign(id);
    expect(await job(id)).toMatchObject({
      state: 'refund_queued',
      terminal: true,
      data: { refund: { to: PAYER, amountSun: '4000000' } },
      error: { code: 'delegation_failed' },
    });
  });

  it('ends refund_queued on below_minimum, showing the refund, with one payment and one claim', async () => {
    world.claimScript.push(() => {
      throw nrgError('below_minimum', 400, {
        refund: { type: 'queued', to: PAYER, amount: { trx: '4', sun: PRICE_SUN } },
        refundAnnounced: true,
      });
    });
    const id = await startRental();
    await payAndSign(id);
    expect(await job(id)).toMatchObject({
      state: 'refund_queued',
      terminal: true,
      data: { refund: { to: PAYER, amountSun: '4000000' } },
      error: { code: 'below_minimum' },
    });
    await advance(60 * 60_000);
    expect(payRequests()).toHaveLength(1);
    expect(world.claims).toHaveLength(1);
  });

  it('refunds below_minimum as documented even when the answer names no refund', async () => {
    world.claimScript.push(() => {
      throw nrgError('below_minimum', 400);
    });
    const id = await startRental();
    await payAndSign(id);
    expect(await job(id)).toMatchObject({
      state: 'refund_queued',
      data: { refund: { to: PAYER, amountSun: PRICE_SUN.toString() } },
    });
    expect(world.claims).toHaveLength(1);
  });

  it('ends refund_queued on any 4xx carrying a refund, whatever its code', async () => {
    for (const [code, status] of [
      ['payment_verification_failed', 400],
      ['order_rejected', 422],
    ] as const) {
      fakeBrowser.reset();
      world = createWorld();
      world.claimScript.push(() => {
        throw nrgError(code, status, {
          refund: { type: 'queued', to: PAYER, amount: { trx: '4', sun: PRICE_SUN } },
        });
      });
      const id = await startRental();
      await payAndSign(id);
      expect(await job(id), code).toMatchObject({
        state: 'refund_queued',
        data: { refund: { to: PAYER, amountSun: '4000000' } },
        error: { code: 'refund_queued' },
      });
      await advance(60 * 60_000);
      expect(world.claims).toHaveLength(1);
    }
  });

  it('fails at once on an unknown 4xx with TronNRG own code and message, never retrying', async () => {
    await serveShippedMessages();
    world.deps.message = claimErrorText;
    world.claimScript.push(() => {
      throw new ServiceError({
        service: 'tronnrg',
        status: 422,
        code: 'order_blocked',
        message: 'This wallet is blocked.',
      });
    });
    const id = await startRental();
    await payAndSign(id);
    const failed = await job(id);
    expect(failed).toMatchObject({ state: 'failed', terminal: true, error: { code: 'order_blocked' } });
    expect(failed.error?.message).toContain('This wallet is blocked.');
    expect(failed.error?.message).toContain(TXID);
    await advance(60 * 60_000);
    expect(world.claims).toHaveLength(1);
    expect(payRequests()).toHaveLength(1);
  });

  it('retries transient failures at most 30 times, then fails naming the payment', async () => {
    for (let i = 0; i < 100; i++)
      world.claimScript.push(() => {
        throw new ServiceError({ service: 'tronnrg', status: 503, code: 'http_error', message: 'HTTP 503' });
      });
    const id = await startRental();
    await payAndSign(id);
    for (let i = 0; i < 60 && !(await job(id)).terminal; i++) await advance(60_000);
    expect(await job(id)).toMatchObject({ state: 'failed', error: { code: 'service_unavailable' } });
    expect(world.claims).toHaveLength(TRANSIENT_MAX_ATTEMPTS);
    expect(new Set(world.claims.map((c) => c.tx_hash))).toEqual(new Set([TXID]));
    expect(payRequests()).toHaveLength(1);
  });

  it('retries transient failures for at most an hour, Retry-After counted up to its cap', async () => {
    for (let i = 0; i < 100; i++)
      world.claimScript.push(() => {
        throw nrgError('rate_limited', 429, undefined, MAX_RETRY_AFTER_MS);
      });
    const id = await startRental();
    await payAndSign(id);
    for (let i = 0; i < 30 && !(await job(id)).terminal; i++) await advance(MAX_RETRY_AFTER_MS);
    expect(await job(id)).toMatchObject({ state: 'failed', error: { code: 'service_unavailable' } });
    // One claim every 5 minutes until an hour has passed since the first failure.
    expect(world.claims).toHaveLength(TRANSIENT_RETRY_MS / MAX_RETRY_AFTER_MS + 1);
    expect(world.claims.length).toBeLessThan(TRANSIENT_MAX_ATTEMPTS);
  });

  it('caps a huge Retry-After at five minutes', async () => {
    world.claimScript.push(() => {
      throw nrgError('rate_limited', 429, undefined, 10 * 24 * 60 * 60_000);
    });
    const id = await startRental();
    await payAndSign(id);
    const waiting = await job(id);
    expect(waiting.state).toBe('claiming');
    expect(waiting.nextRunAt! - world.clock.now).toBe(MAX_RETRY_AFTER_MS);
    await advance(MAX_RETRY_AFTER_MS);
    expect((await job(id)).state).toBe('delegated');
    expect(world.claims).toHaveLength(2);
  });

  it('retries payment_verification_failed 400 a bounded number of times, then fails', async () => {
    for (let i = 0; i < 100; i++)
      world.claimScript.push(() => {
        throw nrgError('payment_verification_failed', 400);
      });
    const id = await startRental();
    await payAndSign(id);
    for (let i = 0; i < 100 && !(await job(id)).terminal; i++) await advance(1_000);
    expect(await job(id)).toMatchObject({ state: 'failed', error: { code: 'payment_refused' } });
    expect(world.claims.length).toBeGreaterThan(1);
    expect(world.claims.length).toBeLessThanOrEqual(NOT_INDEXED_MAX_ATTEMPTS);
  });

  it('retries 429, 503, timeouts and malformed bodies with backoff, claiming by the same hash', async () => {
    world.claimScript.push(
      () => {
        throw nrgError('rate_limited', 429, undefined, 1_000);
      },
      () => {
        throw new ServiceError({ service: 'tronnrg', status: 503, code: 'http_error', message: 'HTTP 503' });
      },
      () => {
        throw new ServiceError({ service: 'tronnrg', status: 0, code: 'timeout', message: 'timeout' });
      },
      () => {
        throw new ServiceError({
          service: 'tronnrg',
          status: 200,
          code: 'malformed_response',
          message: 'not JSON',
        });
      },
    );
    const id = await startRental();
    await payAndSign(id);
    for (let i = 0; i < 8 && (await job(id)).state !== 'delegated'; i++) await advance(10_000);
    expect((await job(id)).state).toBe('delegated');
    expect(new Set(world.claims.map((c) => c.tx_hash))).toEqual(new Set([TXID]));
    expect(world.claims).toHaveLength(5);
  });

  it('fails, naming the payment, on codes that repeating cannot fix', async () => {
    for (const code of [
      'signature_mismatch',
      'invalid_signature',
      'invalid_tx_hash',
      'invalid_address',
      'missing_signature',
    ]) {
      fakeBrowser.reset();
      world = createWorld();
      world.claimScript.push(() => {
        throw nrgError(code, code === 'signature_mismatch' ? 403 : code === 'invalid_signature' ? 401 : 400);
      });
      const id = await startRental();
      await payAndSign(id);
      expect(await job(id)).toMatchObject({
        state: 'failed',
        terminal: true,
        error: { code: 'claim_refused' },
      });
      await advance(10 * 60_000);
      expect(world.claims).toHaveLength(1);
    }
  });
});

describe('the notification at the end of a rental', () => {
  beforeEach(async () => {
    await serveShippedMessages();
    world.deps.message = claimErrorText;
  });

  const notifications = async () =>
    Object.values(await fakeBrowser.notifications.getAll()) as { title: string; message: string }[];

  it('says how much energy went to whom', async () => {
    const id = await startRental();
    await payAndSign(id);
    expect(await notifications()).toEqual([
      expect.objectContaining({
        title: 'Energy delegated.',
        message: `${new Intl.NumberFormat().format(65_000)} energy delegated to ${RECEIVER}.`,
      }),
    ]);
  });

  it('says a refund is queued, how much and to whom', async () => {
    world.claimScript.push(() => {
      throw nrgError('delegation_failed', 500, {
        refund: { type: 'queued', to: PAYER, amount: { trx: '4', sun: PRICE_SUN } },
      });
    });
    const id = await startRental();
    await payAndSign(id);
    expect(await notifications()).toEqual([
      expect.objectContaining({
        title: 'TronNRG could not deliver; a refund is queued.',
        message: `4 TRX is being refunded to ${PAYER}.`,
      }),
    ]);
  });

  it('gives the readable reason when a rental fails', async () => {
    world.tronLink.unreachable = true;
    const id = await startRental();
    expect((await job(id)).state).toBe('failed');
    expect(await notifications()).toEqual([
      expect.objectContaining({
        title: 'The rental failed.',
        message: 'No tab could reach TronLink, so nothing was sent. Open a web page and try again.',
      }),
    ]);
  });

  it('stays silent for a rental the person cancelled, and while a rental waits for "Sign again"', async () => {
    const declined = await startRental();
    world.tronLink.answer('pay', { kind: 'error', stage: 'pay', thrown: TRONLINK_DECLINED });
    await settle();
    expect((await job(declined)).state).toBe('cancelled');

    const waiting = await startRental();
    world.chain.pay();
    world.tronLink.answer('pay', paidReport());
    await settle();
    world.tronLink.answer('sign', { kind: 'error', stage: 'sign', thrown: TRONLINK_DECLINED });
    await settle();
    expect((await job(waiting)).data.action).toBe('sign_again');
    expect(await notifications()).toEqual([]);
  });
});

describe('payments that are not this rental', () => {
  it('refuses a reported txid whose block is older than the rental', async () => {
    const id = await startRental();
    // An earlier transfer of the same amount to pay_to, ten minutes before this rental started.
    world.chain.pay(TXID, { blockTimestampMs: T0 - 10 * 60_000 });
    world.tronLink.answer('pay', paidReport());
    await settle();
    expect((await job(id)).data.txid).toBeUndefined();
    await advance(PAYMENT_WINDOW_MS + 60_000);
    expect((await job(id)).state).toBe('failed');
    expect((await job(id)).data.txid).toBeUndefined();
    expect(world.claims).toHaveLength(0);
  });

  it('takes a payment sealed within the clock slack before the rental started', async () => {
    const id = await startRental();
    world.chain.pay(TXID, { blockTimestampMs: T0 - 30_000 });
    world.tronLink.answer('pay', paidReport());
    await settle();
    expect(await job(id)).toMatchObject({ state: 'signing', data: { txid: TXID } });
  });

  it('refuses a txid another rental claimed, also after that rental was dismissed', async () => {
    const first = await startRental();
    await payAndSign(first);
    expect((await job(first)).state).toBe('delegated');
    await world.runner.remove(first);

    const second = await startRental();
    // The same payment reported again (a replayed or forged report): the chain shows it as a match.
    world.tronLink.answer('pay', paidReport());
    await settle();
    expect((await job(second)).data.txid).toBeUndefined();
    await advance(PAYMENT_WINDOW_MS + 60_000);
    expect((await job(second)).state).toBe('failed');
    expect((await job(second)).data.txid).toBeUndefined();
    // One payment, one claim: the paid energy was delivered once.
    expect(world.claims).toHaveLength(1);
  });
});

describe('starting and cancelling', () => {
  const quote: RentalQuote = {
    payer: PAYER,
    receiver: RECEIVER,
    payTo: PAY_TO,
    wantedEnergy: 65_000,
    receiverEnergyAvailable: 0,
    neededEnergy: 65_000,
    energy: 65_000,
    priceSun: PRICE_SUN,
    burnSun: 6_500_000n,
    savingSun: 2_500_000n,
    minimumApplied: false,
    termsLive: true,
    minEnergy: 65_000,
    maxEnergy: 16_250_000,
    payToUndocumented: false,
  };
  const request = {
    receiver: RECEIVER,
    sizing: { kind: 'preset', preset: 'usdtTransfer' } as const,
    priceSun: PRICE_SUN.toString(),
    payTo: PAY_TO,
    confirmUndocumentedPayTo: false,
  };

  it('makes one job and one payment prompt from two windows starting at once', async () => {
    const start = createRentalStarts({
      runner: world.runner,
      job: createNrgClaimKind(world.deps),
      // Quoting reads the chain and TronNRG: both starts are mid-quote at the same time.
      quote: async () => {
        for (let i = 0; i < 20; i++) await Promise.resolve();
        return succeeded(quote);
      },
      now: () => world.clock.now,
    });
    const [one, two] = await Promise.all([start(request), start(request)]);
    await settle();
    expect([one.ok, two.ok].sort()).toEqual([false, true]);
    expect((one.ok ? two : one) as { problem: { code: string } }).toMatchObject({
      problem: { code: 'rental_in_progress' },
    });
    expect(Object.keys(await jobsItem.get())).toHaveLength(1);
    expect(payRequests()).toHaveLength(1);
  });

  it('cancels a rental still waiting for its payment', async () => {
    const id = await startRental();
    expect(await cancelRental(world.runner, id)).toEqual({ cancelled: true, state: 'cancelled' });
    expect(await job(id)).toMatchObject({ state: 'cancelled', terminal: true });
    // TronLink still sends the payment: the rental wakes to claim it rather than lose it.
    world.chain.pay();
    world.tronLink.answer('pay', paidReport());
    await settle();
    expect(await job(id)).toMatchObject({ state: 'signing', data: { txid: TXID } });
  });

  it('waits for a claim in flight before answering a cancel, and never cancels a paid rental', async () => {
    let answerClaim!: () => void;
    const claimAnswered = new Promise<void>((resolve) => (answerClaim = resolve));
    world.claimScript.push(async () => {
      await claimAnswered;
      return receipt();
    });
    const id = await startRental();
    world.chain.pay();
    world.tronLink.answer('pay', paidReport());
    await settle();
    // The signature lands and the claim goes out; TronNRG has not answered yet.
    world.tronLink.answer('sign', signedReport());
    for (let i = 0; i < 50 && world.claims.length === 0; i++) await vi.advanceTimersByTimeAsync(0);
    expect(world.claims).toHaveLength(1);

    let answered = false;
    const cancelling = cancelRental(world.runner, id).then((answer) => {
      answered = true;
      return answer;
    });
    for (let i = 0; i < 20; i++) await vi.advanceTimersByTimeAsync(0);
    expect(answered).toBe(false);
    expect((await job(id)).state).toBe('claiming');

    answerClaim();
    expect(await cancelling).toEqual({ cancelled: false, state: 'delegated' });
    expect(await job(id)).toMatchObject({ state: 'delegated', terminal: true });
    expect(world.claims).toHaveLength(1);
    expect(payRequests()).toHaveLength(1);
  });
});
