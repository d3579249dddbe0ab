/**
 * A cancel that meets a paid step: it waits for the step's outcome and then decides on the state the
 * step left, and a step that starts while a cancel is pending sends nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createJobRunner } from '@/lib/jobs/runner';
import { amlCheckDataSchema, createAmlCheckKind, isCancellableCheck } from '@/lib/aml/check-job';
import { createJobLock } from '@/lib/aml/job-lock';
import type { CreatedCheck } from '@/lib/aml/api-schemas';
import { defineValidatedItem, jobsSchema } from '@/lib/storage';

const ADDRESS = 'TGzz8gjYiYRqpfmDwnLxfgPuLVNmpCswVp';

function rig() {
  const store = defineValidatedItem('local:cancel-test-jobs', jobsSchema, { fallback: {} });
  const lock = createJobLock();
  const sent: string[] = [];
  let answer: (value: CreatedCheck) => void = () => undefined;
  const kind = createAmlCheckKind({
    api: async () => ({
      createCheck: async (input) => {
        sent.push(input.idempotencyKey!);
        return new Promise<CreatedCheck>((resolve) => (answer = resolve));
      },
      getCheck: async () => {
        throw new Error('not asked in this test');
      },
      listChecks: async () => ({ data: [], skipped: 0, total: 0, page: 1, limit: 20 }),
    }),
    signedInUserId: async () => 7,
    storedState: async (id) => (await store.get())[id],
    lock,
    onCompleted: async () => undefined,
    message: (code) => code,
  });
  const runner = createJobRunner({
    store,
    kinds: [kind],
    alarms: { create: () => undefined, clear: () => undefined },
  });
  /** The cancel handler's logic, as lib/aml/check-handlers.ts runs it. */
  const cancel = (id: string) =>
    lock.cancel(id, async () => {
      const job = (await store.get())[id];
      if (job && !job.terminal && isCancellableCheck(job.state))
        await runner.patch(id, { state: 'cancelled', terminal: true });
    });
  const create = () =>
    runner.create(
      kind,
      'created',
      amlCheckDataSchema.parse({
        address: ADDRESS,
        billingMode: 'auto',
        reportLanguage: 'en',
        idempotencyKey: 'ampere-check-test',
        userId: 7,
        email: 'a@example.com',
        origin: 'popup',
        cost: { kind: 'credit', credits: 1 },
        startedAt: Date.now(),
      }),
    );
  return { store, runner, sent, cancel, create, answer: (value: CreatedCheck) => answer(value) };
}

const stillProcessing = {
  checkId: null,
  status: 'processing',
  targetWallet: ADDRESS,
} as unknown as CreatedCheck;

const until = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('a cancel during a paid call', () => {
  beforeEach(() => fakeBrowser.reset());

  it('waits for the outcome and leaves a check that was sent running', async () => {
    const r = rig();
    const job = await r.create();
    await until(() => r.sent.length === 1);
    let cancelled = false;
    const cancelling = r.cancel(job.id).then(() => (cancelled = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The paid call has not answered: the cancel is still waiting for it.
    expect(cancelled).toBe(false);
    r.answer(stillProcessing);
    await cancelling;
    const after = (await r.store.get())[job.id]!;
    expect(after.state).toBe('processing');
    expect(after.terminal).toBe(false);
    expect(r.sent).toHaveLength(1);
  });

  it('sends nothing for a job stopped before its step ran', async () => {
    const r = rig();
    // Created but not yet stepped: the cancel wins, and the runner's copy of the job is stale.
    const job = await r.create();
    await r.cancel(job.id);
    await r.runner.kick();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await r.store.get())[job.id]).toMatchObject({ state: 'cancelled', terminal: true });
    expect(r.sent).toEqual([]);
  });
});
