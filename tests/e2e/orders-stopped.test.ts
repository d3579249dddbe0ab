/**
 * One charge and one delegation for a 2aml energy order and for a TronZap energy order, with the
 * service worker stopped at each durable step of the job, in real Chromium against the sandbox.
 *
 * The steps come from the jobs (lib/energy/energy-order-job.ts, zap-order-job.ts):
 * - 2aml `energy-order`: `creating` (orderId and idempotencyKey written, the create sent but never
 *   reaching 2aml; reaching 2aml only after the worker stopped; or answered and the answer lost) →
 *   `placed` (2aml has the order, not finished) → `confirming` (2aml completed, the chain not read yet).
 * - TronZap `zap-tx`: `uncertain` (external_id written, the create sent; reaching TronZap only after
 *   the worker stopped, or answered and the answer lost) → `placed` → `confirming`.
 *
 * The sandbox holds a request for as long as the test needs (`hold`), stalls an answer after the
 * service acted on it, and counts the requests it saw. After each stop the order must end `ready`
 * (the energy on the chain), with one charge (the 2aml wallet or the TronZap balance debited once),
 * one delegation to the receiver, one Activity entry, and no create request beyond those the step
 * forced (TronZap: one, ever; 2aml: the same idempotency key again after an unknown outcome).
 */
import { describe, expect } from 'vitest';
import { sendFromPage, type ExtensionHarness } from './extension';
import { test as it, useRentalSandbox } from './fixtures';
import { count, type LedgerService, type Sandbox } from './helpers/sandbox';
import { ActivityTab } from './pages/activity';
import type { EnergyTab } from './pages/energy';
import { OptionsPage, setUpProviders } from './pages/options';

useRentalSandbox();

const ORDERS = '/2aml/external/tron-energy/orders';
const ZAP_NEW = '/tronzap/v1/transaction/new';
const ZAP_CHECK = '/tronzap/v1/transaction/check';
const RESOURCES = '/tron/wallet/getaccountresource';
const ENERGY = 65_000;
/** Longer than a create could take, so a stalled answer never arrives within the test. */
const STALL_MS = 120_000;

interface JobView {
  id: string;
  kind: string;
  state: string;
  terminal: boolean;
  error: { code: string; message: string } | null;
  data: Record<string, unknown>;
  log: { state: string; at: number }[];
}

interface Source {
  name: '2aml' | 'TronZap';
  offer: 'twoaml' | 'tronzap';
  kind: 'energy-order' | 'zap-tx';
  ledger: LedgerService;
  price: string;
  priceSun: bigint;
  create: { path: string; method: 'POST' };
  poll: { path: string; method: 'GET' | 'POST' };
  /** What the provider holds for the person, in sun. */
  balance(tab: EnergyTab): Promise<bigint>;
}

const TWOAML: Source = {
  name: '2aml',
  offer: 'twoaml',
  kind: 'energy-order',
  ledger: '2aml-energy',
  price: '6.85 TRX',
  priceSun: 6_850_000n,
  create: { path: ORDERS, method: 'POST' },
  poll: { path: `${ORDERS}/`, method: 'GET' },
  async balance(tab) {
    const wallet = await sendFromPage<{ ok: boolean; value: { availableSun: string; reservedSun: string } }>(
      tab.page,
      'twoamlEnergy.wallet',
    );
    expect(wallet.ok).toBe(true);
    return BigInt(wallet.value.availableSun) + BigInt(wallet.value.reservedSun);
  },
};

const TRONZAP: Source = {
  name: 'TronZap',
  offer: 'tronzap',
  kind: 'zap-tx',
  ledger: 'tronzap',
  price: '5.4665 TRX',
  priceSun: 5_466_500n,
  create: { path: ZAP_NEW, method: 'POST' },
  poll: { path: ZAP_CHECK, method: 'POST' },
  async balance(tab) {
    const account = await sendFromPage<{ ok: boolean; value: { balanceSun: string } }>(
      tab.page,
      'tronzap.test',
    );
    expect(account.ok).toBe(true);
    return BigInt(account.value.balanceSun);
  },
};

/** What a step needs while it runs: the sandbox, the popup, and the order once it is written. */
interface StepRun {
  harness: ExtensionHarness;
  sandbox: Sandbox;
  tab: EnergyTab;
  source: Source;
  job(): Promise<JobView | undefined>;
}

interface Step {
  /** What the test's name says of the moment the worker stops. */
  name: string;
  /** The job's state at that moment (read back from its log afterwards). */
  state: string;
  /** Create requests the provider sees in all. */
  creates: number;
  /** Set up before Rent is pressed. */
  arrange?(run: StepRun): Promise<void>;
  /** Waits for the step, and returns once the worker may be stopped. */
  reach(run: StepRun): Promise<void>;
  /** After the worker stopped: lets held requests go on. */
  after?(run: StepRun): Promise<void>;
}

/** Waits until the sandbox holds a request under `path`. */
async function held(sandbox: Sandbox, path: string, method?: 'GET' | 'POST') {
  await expect
    .poll(async () => (await sandbox.requests(path, method)).some((r) => r.held), { timeout: 30_000 })
    .toBe(true);
}

async function waitForState({ job }: StepRun, states: string[]) {
  await expect.poll(async () => (await job())?.state, { timeout: 30_000, interval: 200 }).toBeOneOf(states);
}

/**
 * The provider finished the order (its delegation is in the ledger), and the job has asked about it
 * since; the chain reads are held, so the job stays `confirming`.
 */
async function reachConfirming(run: StepRun) {
  const { sandbox, source } = run;
  await waitForState(run, ['placed']);
  await sandbox.hold(RESOURCES, { method: 'POST', times: 1_000 });
  await expect
    .poll(async () => count(await sandbox.ledger(source.ledger), 'delegation'), { timeout: 30_000 })
    .toBe(1);
  const polls = (await sandbox.requests(source.poll.path, source.poll.method)).length;
  await expect
    .poll(async () => (await sandbox.requests(source.poll.path, source.poll.method)).length, {
      timeout: 30_000,
    })
    .toBeGreaterThan(polls);
  await held(sandbox, RESOURCES, 'POST');
  await waitForState(run, ['confirming']);
}

/** The create held at the sandbox, and answered (503, never reaching the provider) once released. */
const createNeverArrives: Step = {
  name: 'the ids are written and the create is sent, but never reaches the provider',
  state: 'creating',
  creates: 2,
  arrange: ({ sandbox, source }) =>
    sandbox.hold(source.create.path, { ...source.create, then: { status: 503 } }),
  reach: ({ sandbox, source }) => held(sandbox, source.create.path, source.create.method),
  after: ({ sandbox }) => sandbox.clearFaults(),
};

/** The create held at the sandbox, and handled by the provider once the worker is gone. */
const createArrivesLate = (state: string, creates: number): Step => ({
  name: 'the create reaches the provider only after the worker stopped',
  state,
  creates,
  arrange: ({ sandbox, source }) => sandbox.hold(source.create.path, source.create),
  reach: ({ sandbox, source }) => held(sandbox, source.create.path, source.create.method),
  async after({ sandbox, source }) {
    await sandbox.release(source.create.path);
    await expect
      .poll(async () => count(await sandbox.ledger(source.ledger), 'charge'), { timeout: 10_000 })
      .toBe(1);
  },
});

/** The provider handles the create and answers, but the answer stalls halfway and dies with the worker. */
const answerLost = (state: string, creates: number): Step => ({
  name: 'the provider charged the order and its answer is lost',
  state,
  creates,
  arrange: ({ sandbox, source }) =>
    sandbox.fault({ ...source.create, afterHandler: true, stallBodyMs: STALL_MS }),
  async reach({ sandbox, source }) {
    await expect
      .poll(async () => count(await sandbox.ledger(source.ledger), 'charge'), { timeout: 30_000 })
      .toBe(1);
  },
});

/** The provider has the order and the job asks about it; that question is held. */
const placed: Step = {
  name: 'the order is placed and the provider is still working on it',
  state: 'placed',
  creates: 1,
  async arrange({ sandbox, source }) {
    await sandbox.hold(source.poll.path, { method: source.poll.method });
  },
  async reach(run) {
    await held(run.sandbox, run.source.poll.path, run.source.poll.method);
    await waitForState(run, ['placed']);
  },
  after: ({ sandbox }) => sandbox.clearFaults(),
};

/** The provider says the order is done; the job has not seen the energy on the chain yet. */
const confirming: Step = {
  name: 'the provider finished and the energy is not yet read on the chain',
  state: 'confirming',
  creates: 1,
  reach: reachConfirming,
  after: ({ sandbox }) => sandbox.clearFaults(),
};

const STEPS: [Source, Step][] = [
  [TWOAML, createNeverArrives],
  // The next worker sends the same key again; 2aml replays the order it already charged.
  [TWOAML, createArrivesLate('creating', 2)],
  [TWOAML, answerLost('creating', 2)],
  [TWOAML, placed],
  [TWOAML, confirming],
  // TronZap's create is never sent twice: the next worker asks transaction/check by external_id.
  [TRONZAP, createArrivesLate('uncertain', 1)],
  [TRONZAP, answerLost('uncertain', 1)],
  [TRONZAP, placed],
  [TRONZAP, confirming],
];

async function jobs(tab: EnergyTab): Promise<JobView[]> {
  return (await sendFromPage<{ jobs: JobView[] }>(tab.page, 'view.get')).jobs;
}

async function energyLimit(sandbox: Sandbox, address: string): Promise<number> {
  const resources = await sandbox.tronWeb().trx.getAccountResources(address);
  return resources.EnergyLimit ?? 0;
}

describe('orders exactly once with the worker stopped at each step', () => {
  it.for(
    STEPS.map(([source, step]) => [`${source.name}: ${step.name} (${step.state})`, source, step] as const),
  )('%s', async ([, source, step], { harness, sandbox, energy }) => {
    const { tronlink, stranger } = sandbox.accounts.chain.wallets;
    await energy.connect();
    await expect.poll(() => energy.account.textContent()).toBe(tronlink.address);
    await setUpProviders(sandbox, harness);
    const before = new Set((await jobs(energy)).map((job) => job.id));
    const balanceBefore = await source.balance(energy);
    const energyBefore = await energyLimit(sandbox, stranger.address);

    await energy.fill({ receiver: stranger.address });
    await energy.quoteText();
    await energy.chooseOffer(source.offer);
    const run: StepRun = {
      harness,
      sandbox,
      tab: energy,
      source,
      job: async () => (await jobs(energy)).find((job) => job.kind === source.kind && !before.has(job.id)),
    };
    await step.arrange?.(run);
    await energy.page.getByRole('button', { name: `Rent from ${source.name} · ${source.price}` }).click();

    await step.reach(run);
    const stoppedAt = Date.now();
    await harness.stopWorker();
    await step.after?.(run);

    // The next worker (woken by the open popup, or the alarm) finishes the order.
    await expect
      .poll(async () => (await run.job())?.state, { timeout: 90_000, interval: 500 })
      .toBeOneOf(['ready', 'failed', 'refunded']);
    const job = (await run.job())!;
    expect(job.state, JSON.stringify(job)).toBe('ready');
    expect(job.log.filter((entry) => entry.at <= stoppedAt).at(-1)?.state, JSON.stringify(job.log)).toBe(
      step.state,
    );

    // Long enough for a second create, charge or delegation to show up, were there one.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const ledger = await sandbox.ledger(source.ledger);
    expect(count(ledger, 'charge'), JSON.stringify(ledger)).toBe(1);
    expect(ledger.filter((e) => e.kind === 'delegation')).toEqual([
      expect.objectContaining({ account: stranger.address, amount: String(ENERGY) }),
    ]);
    expect(count(ledger, 'refund')).toBe(0);
    expect(await sandbox.requests(source.create.path, source.create.method)).toHaveLength(step.creates);
    expect(balanceBefore - (await source.balance(energy))).toBe(source.priceSun);
    // One delegation on the chain: the receiver's energy grew by the order, not twice.
    expect((await energyLimit(sandbox, stranger.address)) - energyBefore).toBe(ENERGY);

    // One Activity entry for the order.
    const added = (await jobs(energy)).filter((entry) => !before.has(entry.id));
    expect(added.map((entry) => [entry.kind, entry.state])).toEqual([[source.kind, 'ready']]);
    const activity = await ActivityTab.selectByKeyboard(energy.popup);
    await expect
      .poll(async () =>
        (
          await activity.jobs.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-job-id')))
        ).filter((id) => id !== null && !before.has(id)),
      )
      .toEqual([job.id]);
  });
});

describe('a 2aml order waiting for its account to sign in again', () => {
  it('goes on as soon as the person signs in, without waiting for an alarm', async ({
    harness,
    sandbox,
    energy,
  }) => {
    const { tronlink, stranger } = sandbox.accounts.chain.wallets;
    const alice = sandbox.accounts['2aml'].users.alice;
    await energy.connect();
    await expect.poll(() => energy.account.textContent()).toBe(tronlink.address);
    await setUpProviders(sandbox, harness);
    const before = new Set((await jobs(energy)).map((job) => job.id));
    const job = async () =>
      (await jobs(energy)).find((entry) => entry.kind === TWOAML.kind && !before.has(entry.id));

    await energy.fill({ receiver: stranger.address });
    await energy.quoteText();
    await energy.chooseOffer('twoaml');
    // The order is placed; its first poll is held while 2aml ends every session of alice.
    await sandbox.hold(TWOAML.poll.path, { method: TWOAML.poll.method });
    await energy.page.getByRole('button', { name: `Rent from 2aml · ${TWOAML.price}` }).click();
    await held(sandbox, TWOAML.poll.path, TWOAML.poll.method);
    await sandbox.expireSessions(alice.email);
    await sandbox.clearFaults();
    await expect
      .poll(async () => (await job())?.error?.code, { timeout: 30_000, interval: 250 })
      .toBe('signed_out');
    expect((await job())?.state).toBe('placed');

    const options = await OptionsPage.open(harness);
    await options.signIn(alice);
    await options.close();
    // Polls are seconds apart while the popup is open; without a wake the job would wait for ever.
    await expect.poll(async () => (await job())?.state, { timeout: 20_000, interval: 250 }).toBe('ready');
    const ledger = await sandbox.ledger(TWOAML.ledger);
    expect([count(ledger, 'charge'), count(ledger, 'delegation')]).toEqual([1, 1]);
    expect(await sandbox.requests(ORDERS, 'POST')).toHaveLength(1);
  });
});
