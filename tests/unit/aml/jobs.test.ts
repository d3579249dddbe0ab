/**
 * The paid jobs on the real runner against the sandbox's 2aml: a check paid once whatever goes wrong
 * (a lost answer, a stopped worker, a session that expires mid-check), polled while 2aml screens,
 * recorded for the badges when it completes; a credit purchase bought once.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createJobRunner, type JobRunner } from '@/lib/jobs/runner';
import {
  AML_CHECK_KIND,
  amlCheckDataSchema,
  createAmlCheckKind,
  type AmlCheckData,
  type AmlCheckDataInput,
} from '@/lib/aml/check-job';
import { createCreditPurchaseKind, creditPurchaseDataSchema } from '@/lib/aml/purchase-job';
import { newIdempotencyKey } from '@/lib/aml/job-policy';
import { defineValidatedItem, jobsSchema } from '@/lib/storage';
import { knownAddressesItem, riskResultsItem } from '@/lib/risk/schemas';
import type { JobRecord } from '@/lib/jobs/schema';
import { recordCompletedCheck } from '@/lib/aml/job-kinds';
import type { RunningSandbox } from '../../sandbox/server';
import {
  seeded,
  sessionAgainst,
  startAmlSandbox,
  type Control,
  type SessionUnderTest,
} from './sandbox-session';
import { untilJob } from './until-job';

let sandbox: RunningSandbox;
let control: Control;
let facts: Awaited<ReturnType<typeof seeded>>;

beforeAll(async () => {
  // One fake clock for the runner, the session and the sandbox (its clock and its create latency, both
  // started after this): `until` advances it instead of waiting, so a poll due in 3 s runs at once.
  // The client's own timeout (AbortSignal.timeout) and the block ticker (setInterval) stay real.
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  ({ sandbox, control } = await startAmlSandbox());
});
afterAll(async () => {
  await sandbox?.close();
  vi.useRealTimers();
});
beforeEach(async () => {
  fakeBrowser.reset();
  await control('POST', 'reset');
  facts = await seeded(control);
});

interface LedgerEntry {
  service: string;
  kind: string;
  account?: string;
  amount?: string;
  unit?: string;
}
const amlLedger = async () =>
  (await control<{ entries: LedgerEntry[] }>('GET', 'ledger')).entries.filter(
    (e) => e.service === '2aml-aml',
  );

/**
 * A fresh address 2aml has never screened (so no cached result makes it free) and screens at once:
 * the sandbox sends about one address in four through a 15 s deep scan (`needsDeepScan`), and the
 * slow path has its own test with the seeded slow address.
 */
let addresses = 0;
function freshAddress(label: string): string {
  for (;;) {
    const address = sandbox.world.chain.keypair(`aml-job-test:${label}:${++addresses}`).address;
    if (createHash('sha256').update(`2aml-risk:tron:${address}`).digest()[2]! % 4 !== 0) return address;
  }
}

/** Each rig's jobs live under their own key: a runner left over from another test never sees them. */
let stores = 0;
function newJobStore() {
  return defineValidatedItem(`local:jobs-under-test-${++stores}`, jobsSchema, { fallback: {} });
}

interface Rig extends SessionUnderTest {
  store: ReturnType<typeof newJobStore>;
  runner: JobRunner;
  notified: string[];
  start(input: Partial<AmlCheckDataInput> & { address: string }): Promise<JobRecord>;
  buy(planCode: 'pack_1' | 'pack_10', priceSun: string): Promise<JobRecord>;
  until(id: string, done: (job: JobRecord) => boolean, timeoutMs?: number): Promise<JobRecord>;
}

/** The runner with both kinds, wired like the background but to this session and the sandbox. */
async function rig(email: 'alice' | 'bob', options: { timeoutMs?: number } = {}): Promise<Rig> {
  const under = sessionAgainst(sandbox.origin, { timeoutMs: options.timeoutMs, maxAttempts: 2 });
  const user = facts.users[email];
  await under.session.signIn({ email: user.email, password: user.password });
  if ((await under.session.ready()).kind === 'two_factor') {
    const { code } = await control<{ code: string }>('GET', `totp?email=${user.email}`);
    await under.session.completeTwoFactor(code);
  }
  const notified: string[] = [];
  const signedInUserId = async () => {
    const state = await under.session.ready();
    return state.kind === 'signed_in' ? state.session.user.id : null;
  };
  const checkKind = createAmlCheckKind({
    api: async () => under.api.aml,
    signedInUserId,
    async onCompleted(_job, result, address) {
      await recordCompletedCheck(result, address);
    },
    afterCompleted: (job) => notified.push(job.id),
    message: (code, detail) => `${code}${detail?.email ? ` ${detail.email}` : ''}`,
  });
  const purchaseKind = createCreditPurchaseKind({
    api: async () => under.api.aml,
    signedInUserId,
    message: (code) => code,
  });
  const store = newJobStore();
  const runner = createJobRunner({
    store,
    kinds: [checkKind, purchaseKind],
    alarms: { create: () => undefined, clear: () => undefined },
  });
  const state = await under.session.ready();
  if (state.kind !== 'signed_in') throw new Error('not signed in');
  const owner = { userId: state.session.user.id, email: state.session.user.email };
  return {
    ...under,
    store,
    runner,
    notified,
    start: (input) =>
      runner.create(
        checkKind,
        'created',
        amlCheckDataSchema.parse({
          billingMode: 'auto',
          reportLanguage: 'en',
          idempotencyKey: newIdempotencyKey('check'),
          origin: 'popup',
          cost: { kind: 'credit', credits: 1 },
          startedAt: Date.now(),
          ...owner,
          ...input,
        }),
      ),
    buy: (planCode, priceSun) =>
      runner.create(
        purchaseKind,
        'created',
        creditPurchaseDataSchema.parse({
          planCode,
          credits: planCode === 'pack_1' ? 1 : 10,
          priceSun,
          idempotencyKey: newIdempotencyKey('credits'),
          startedAt: Date.now(),
          ...owner,
        }),
      ),
    until: (id, done, timeoutMs) => untilJob(runner, id, done, { store, timeoutMs }),
  };
}

const terminal = (job: JobRecord) => job.terminal;
const data = (job: JobRecord) => job.data as AmlCheckData;

describe('aml-check', () => {
  it(
    'checks an address for one credit and records the result where the badges read it',
    { timeout: 15_000 },
    async () => {
      const r = await rig('alice');
      const address = freshAddress('plain');
      const job = await r.until((await r.start({ address })).id, terminal);

      expect(job.state).toBe('completed');
      expect(job.log.map((entry) => entry.state)).toEqual([
        'created',
        'submitting',
        'processing',
        'completed',
      ]);
      const result = data(job).result!;
      expect(result).toMatchObject({
        billingMode: 'credit_pack',
        servedFromCache: false,
        consumedCredits: 1,
      });
      const cached = (await riskResultsItem.get())[address];
      expect(cached).toMatchObject({ checkId: result.checkId, score: result.score, level: result.level });
      expect((await knownAddressesItem.get())[address]?.sources).toContain('check');
      expect(r.notified).toEqual([job.id]);
      const ledger = await amlLedger();
      expect(ledger).toEqual([
        expect.objectContaining({
          kind: 'charge',
          amount: '1',
          unit: 'credits',
          account: 'alice@example.com',
        }),
      ]);
    },
  );

  it('keeps the tags 2aml found (from the JSON result) for a known-bad address', async () => {
    const r = await rig('alice');
    const bad = facts.knownBadAddresses[0]!;
    const job = await r.until((await r.start({ address: bad.address })).id, terminal);
    expect(data(job).result).toMatchObject({ score: bad.amlScore, tags: bad.tags, flagged: true });
    expect((await riskResultsItem.get())[bad.address]).toMatchObject({ tags: bad.tags, flagged: true });
  });

  it('pays once when the answer is lost: the retry carries the same key', async () => {
    // 2aml takes 1.5 s (fake time) to create the check; the client gives up after 0.5 s (real time,
    // while no fake time passes) and the job tries again.
    await control('POST', '2aml/latency', { createMs: 1_500 });
    const r = await rig('alice', { timeoutMs: 500 });
    const address = freshAddress('lost-answer');
    const created = await r.start({ address });
    const job = await r.until(created.id, terminal, 20_000);
    await control('POST', '2aml/latency', { createMs: 0 });

    expect(job.state).toBe('completed');
    const posts = r.sent.filter((req) => req.method === 'POST' && req.path.endsWith('/checks'));
    expect(posts.length).toBeGreaterThan(1);
    expect(new Set(posts.map((req) => JSON.parse(req.body).idempotencyKey))).toEqual(
      new Set([data(created).idempotencyKey]),
    );
    expect((await amlLedger()).filter((e) => e.kind === 'charge')).toHaveLength(1);
  }, 30_000);

  it('resumes after a worker restart between sending and hearing back', { timeout: 15_000 }, async () => {
    const r = await rig('alice');
    const address = freshAddress('restart');
    // The worker wrote `submitting` (and may have sent the request) and then died.
    const created = await r.start({ address });
    await r.until(created.id, (job) => job.state !== 'created');
    const restarted = createJobRunner({
      store: r.store,
      kinds: [
        createAmlCheckKind({
          api: async () => r.api.aml,
          signedInUserId: async () =>
            (await r.session.ready()).kind === 'signed_in' ? data(created).userId : null,
          onCompleted: async () => undefined,
          message: (code) => code,
        }),
      ],
      alarms: { create: () => undefined, clear: () => undefined },
    });
    await restarted.kick();
    const job = await r.until(created.id, terminal);
    expect(job.state).toBe('completed');
    expect((await amlLedger()).filter((e) => e.kind === 'charge')).toHaveLength(1);
  });

  it('follows a deep scan by replaying its request, never reading the result before it completes', async () => {
    // The other documented reading: no checkId until the check completes.
    await control('POST', '2aml/aml/check-ids', { onlyWhenCompleted: true });
    const r = await rig('alice');
    const created = await r.start({ address: facts.slowCheckAddress });
    const processing = await r.until(created.id, (job) => job.state === 'processing');
    expect(data(processing).checkId).toBeNull();
    expect(await riskResultsItem.get()).toEqual({});
    // The sandbox's deep scan takes 15 s of its own clock.
    await control('POST', 'clock', { advanceSeconds: 16 });
    const job = await r.until(created.id, terminal, 15_000);
    expect(job.state).toBe('completed');
    expect((await riskResultsItem.get())[facts.slowCheckAddress]).toBeDefined();
    const posts = r.sent.filter((req) => req.method === 'POST' && req.path.endsWith('/checks'));
    expect(posts.length).toBeGreaterThan(1);
    expect(new Set(posts.map((req) => JSON.parse(req.body).idempotencyKey)).size).toBe(1);
    // GET /checks/:id only once, for the completed result.
    expect(r.sent.filter((req) => /\/checks\/\d+$/.test(req.path))).toHaveLength(1);
    expect((await amlLedger()).filter((e) => e.kind === 'charge')).toHaveLength(1);
  }, 25_000);

  it('takes a 404 on the result as "not yet" and finishes the paid check', async () => {
    const r = await rig('alice');
    const address = freshAddress('not-yet');
    await control('POST', 'faults', {
      path: '/2aml/external/aml-wallet-check/checks/',
      method: 'GET',
      status: 404,
      body: {
        statusCode: 404,
        path: '/external/aml-wallet-check/checks/1',
        error: { message: 'Not found.' },
      },
    });
    const job = await r.until((await r.start({ address })).id, terminal, 15_000);
    expect(job.state).toBe('completed');
    expect((await amlLedger()).filter((e) => e.kind === 'charge')).toHaveLength(1);
  }, 20_000);

  it('says "may have been charged" while a stalled answer is reconciled, and charges once', async () => {
    // 2aml carries the check out and charges; its answer's body then stalls past the client's timeout.
    await control('POST', 'faults', {
      path: '/2aml/external/aml-wallet-check/checks',
      method: 'POST',
      afterHandler: true,
      stallBodyMs: 60_000,
      // The client's own retry (same key) stalls too, so the job must reconcile.
      times: 2,
    });
    const r = await rig('alice', { timeoutMs: 500 });
    const address = freshAddress('stalled-body');
    const created = await r.start({ address });
    const unknown = await r.until(created.id, (job) => job.state === 'unknown', 15_000);
    expect(unknown.error?.code).toBe('outcome_unknown');
    expect(unknown.terminal).toBe(false);
    const job = await r.until(created.id, terminal, 20_000);
    expect(job.state).toBe('completed');
    const posts = r.sent.filter((req) => req.method === 'POST' && req.path.endsWith('/checks'));
    expect(new Set(posts.map((req) => JSON.parse(req.body).idempotencyKey))).toEqual(
      new Set([data(created).idempotencyKey]),
    );
    expect((await amlLedger()).filter((e) => e.kind === 'charge')).toHaveLength(1);
  }, 40_000);

  it('looks an answer that is not JSON up in the history, and charges once', async () => {
    await control('POST', 'faults', {
      path: '/2aml/external/aml-wallet-check/checks',
      method: 'POST',
      afterHandler: true,
      status: 200,
      body: '{"checkId": 1, "status": "compl',
    });
    const r = await rig('alice');
    const created = await r.start({ address: freshAddress('not-json') });
    const job = await r.until(created.id, terminal, 15_000);
    expect(job.state).toBe('completed');
    // Never a refusal: the request was looked up in the history, then its result read.
    expect(r.sent.some((req) => req.method === 'GET' && req.path.endsWith('/checks'))).toBe(true);
    expect((await amlLedger()).filter((e) => e.kind === 'charge')).toHaveLength(1);
  }, 20_000);

  it('finds a check whose answers keep failing the schema in the history, and charges once', async () => {
    // Every answer to POST /checks, replays included, has a status outside the documented four.
    await control('POST', 'faults', {
      path: '/2aml/external/aml-wallet-check/checks',
      method: 'POST',
      afterHandler: true,
      status: 200,
      body: { checkId: 1, targetWallet: 'x', targetNetwork: 'tron', status: 'queued' },
      times: 50,
    });
    const r = await rig('alice');
    const address = freshAddress('odd-status');
    const created = await r.start({ address });
    const job = await r.until(created.id, terminal, 20_000);
    await control('DELETE', 'faults');
    expect(job.state).toBe('completed');
    expect(r.sent.some((req) => req.method === 'GET' && req.path.endsWith('/checks'))).toBe(true);
    expect((await amlLedger()).filter((e) => e.kind === 'charge')).toHaveLength(1);
  }, 30_000);

  it('reports a check 2aml could not complete, and records nothing', async () => {
    const r = await rig('alice');
    const address = freshAddress('failing');
    await control('POST', '2aml/aml/outcome', { targetWallet: address, outcome: 'failed' });
    const created = await r.start({ address });
    await r.until(created.id, (job) => job.state === 'processing');
    await control('POST', 'clock', { advanceSeconds: 16 });
    const job = await r.until(created.id, terminal, 15_000);
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('check_failed');
    expect(await riskResultsItem.get()).toEqual({});
    // The sandbox gave the credit back.
    expect((await amlLedger()).map((e) => e.kind)).toEqual(['charge', 'refund']);
  }, 25_000);

  it('stops at a refusal (no credits) without charging anything', async () => {
    const r = await rig('bob');
    const address = freshAddress('no-credits');
    const job = await r.until((await r.start({ address, billingMode: 'credit_pack' })).id, terminal);
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('refused');
    expect(await amlLedger()).toEqual([]);
  });

  it('waits for a sign-in when the session expires mid-check, then finishes under the same key', async () => {
    const r = await rig('alice');
    const created = await r.start({ address: facts.slowCheckAddress });
    await r.until(created.id, (job) => job.state === 'processing');
    await control('POST', '2aml/sessions/expire', { email: 'alice@example.com' });
    const waiting = await r.until(created.id, (job) => job.state === 'waiting_sign_in', 15_000);
    expect(waiting.error?.code).toBe('sign_in_again');
    expect(waiting.nextRunAt).toBeNull();
    expect((await r.session.view()).status).toBe('signed_out');

    await r.session.signIn({ email: 'alice@example.com', password: facts.users.alice.password });
    await r.runner.patch(created.id, { nextRunAt: Date.now() });
    await control('POST', 'clock', { advanceSeconds: 16 });
    const job = await r.until(created.id, terminal, 15_000);
    expect(job.state).toBe('completed');
    expect((await amlLedger()).filter((e) => e.kind === 'charge')).toHaveLength(1);
  }, 40_000);

  it('does not resume under another account', async () => {
    const r = await rig('alice');
    const address = freshAddress('other-account');
    await r.session.signOut();
    const created = await r.start({ address });
    const waiting = await r.until(created.id, (job) => job.state === 'waiting_sign_in');
    expect(waiting.error?.code).toBe('sign_in_again');
    await r.session.signIn({ email: 'carol@example.com', password: facts.users.carol.password });
    await r.session.register({ email: 'erin@example.com', password: 'erin-pass-1' });
    await r.runner.patch(created.id, { nextRunAt: Date.now() });
    const still = await r.until(created.id, (job) => job.error?.code === 'other_account');
    expect(still.state).toBe('waiting_sign_in');
    expect(still.error?.message).toContain('alice@example.com');
    expect(still.nextRunAt).toBeNull();
    expect(await amlLedger()).toEqual([]);
  });
});

describe('credit-purchase', () => {
  it('buys a pack at the referral price, once, even when the first answer is lost', async () => {
    await control('POST', '2aml/latency', { createMs: 1_500 });
    const r = await rig('alice', { timeoutMs: 500 });
    const job = await r.until((await r.buy('pack_10', '72000000')).id, terminal, 20_000);
    await control('POST', '2aml/latency', { createMs: 0 });
    expect(job.state).toBe('completed');
    expect(job.data.result).toMatchObject({
      purchasedCredits: 10,
      creditsBalance: 15,
      finalPriceSun: '72000000',
      walletAvailableSun: '28000000',
      referralDiscountApplied: true,
    });
    const charges = (await amlLedger()).filter((e) => e.kind === 'charge');
    expect(charges).toEqual([expect.objectContaining({ amount: '72.000000', unit: 'TRX' })]);
  }, 30_000);

  it('buys once when the answer stalls past the timeout', async () => {
    await control('POST', 'faults', {
      path: '/2aml/external/aml-wallet-check/credits/purchases',
      method: 'POST',
      afterHandler: true,
      stallBodyMs: 60_000,
      times: 2,
    });
    const r = await rig('alice', { timeoutMs: 500 });
    const job = await r.until((await r.buy('pack_10', '72000000')).id, terminal, 20_000);
    expect(job.state).toBe('completed');
    // Reconciled from the credit history, never called refused.
    expect(job.data.result).toMatchObject({ purchasedCredits: 10, fromHistory: true });
    expect((await amlLedger()).filter((e) => e.kind === 'charge')).toHaveLength(1);
  }, 30_000);

  it('finds a purchase whose answers cannot be read in the credit history, and buys once', async () => {
    await control('POST', 'faults', {
      path: '/2aml/external/aml-wallet-check/credits/purchases',
      method: 'POST',
      afterHandler: true,
      status: 200,
      body: { purchasedCredits: 'ten' },
      times: 50,
    });
    const r = await rig('alice');
    const job = await r.until((await r.buy('pack_10', '72000000')).id, terminal, 20_000);
    await control('DELETE', 'faults');
    expect(job.state).toBe('completed');
    expect(job.data.result).toMatchObject({ purchasedCredits: 10, fromHistory: true });
    expect((await amlLedger()).filter((e) => e.kind === 'charge')).toHaveLength(1);
  }, 30_000);

  it('fails clearly when the wallet cannot pay', async () => {
    const r = await rig('bob');
    const job = await r.until((await r.buy('pack_10', '80000000')).id, terminal);
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('refused');
    expect(await amlLedger()).toEqual([]);
  });
});

it('lists both kinds under their own names', () => {
  expect(AML_CHECK_KIND).toBe('aml-check');
});
