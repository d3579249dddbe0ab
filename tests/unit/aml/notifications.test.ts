/**
 * What the person sees when a paid AML job ends, with the background's own job kinds on the real
 * runner against the sandbox's 2aml: a check's level and score (a click opens its check page), the
 * credits a purchase added, why a job did not complete, and nothing for what the person stopped.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { dispatchMessage, type Handler, type Handlers, type MessageType } from '@/lib/messaging';
import { createJobRunner, type JobRunner } from '@/lib/jobs/runner';
import { jobsItem, settingsItem } from '@/lib/storage';
import type { JobRecord } from '@/lib/jobs/schema';
import { createAccountHandlers } from '@/lib/twoaml/account-handlers';
import { createWalletHandlers } from '@/lib/aml/wallet-handlers';
import { createCheckHandlers } from '@/lib/aml/check-handlers';
import { amlCheckJob, creditPurchaseJob } from '@/lib/aml/job-kinds';
import { twoAmlSession } from '@/lib/twoaml/background-session';
import { notifyTransition, registerJobNotificationClicks } from '@/entrypoints/background/job-kinds';
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

function send<K extends MessageType>(type: K, data?: unknown) {
  return dispatchMessage(type, data, popup, handlers[type] as Handler<K>, identity);
}

const until = (id: string, done: (job: JobRecord) => boolean) => untilJob(runner, id, done);

const shown = async () =>
  (await fakeBrowser.notifications.getAll()) as Record<
    string,
    { title: string; message: string; priority?: number }
  >;

beforeAll(async () => {
  ({ sandbox, control } = await startAmlSandbox());
});
afterAll(async () => {
  await sandbox?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});
beforeEach(async () => {
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
    onTransition: notifyTransition,
  });
  handlers = {
    ...createAccountHandlers(),
    ...createWalletHandlers({ runner }),
    ...createCheckHandlers({ runner }),
  };
  registerJobNotificationClicks();
  const signedIn = await send('aml.signIn', {
    email: 'alice@example.com',
    password: facts.users.alice.password,
  });
  expect(signedIn).toMatchObject({ ok: true, value: { status: 'signed_in' } });
});

/** Stores a job of `kind` that just ended as `state`, and tells the notifier, as the runner would. */
async function endJob(kind: string, state: string, data: Record<string, unknown>, error: string | null) {
  const at = Date.now();
  const before: JobRecord = {
    id: `${kind}-${state}`,
    kind,
    state: 'created',
    terminal: false,
    createdAt: at,
    updatedAt: at,
    nextRunAt: null,
    attempts: 0,
    error: null,
    data,
    log: [{ state: 'created', at }],
  };
  const after: JobRecord = {
    ...before,
    state,
    terminal: true,
    error: error === null ? null : { code: 'x', message: error },
  };
  await jobsItem.update((jobs) => ({ ...jobs, [after.id]: after }));
  notifyTransition(before, after);
  return after;
}

describe('a check that completes', () => {
  it('shows its level and score, once, and opens its check page when clicked', async () => {
    const bad = facts.knownBadAddresses[0]!;
    const started = await send('aml.startCheck', {
      address: bad.address,
      billingMode: 'auto',
      reportLanguage: 'en',
      origin: 'popup',
      cost: { kind: 'credit', credits: 1 },
    });
    if (!started.ok) throw new Error(started.problem.message);
    const job = await until(started.value.jobId, (j) => j.terminal);
    expect(job.state).toBe('completed');

    const notifications = await shown();
    expect(Object.keys(notifications)).toEqual([`job:${job.id}`]);
    expect(notifications[`job:${job.id}`]).toMatchObject({
      title: 'AML check: Critical risk',
      message: expect.stringContaining(`${bad.address}: score ${bad.amlScore} of 100`),
    });

    const openTab = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.onClicked.trigger(`job:${job.id}`);
    await expect.poll(() => openTab.mock.calls.length).toBe(1);
    const opened = new URL(openTab.mock.calls[0]![0].url!);
    expect(opened.pathname).toBe('/check.html');
    expect(opened.searchParams.get('address')).toBe(bad.address);
    expect(opened.searchParams.has('confirm')).toBe(false);
  });
});

describe('a credit purchase that completes', () => {
  it('says how many credits it added and how many there are now', async () => {
    const started = await send('aml.purchase', { planCode: 'pack_10', priceSun: '72000000' });
    if (!started.ok) throw new Error(started.problem.message);
    const job = await until(started.value.jobId, (j) => j.terminal);
    expect(job.state).toBe('completed');
    expect((await shown())[`job:${job.id}`]).toMatchObject({
      title: 'Credits bought',
      message: 'Credits added: 10. AML credits now: 15.',
    });

    // Nothing to open for a purchase: a click leaves the notification alone.
    const openTab = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.onClicked.trigger(`job:${job.id}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(openTab).not.toHaveBeenCalled();
  });
});

describe('a job that does not complete', () => {
  const address = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

  it('says why a check failed or expired', async () => {
    const failed = await endJob('aml-check', 'failed', { address }, '2aml could not complete this check.');
    const expired = await endJob('aml-check', 'expired', { address }, 'The check expired first.');
    const notifications = await shown();
    expect(notifications[`job:${failed.id}`]).toMatchObject({
      title: 'AML check: Failed',
      message: '2aml could not complete this check.',
    });
    expect(notifications[`job:${expired.id}`]).toMatchObject({
      title: 'AML check: Expired',
      message: 'The check expired first.',
    });
  });

  it('says why a purchase failed', async () => {
    const failed = await endJob('credit-purchase', 'failed', {}, 'Your wallet balance is too low.');
    expect((await shown())[`job:${failed.id}`]).toMatchObject({
      title: 'The purchase failed',
      message: 'Your wallet balance is too low.',
    });
  });

  it('stays silent about a check or a purchase the person stopped', async () => {
    await endJob('aml-check', 'cancelled', { address }, null);
    await endJob('credit-purchase', 'cancelled', {}, null);
    expect(await shown()).toEqual({});
  });
});
