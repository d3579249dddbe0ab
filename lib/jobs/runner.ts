/**
 * Drives every durable job from one alarm.
 *
 * MV3 workers are stopped when idle and their timers die with them, so the runner keeps the next due
 * time in an alarm (the backstop that wakes a stopped worker) and, while the worker lives, also in a
 * timer (alarms cannot fire sooner than about 30 s in a packed extension). No pending job: no alarm,
 * no timer, no traffic. A step writes its state before the side effect it announces, so a restart
 * resumes from the last written state.
 *
 * Kinds that poll a service about a placed order (`pollsOrders`) ask seconds apart while a page
 * watches (the popup's view port is connected) and minutes apart otherwise; when a page starts
 * watching, their polls due minutes away are brought forward, so what the person sees is fresh.
 */
import type { z } from 'zod';
import type { ValidatedItem, JobsById } from '../storage';
import type { JobError, JobRecord } from './schema';

export const JOBS_ALARM = 'ampere-jobs';
const ALARM_FLOOR_MS = 30_000;
const MAX_STEPS_PER_RUN = 50;
const IDLE_STEP_DELAY_MS = 5_000;
/** An order poll due later than this is brought forward when a page starts watching. */
const WATCHED_POLL_WITHIN_MS = 10_000;

export interface Job<D> extends Omit<JobRecord, 'data'> {
  data: D;
}

export interface JobPatch<D> {
  state?: string;
  data?: Partial<D>;
  terminal?: boolean;
  nextRunAt?: number | null;
  error?: JobError | null;
  attempts?: number;
}

export interface StepContext<D> {
  now(): number;
  /** True while an extension page shows the jobs: order polls are then seconds apart, not minutes. */
  watched(): boolean;
  /** Writes the patch (write-ahead) and returns the job as stored. */
  save(patch: JobPatch<D>): Promise<Job<D>>;
}

export interface JobKind<D> {
  kind: string;
  dataSchema: z.ZodType<D>;
  /** Advances the job by one step; must leave it terminal, scheduled (`nextRunAt`) or waiting (null). */
  step(job: Job<D>, context: StepContext<D>): Promise<void>;
  /** The kind polls a service about a placed order (its cadence follows `watched`). */
  pollsOrders?: boolean;
}

export interface AlarmsApi {
  create(name: string, info: { when: number }): unknown;
  clear(name: string): unknown;
}

export interface RunnerOptions {
  store: ValidatedItem<JobsById>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  kinds: JobKind<any>[];
  alarms: AlarmsApi;
  now?: () => number;
  newId?: () => string;
  onTransition?: (before: JobRecord | undefined, after: JobRecord) => void;
}

/** Creates the runner; the caller wires `handleAlarm` to `alarms.onAlarm` synchronously. */
export function createJobRunner(options: RunnerOptions) {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const kinds = new Map(options.kinds.map((k) => [k.kind, k]));
  const running = new Set<string>();
  /** The run of each job in flight, so an outside change can wait for its step to end. */
  const inFlight = new Map<string, Promise<void>>();
  /** Writes per job in this worker, to tell a step that saved from one that did not. */
  const writes = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let kicking: Promise<void> | undefined;
  let kickAgain = false;
  let watched = false;

  async function write(id: string, patch: JobPatch<unknown>): Promise<JobRecord> {
    let before: JobRecord | undefined;
    let after: JobRecord | undefined;
    await options.store.update((jobs) => {
      before = jobs[id];
      if (!before) throw new Error(`job ${id} is gone`);
      const at = now();
      after = {
        ...before,
        state: patch.state ?? before.state,
        terminal: patch.terminal ?? before.terminal,
        data: { ...before.data, ...(patch.data as Record<string, unknown> | undefined) },
        nextRunAt: patch.nextRunAt !== undefined ? patch.nextRunAt : before.nextRunAt,
        error: patch.error !== undefined ? patch.error : before.error,
        attempts: patch.attempts ?? before.attempts,
        updatedAt: at,
        log:
          patch.state && patch.state !== before.state
            ? [...before.log, { state: patch.state, at }]
            : before.log,
      };
      if (after.terminal) after.nextRunAt = null;
      return { ...jobs, [id]: after };
    });
    writes.set(id, (writes.get(id) ?? 0) + 1);
    options.onTransition?.(before, after!);
    return after!;
  }

  async function stepOnce(record: JobRecord): Promise<void> {
    const kind = kinds.get(record.kind);
    if (!kind) {
      await write(record.id, {
        terminal: true,
        state: 'failed',
        error: { code: 'unknown_kind', message: `Unknown job kind ${record.kind}` },
      });
      return;
    }
    const data = kind.dataSchema.safeParse(record.data);
    if (!data.success) {
      await write(record.id, {
        terminal: true,
        state: 'failed',
        error: { code: 'corrupt_job', message: 'The stored job could not be read.' },
      });
      return;
    }
    const context: StepContext<unknown> = {
      now,
      watched: () => watched,
      save: async (patch) => {
        const saved = await write(record.id, patch);
        return { ...saved, data: kind.dataSchema.parse(saved.data) };
      },
    };
    await kind.step({ ...record, data: data.data }, context);
  }

  /** Runs `work` as the only thing touching job `id` in this worker; later callers wait their turn. */
  function holdJob<T>(id: string, work: () => Promise<T>): Promise<T> {
    running.add(id);
    const run = work().finally(() => {
      running.delete(id);
      inFlight.delete(id);
    });
    inFlight.set(
      id,
      run.then(
        () => undefined,
        () => undefined,
      ),
    );
    return run;
  }

  function runJob(id: string): Promise<void> {
    if (running.has(id)) return Promise.resolve();
    return holdJob(id, () => runSteps(id));
  }

  async function runSteps(id: string): Promise<void> {
    for (let i = 0; i < MAX_STEPS_PER_RUN; i++) {
      const record = (await options.store.get())[id];
      if (!record || record.terminal || record.nextRunAt === null || record.nextRunAt > now()) return;
      const writesBefore = writes.get(id) ?? 0;
      try {
        await stepOnce(record);
      } catch (error) {
        // A step that throws is retried later rather than lost; its kind decides what is terminal.
        const message = error instanceof Error ? error.message : String(error);
        await write(id, {
          attempts: record.attempts + 1,
          nextRunAt: now() + Math.min(60_000, 2_000 * 2 ** record.attempts),
          error: { code: 'step_failed', message },
        });
        return;
      }
      if ((writes.get(id) ?? 0) === writesBefore) {
        // A step that wrote nothing would be due again at once; poll it later instead of spinning.
        await write(id, { nextRunAt: now() + IDLE_STEP_DELAY_MS });
        return;
      }
    }
  }

  async function reschedule(): Promise<void> {
    const jobs = Object.values(await options.store.get());
    const due = jobs.filter((j) => !j.terminal && j.nextRunAt !== null).map((j) => j.nextRunAt!);
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (due.length === 0) {
      await options.alarms.clear(JOBS_ALARM);
      return;
    }
    const next = Math.min(...due);
    await options.alarms.create(JOBS_ALARM, { when: Math.max(next, now() + ALARM_FLOOR_MS) });
    timer = setTimeout(() => void kick(), Math.max(0, next - now()));
  }

  /** Steps every due job, then schedules the next wake-up. Concurrent calls coalesce. */
  function kick(): Promise<void> {
    if (kicking) {
      kickAgain = true;
      return kicking;
    }
    kicking = (async () => {
      do {
        do {
          kickAgain = false;
          const jobs = Object.values(await options.store.get());
          const due = jobs.filter((j) => !j.terminal && j.nextRunAt !== null && j.nextRunAt <= now());
          await Promise.all(due.map((j) => runJob(j.id)));
        } while (kickAgain);
        await reschedule();
        // A kick asked for while the wake-up was being written must not wait for the timer.
      } while (kickAgain);
    })().finally(() => {
      kicking = undefined;
    });
    return kicking;
  }

  return {
    kick,
    /** Creates a job in its first state, due now. */
    async create<D>(kind: JobKind<D>, state: string, data: D): Promise<JobRecord> {
      const at = now();
      const record: JobRecord = {
        id: newId(),
        kind: kind.kind,
        state,
        terminal: false,
        createdAt: at,
        updatedAt: at,
        nextRunAt: at,
        attempts: 0,
        error: null,
        data: kind.dataSchema.parse(data) as Record<string, unknown>,
        log: [{ state, at }],
      };
      await options.store.update((jobs) => ({ ...jobs, [record.id]: record }));
      options.onTransition?.(undefined, record);
      void kick();
      return record;
    },
    /** Applies an outside event (a bridge result, a user action) to a job and steps it. */
    async patch<D>(id: string, patch: JobPatch<D>): Promise<JobRecord> {
      const after = await write(id, patch as JobPatch<unknown>);
      void kick();
      return after;
    },
    /**
     * Applies an outside change between steps: waits until no step of the job is running (a paid
     * call in flight ends first and its outcome is written), then hands `change` the job as stored
     * and writes the patch it returns, with no step able to start meanwhile. Null writes nothing.
     */
    async patchBetweenSteps(
      id: string,
      change: (job: JobRecord) => JobPatch<unknown> | null,
    ): Promise<JobRecord | undefined> {
      while (running.has(id)) await inFlight.get(id);
      const after = await holdJob(id, async () => {
        const record = (await options.store.get())[id];
        if (!record) return undefined;
        const patch = change(record);
        return patch ? write(id, patch) : record;
      });
      void kick();
      return after;
    },
    /**
     * Says whether an extension page shows the jobs. Starting to watch brings forward every order
     * poll of a `pollsOrders` kind due later than `WATCHED_POLL_WITHIN_MS` (a wait a service asked
     * for, kept as the job's error, is left alone); the next polls then follow the fast cadence.
     */
    async setWatched(on: boolean): Promise<void> {
      const started = on && !watched;
      watched = on;
      if (!started) return;
      const at = now();
      const late = Object.values(await options.store.get()).filter(
        (job) =>
          kinds.get(job.kind)?.pollsOrders === true &&
          !job.terminal &&
          job.error === null &&
          job.nextRunAt !== null &&
          job.nextRunAt > at + WATCHED_POLL_WITHIN_MS,
      );
      if (late.length === 0) return;
      await options.store.update((jobs) => {
        const next = { ...jobs };
        for (const job of late) {
          const stored = next[job.id];
          if (stored && !stored.terminal && stored.nextRunAt !== null && stored.nextRunAt > at)
            next[job.id] = { ...stored, nextRunAt: at };
        }
        return next;
      });
      await kick();
    },
    async handleAlarm(name: string): Promise<void> {
      if (name === JOBS_ALARM) await kick();
    },
    async remove(id: string): Promise<void> {
      await options.store.update((jobs) => {
        const rest = { ...jobs };
        delete rest[id];
        return rest;
      });
      await reschedule();
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
