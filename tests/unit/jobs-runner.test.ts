import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { z } from 'zod';
import { createJobRunner, JOBS_ALARM, type JobKind } from '@/lib/jobs/runner';
import { jobsItem } from '@/lib/storage';
import { MAX_RETRY_AFTER_MS, orderPollDelayMs, retryDelayMs } from '@/lib/jobs/retry';

/** A two-step job whose side effect is counted, to prove write-ahead and exactly-once resumption. */
function countingKind(effects: string[], options: { crashAfterEffect?: boolean } = {}) {
  const kind: JobKind<{ target: string; sent?: boolean }> = {
    kind: 'counting',
    dataSchema: z.object({ target: z.string(), sent: z.boolean().optional() }),
    async step(job, ctx) {
      if (job.state === 'new') {
        await ctx.save({ state: 'sending' }); // written before the side effect it announces
        effects.push(job.data.target);
        if (options.crashAfterEffect) throw new Error('worker stopped');
        await ctx.save({ state: 'sent', data: { sent: true } });
        return;
      }
      if (job.state === 'sending') {
        // Resumed after a stop: the effect may have happened; check instead of repeating it.
        const happened = effects.includes(job.data.target);
        await ctx.save({ state: happened ? 'sent' : 'new', data: { sent: happened } });
        return;
      }
      if (job.state === 'sent') await ctx.save({ state: 'done', terminal: true });
    },
  };
  return kind;
}

function alarmsSpy() {
  const log: string[] = [];
  return {
    log,
    api: {
      create: (name: string) => log.push(`create:${name}`),
      clear: (name: string) => log.push(`clear:${name}`),
    },
  };
}

describe('the job runner', () => {
  beforeEach(() => fakeBrowser.reset());

  it('steps a job to its end and then clears the alarm', async () => {
    const effects: string[] = [];
    const alarms = alarmsSpy();
    const kind = countingKind(effects);
    const runner = createJobRunner({ store: jobsItem, kinds: [kind], alarms: alarms.api });
    const job = await runner.create(kind, 'new', { target: 'A' });
    await runner.kick();
    const stored = (await jobsItem.get())[job.id]!;
    expect(stored.state).toBe('done');
    expect(stored.terminal).toBe(true);
    expect(stored.log.map((l) => l.state)).toEqual(['new', 'sending', 'sent', 'done']);
    expect(effects).toEqual(['A']);
    expect(alarms.log.at(-1)).toBe(`clear:${JOBS_ALARM}`);
  });

  it('resumes from the last written state after a restart without repeating the side effect', async () => {
    const effects: string[] = [];
    const crashing = createJobRunner({
      store: jobsItem,
      kinds: [countingKind(effects, { crashAfterEffect: true })],
      alarms: alarmsSpy().api,
    });
    const job = await crashing.create(countingKind(effects), 'new', { target: 'B' });
    await crashing.kick();
    expect((await jobsItem.get())[job.id]!.state).toBe('sending');

    // A new worker: a fresh runner over the same storage, stepped when the retry is due.
    let clock = Date.now() + 120_000;
    const restarted = createJobRunner({
      store: jobsItem,
      kinds: [countingKind(effects)],
      alarms: alarmsSpy().api,
      now: () => clock++,
    });
    await restarted.handleAlarm(JOBS_ALARM);
    expect((await jobsItem.get())[job.id]!.state).toBe('done');
    expect(effects).toEqual(['B']);
  });

  it('keeps an alarm while a job waits for a later time, and none once nothing is pending', async () => {
    const alarms = alarmsSpy();
    let clock = 1_000_000;
    const waiting: JobKind<{ n: number }> = {
      kind: 'waiting',
      dataSchema: z.object({ n: z.number() }),
      async step(job, ctx) {
        if (job.data.n < 2) await ctx.save({ data: { n: job.data.n + 1 }, nextRunAt: ctx.now() + 60_000 });
        else await ctx.save({ state: 'done', terminal: true });
      },
    };
    const runner = createJobRunner({
      store: jobsItem,
      kinds: [waiting],
      alarms: alarms.api,
      now: () => clock,
    });
    const job = await runner.create(waiting, 'start', { n: 0 });
    await runner.kick();
    expect(alarms.log.at(-1)).toBe(`create:${JOBS_ALARM}`);
    expect((await jobsItem.get())[job.id]!.data).toEqual({ n: 1 });
    clock += 60_000;
    await runner.handleAlarm(JOBS_ALARM);
    clock += 60_000;
    await runner.handleAlarm(JOBS_ALARM);
    expect((await jobsItem.get())[job.id]!.state).toBe('done');
    expect(alarms.log.at(-1)).toBe(`clear:${JOBS_ALARM}`);
  });

  it('fails a job whose stored data no longer parses instead of crashing the worker', async () => {
    const effects: string[] = [];
    const kind = countingKind(effects);
    const runner = createJobRunner({ store: jobsItem, kinds: [kind], alarms: alarmsSpy().api });
    const job = {
      id: 'corrupt',
      kind: 'counting',
      state: 'new',
      terminal: false,
      createdAt: 1,
      updatedAt: 1,
      nextRunAt: 1,
      attempts: 0,
      error: null,
      data: { target: 42 },
      log: [{ state: 'new', at: 1 }],
    };
    await jobsItem.set({ corrupt: job });
    await runner.kick();
    const stored = (await jobsItem.get())[job.id]!;
    expect(stored).toMatchObject({ state: 'failed', terminal: true, error: { code: 'corrupt_job' } });
    expect(effects).toEqual([]);
  });

  it('reports each transition, so the badge and notifications can follow', async () => {
    const seen: string[] = [];
    const kind = countingKind([]);
    const runner = createJobRunner({
      store: jobsItem,
      kinds: [kind],
      alarms: alarmsSpy().api,
      onTransition: (_before, after) => seen.push(`${after.state}${after.terminal ? '!' : ''}`),
    });
    await runner.create(kind, 'new', { target: 'D' });
    await runner.kick();
    expect(seen).toEqual(['new', 'sending', 'sent', 'done!']);
  });

  it('runs a job made due while the previous kick is writing its wake-up, without waiting for the timer', async () => {
    let releaseAlarm: () => void = () => undefined;
    const slowAlarms = {
      create: () => new Promise<void>((done) => (releaseAlarm = done)),
      clear: () => undefined,
    };
    const steps: string[] = [];
    const waiting: JobKind<{ go: boolean }> = {
      kind: 'gated',
      dataSchema: z.object({ go: z.boolean() }),
      async step(job, ctx) {
        steps.push(job.state);
        if (job.data.go) await ctx.save({ state: 'done', terminal: true });
        else if (job.state === 'later') await ctx.save({ nextRunAt: ctx.now() + 3_600_000 });
        else await ctx.save({ nextRunAt: null });
      },
    };
    const runner = createJobRunner({ store: jobsItem, kinds: [waiting], alarms: slowAlarms });
    const first = await runner.create(waiting, 'wait', { go: false });
    const other = await runner.create(waiting, 'later', { go: false });
    await expect.poll(() => steps.length).toBeGreaterThanOrEqual(2);
    // The kick is now stuck writing the alarm for the job due in an hour; an event arrives.
    await runner.patch(first.id, { data: { go: true }, nextRunAt: Date.now() });
    releaseAlarm();
    await new Promise((done) => setTimeout(done, 20));
    releaseAlarm();
    await expect.poll(async () => (await jobsItem.get())[first.id]!.state, { timeout: 1_000 }).toBe('done');
    expect((await jobsItem.get())[other.id]!.terminal).toBe(false);
  });

  it('applies an outside change only once the step in flight has written its outcome', async () => {
    let finishEffect!: () => void;
    const effectDone = new Promise<void>((resolve) => (finishEffect = resolve));
    const kind: JobKind<{ paid?: boolean }> = {
      kind: 'paying',
      dataSchema: z.object({ paid: z.boolean().optional() }),
      async step(job, ctx) {
        await ctx.save({ state: 'paying' });
        await effectDone; // a paid call whose answer has not arrived yet
        await ctx.save({ state: 'paid', terminal: true, data: { paid: true } });
      },
    };
    const runner = createJobRunner({ store: jobsItem, kinds: [kind], alarms: alarmsSpy().api });
    const job = await runner.create(kind, 'new', {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await jobsItem.get())[job.id]!.state).toBe('paying');

    const seen: string[] = [];
    const change = runner.patchBetweenSteps(job.id, (stored) => {
      seen.push(stored.state);
      return stored.terminal ? null : { state: 'cancelled', terminal: true };
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual([]);

    finishEffect();
    const after = await change;
    expect(seen).toEqual(['paid']);
    expect(after).toMatchObject({ state: 'paid', terminal: true, data: { paid: true } });
  });
});

describe('retryDelayMs', () => {
  it('honours Retry-After up to five minutes, never less than the own backoff', () => {
    expect(retryDelayMs(2_000)).toBe(2_000);
    expect(retryDelayMs(2_000, 30_000)).toBe(30_000);
    expect(retryDelayMs(2_000, 500)).toBe(2_000);
    expect(retryDelayMs(2_000, 10 * 24 * 60 * 60_000)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelayMs(2_000, Number.POSITIVE_INFINITY)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelayMs(2_000, Number.NaN)).toBe(2_000);
    expect(retryDelayMs(2_000, -5)).toBe(2_000);
    expect(MAX_RETRY_AFTER_MS).toBe(5 * 60_000);
  });
});

describe('orderPollDelayMs', () => {
  it('asks soon after an order is placed, then less often, and honours a capped Retry-After', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map((polls) => orderPollDelayMs(polls))).toEqual([
      3_000, 3_000, 5_000, 10_000, 30_000, 30_000, 30_000,
    ]);
    expect(orderPollDelayMs(0, 60_000)).toBe(60_000);
    expect(orderPollDelayMs(0, 24 * 60 * 60_000)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe('orderPollDelayMs while nobody watches', () => {
  it('asks minutes apart, and still honours a capped Retry-After', () => {
    expect([0, 1, 2, 3, 50].map((polls) => orderPollDelayMs(polls, undefined, false))).toEqual([
      60_000, 60_000, 120_000, 300_000, 300_000,
    ]);
    expect(orderPollDelayMs(0, 200_000, false)).toBe(200_000);
    expect(orderPollDelayMs(0, 24 * 60 * 60_000, false)).toBe(MAX_RETRY_AFTER_MS);
  });
});
