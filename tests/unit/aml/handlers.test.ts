/**
 * The background's AML messages as extension pages and content scripts send them, through the
 * role-checked router, against the sandbox's 2aml (the network profile points 2aml at it): inputs
 * refused before anything is sent, top-up reconciliation, the referral price confirmed before a
 * purchase, the cost confirmed before a check, the check page's data, and the roles that may ask.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  dispatchMessage,
  MessageRefused,
  type Handler,
  type Handlers,
  type MessageType,
} from '@/lib/messaging';
import { createJobRunner, type JobRunner } from '@/lib/jobs/runner';
import { jobsItem, settingsItem } from '@/lib/storage';
import { riskResultsItem } from '@/lib/risk/schemas';
import type { JobRecord } from '@/lib/jobs/schema';
import { createAccountHandlers } from '@/lib/twoaml/account-handlers';
import { createWalletHandlers } from '@/lib/aml/wallet-handlers';
import { createCheckHandlers } from '@/lib/aml/check-handlers';
import { amlCheckJob, creditPurchaseJob } from '@/lib/aml/job-kinds';
import { buildAmlView } from '@/lib/aml/view-section';
import { twoAmlSession } from '@/lib/twoaml/background-session';
import type { RunningSandbox } from '../../sandbox/server';
import { seeded, serveShippedMessages, startAmlSandbox, type Control } from './sandbox-session';
import { grantHostPermissions } from './sandbox-session';
import { untilJob } from './until-job';

let sandbox: RunningSandbox;
let control: Control;
let facts: Awaited<ReturnType<typeof seeded>>;
let runner: JobRunner;
let handlers: Handlers;

const identity = { extensionId: fakeBrowser.runtime.id, extensionOrigin: fakeBrowser.runtime.getURL('/') };
const popup = { id: identity.extensionId, url: fakeBrowser.runtime.getURL('/popup.html') };
const tronscanTab = { id: identity.extensionId, url: 'https://tronscan.org/#/', tab: { id: 4 } };

function send<K extends MessageType>(
  type: K,
  data?: unknown,
  sender: Parameters<typeof dispatchMessage>[2] = popup,
) {
  return dispatchMessage(type, data, sender, handlers[type] as Handler<K>, identity);
}

const until = (id: string, done: (job: JobRecord) => boolean) => untilJob(runner, id, done);

const ledger = async () =>
  (await control<{ entries: { service: string; kind: string }[] }>('GET', 'ledger')).entries.filter(
    (e) => e.service === '2aml-aml',
  );

beforeAll(async () => {
  ({ sandbox, control } = await startAmlSandbox());
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  // The session is the worker's singleton: end it before its storage goes.
  await twoAmlSession.signOut();
  fakeBrowser.reset();
  await serveShippedMessages();
  await control('POST', 'reset');
  facts = await seeded(control);
  await settingsItem.update((s) => ({
    ...s,
    network: { profile: 'custom', custom: { twoAml: `${sandbox.origin}/2aml` } },
  }));
  grantHostPermissions(sandbox.origin);
  runner = createJobRunner({
    store: jobsItem,
    kinds: [amlCheckJob, creditPurchaseJob],
    alarms: { create: () => undefined, clear: () => undefined },
  });
  handlers = {
    ...createAccountHandlers(),
    ...createWalletHandlers({ runner }),
    ...createCheckHandlers({ runner }),
  };
});

// Jobs a test started keep stepping on the runner's timers: let a paid step in flight finish, then
// drop them all, so none writes into the next test's freshly reset storage.
afterEach(async () => {
  for (let i = 0; i < 50; i++) {
    const busy = Object.values(await jobsItem.get()).some((job) =>
      ['created', 'submitting'].includes(job.state),
    );
    if (!busy) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const open = Object.values(await jobsItem.get()).filter((job) => !job.terminal);
  for (const job of open) await runner.patch(job.id, { state: 'cancelled', terminal: true });
  // A step already in flight still writes into its (now terminal) record, not into the next test.
  if (open.length > 0) await new Promise((resolve) => setTimeout(resolve, 500));
});

async function signInAlice() {
  const outcome = await send('aml.signIn', {
    email: 'alice@example.com',
    password: facts.users.alice.password,
  });
  expect(outcome).toMatchObject({ ok: true, value: { status: 'signed_in' } });
}

describe('who may ask', () => {
  it('refuses every AML message from a content script, a check above all', async () => {
    for (const type of [
      'aml.startCheck',
      'aml.signIn',
      'aml.session',
      'aml.downloadReport',
      'aml.purchase',
    ] as const) {
      await expect(send(type, {}, tronscanTab)).rejects.toBeInstanceOf(MessageRefused);
    }
  });

  it('refuses malformed payloads before a handler runs', async () => {
    await expect(
      send('aml.startCheck', { address: 'T', billingMode: 'free', reportLanguage: 'en' }),
    ).rejects.toMatchObject({
      code: 'invalid_payload',
    });
  });
});

describe('the account', () => {
  it('refuses an e-mail that is not one, or an empty password, without asking 2aml', async () => {
    await expect(send('aml.signIn', { email: 'alice', password: 'x' })).resolves.toMatchObject({
      ok: false,
      problem: { code: 'email_invalid' },
    });
    await expect(send('aml.signIn', { email: 'alice@example.com', password: '' })).resolves.toMatchObject({
      ok: false,
      problem: { code: 'password_missing' },
    });
  });

  it('answers with session views that never carry the token', async () => {
    await signInAlice();
    const token = twoAmlSession.credentials.getToken(sandbox.origin)!;
    expect(JSON.stringify(await send('aml.session'))).not.toContain(token);
    expect(JSON.stringify(await buildAmlView())).not.toContain(token);
  });
});

describe('the wallet', () => {
  it('shows the deposit address and credits a reconciled top-up once', async () => {
    await signInAlice();
    const deposit = await send('aml.deposit');
    if (!deposit.ok) throw new Error(deposit.problem.message);
    const alice = facts.users.alice as unknown as { depositAddress: string };
    expect(deposit.value.address).toBe(alice.depositAddress);

    const payer = sandbox.world.chain.keypair('aml-handlers-payer');
    sandbox.world.chain.mint(payer.address, { trxSun: 50_000_000n });
    const txHash = await sandbox.world.chain.sendTrx(payer.privateKey, deposit.value.address, 5_000_000n);
    sandbox.world.chain.produceBlock();

    await expect(send('aml.reconcile', { txHash: 'not-a-hash' })).resolves.toMatchObject({
      ok: false,
      problem: { code: 'tx_hash_invalid' },
    });
    const first = await send('aml.reconcile', { txHash: ` 0x${txHash.toUpperCase()} ` });
    expect(first).toMatchObject({
      ok: true,
      value: { topup: { amountSun: '5000000' }, wallet: { availableSun: '105000000' } },
    });
    const again = await send('aml.reconcile', { txHash });
    expect(again).toMatchObject({ ok: true, value: { wallet: { availableSun: '105000000' } } });
    await expect(send('aml.wallet')).resolves.toMatchObject({
      ok: true,
      value: { availableSun: '105000000', credits: 5 },
    });
  });

  it('says "sign in" when signed out', async () => {
    await expect(send('aml.wallet')).resolves.toMatchObject({ ok: false, problem: { code: 'unauthorized' } });
  });
});

describe('credit packs', () => {
  it('buys a pack only at the price the user saw (the referral price)', async () => {
    await signInAlice();
    const catalog = await send('aml.catalog');
    if (!catalog.ok) throw new Error(catalog.problem.message);
    const pack = catalog.value.plans.find((plan) => plan.code === 'pack_10')!;
    expect(pack).toMatchObject({
      finalPriceSun: '72000000',
      listPriceSun: '80000000',
      referralDiscountApplied: true,
    });

    await expect(send('aml.purchase', { planCode: 'pack_10', priceSun: '80000000' })).resolves.toMatchObject({
      ok: false,
      problem: { code: 'price_changed' },
    });
    expect(await jobsItem.get()).toEqual({});

    const started = await send('aml.purchase', { planCode: 'pack_10', priceSun: '72000000' });
    if (!started.ok) throw new Error(started.problem.message);
    const job = await until(started.value.jobId, (j) => j.terminal);
    expect(job.state).toBe('completed');
    await expect(send('aml.wallet')).resolves.toMatchObject({
      ok: true,
      value: { credits: 15, availableSun: '28000000' },
    });
  });
});

describe('checks', () => {
  it('refuses an invalid address before anything is sent or paid', async () => {
    await signInAlice();
    const typo = `${facts.knownBadAddresses[0]!.address.slice(0, -1)}X`;
    await expect(
      send('aml.startCheck', {
        address: typo,
        billingMode: 'auto',
        reportLanguage: 'en',
        cost: { kind: 'credit', credits: 1 },
        origin: 'popup',
      }),
    ).resolves.toMatchObject({
      ok: false,
      problem: { code: 'invalid_address', message: expect.stringContaining('not a valid TRON address') },
    });
    expect(await jobsItem.get()).toEqual({});
    expect(await ledger()).toEqual([]);
  });

  it('runs only at the cost the user confirmed, then shows the result on the check page', async () => {
    await signInAlice();
    const bad = facts.knownBadAddresses[0]!;
    await expect(send('aml.cost', { billingMode: 'auto' })).resolves.toMatchObject({
      ok: true,
      value: { cost: { kind: 'credit', credits: 1 }, credits: 5, feePerCheckSun: '8000000' },
    });
    await expect(send('aml.cost', { billingMode: 'wallet_balance' })).resolves.toMatchObject({
      ok: true,
      value: { cost: { kind: 'trx', sun: '8000000' } },
    });
    const request = {
      address: bad.address,
      billingMode: 'auto',
      reportLanguage: 'en',
      origin: 'confirmation',
    } as const;
    await expect(
      send('aml.startCheck', { ...request, cost: { kind: 'trx', sun: '8000000' } }),
    ).resolves.toMatchObject({
      ok: false,
      problem: { code: 'cost_changed' },
    });
    expect(await ledger()).toEqual([]);

    const started = await send('aml.startCheck', { ...request, cost: { kind: 'credit', credits: 1 } });
    if (!started.ok) throw new Error(started.problem.message);
    expect((await until(started.value.jobId, (j) => j.terminal)).state).toBe('completed');

    const page = await send('aml.addressCheck', { address: bad.address });
    expect(page.cached).toMatchObject({ score: bad.amlScore, tags: bad.tags });
    expect(page.detail).toMatchObject({
      address: bad.address,
      score: bad.amlScore,
      level: 'critical',
      status: 'completed',
    });
    expect(JSON.parse(page.detail!.json)).toMatchObject({
      checkId: page.detail!.checkId,
      amlScore: bad.amlScore,
    });
    expect((await riskResultsItem.get())[bad.address]).toBeDefined();

    // Signed out, the page still shows what the badges show, and says why there is no more.
    await send('aml.signOut');
    const signedOut = await send('aml.addressCheck', { address: bad.address });
    expect(signedOut).toMatchObject({
      detail: null,
      problem: { code: 'not_signed_in' },
      cached: { score: bad.amlScore },
    });
  });

  it('refuses the same address twice while its check is still running', async () => {
    await signInAlice();
    const request = {
      address: facts.slowCheckAddress,
      billingMode: 'auto',
      reportLanguage: 'en',
      cost: { kind: 'credit', credits: 1 },
      origin: 'popup',
    } as const;
    const first = await send('aml.startCheck', request);
    expect(first.ok).toBe(true);
    await expect(send('aml.startCheck', request)).resolves.toMatchObject({
      ok: false,
      problem: { code: 'check_in_progress' },
    });
  });

  it('makes one job when two windows start the same check at the same moment', async () => {
    await signInAlice();
    const request = {
      address: facts.slowCheckAddress,
      billingMode: 'auto',
      reportLanguage: 'en',
      cost: { kind: 'credit', credits: 1 },
      origin: 'popup',
    } as const;
    const [a, b] = await Promise.all([send('aml.startCheck', request), send('aml.startCheck', request)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((outcome) => !outcome.ok)).toMatchObject({ problem: { code: 'check_in_progress' } });
    const jobs = Object.values(await jobsItem.get()).filter(
      (job) => job.data.address === facts.slowCheckAddress,
    );
    expect(jobs).toHaveLength(1);
  });

  it('makes one purchase job when two windows buy at the same moment', async () => {
    await signInAlice();
    const request = { planCode: 'pack_10', priceSun: '72000000' } as const;
    const [a, b] = await Promise.all([send('aml.purchase', request), send('aml.purchase', request)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(Object.values(await jobsItem.get())).toHaveLength(1);
  });

  it('keeps the other rows of the history visible beside a failed check without a checkId', async () => {
    await control('POST', '2aml/aml/check-ids', { onlyWhenCompleted: true });
    await signInAlice();
    const failing = facts.slowCheckAddress;
    await control('POST', '2aml/aml/outcome', { targetWallet: failing, outcome: 'failed' });
    const bad = facts.knownBadAddresses[0]!.address;
    for (const address of [failing, bad]) {
      const started = await send('aml.startCheck', {
        address,
        billingMode: 'auto',
        reportLanguage: 'en',
        cost: { kind: 'credit', credits: 1 },
        origin: 'popup',
      });
      expect(started.ok).toBe(true);
    }
    // The deep scan of the failing address ends `failed` after 15 s of the sandbox's clock.
    await control('POST', 'clock', { advanceSeconds: 16 });
    const history = await send('aml.checks', { page: 1 });
    expect(history).toMatchObject({ ok: true, value: { skipped: 0 } });
    if (!history.ok) return;
    const rows = history.value.rows;
    expect(rows.find((row) => row.address === failing)).toMatchObject({ status: 'failed', checkId: null });
    expect(rows.find((row) => row.address === bad)).toMatchObject({ status: 'completed' });
  });

  it('skips and counts a history row it cannot read, and shows the rest', async () => {
    await signInAlice();
    const row = (id: number, status: string, requestId: unknown = id) => ({
      requestId,
      checkId: id,
      targetWallet: facts.slowCheckAddress,
      targetNetwork: 'tron',
      status,
      billingMode: 'a_new_mode',
      amlScore: 10,
      riskLevel: 'low',
      isFlagged: false,
      createdAt: '2026-04-15T12:04:00.000Z',
    });
    await control('POST', 'faults', {
      path: '/2aml/external/aml-wallet-check/checks',
      method: 'GET',
      status: 200,
      body: {
        data: [row(1, 'completed'), row(2, 'rechecking'), row(3, 'completed', 'x')],
        total: 3,
        page: 1,
        limit: 20,
      },
    });
    const history = await send('aml.checks', { page: 1 });
    expect(history).toMatchObject({ ok: true, value: { skipped: 1 } });
    if (!history.ok) return;
    expect(history.value.rows.map((r) => [r.requestId, r.status, r.billingMode])).toEqual([
      [1, 'completed', 'a_new_mode'],
      [2, 'rechecking', 'a_new_mode'],
    ]);
  });
});
