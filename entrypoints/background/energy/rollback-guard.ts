/**
 * Puts a rental's last write back when a racing write rolled it back. `jobsItem.get()` writes what
 * it read back to storage (see jobs-read.ts); when that lands after a newer write, the stored job is
 * older than the one this worker wrote last. The guard keeps the latest record written per rental
 * and, for a few seconds after each write, checks the store and restores that record if it went back.
 */
import type { JobRunner } from '@/lib/jobs/runner';
import type { JobRecord } from '@/lib/jobs/schema';
import { NRG_CLAIM_KIND } from '@/lib/energy/claim-states';
import { readJobsQuietly } from './jobs-read';
import { energyRunner } from './runner-ref';

/** When to look after a write: racing writes land within milliseconds, the last check is a backstop. */
const CHECKS_MS = [60, 250, 1_000, 4_000];

/** Creates the guard; `track` every record written for a rental. */
export function createRollbackGuard(runner: () => JobRunner) {
  const latest = new Map<string, { record: JobRecord; timers: ReturnType<typeof setTimeout>[] }>();

  async function check(id: string): Promise<void> {
    const known = latest.get(id);
    if (!known) return;
    const stored = (await readJobsQuietly())[id];
    // Dismissed meanwhile: nothing to guard any more.
    if (!stored) return forget(id);
    if (stored.updatedAt >= known.record.updatedAt) return;
    const { state, terminal, data, nextRunAt, error, attempts } = known.record;
    const restored = await runner().patch(id, { state, terminal, data, nextRunAt, error, attempts });
    track(restored);
    void runner().kick();
  }

  function forget(id: string): void {
    for (const timer of latest.get(id)?.timers ?? []) clearTimeout(timer);
    latest.delete(id);
  }

  function track(record: JobRecord): void {
    if (record.kind !== NRG_CLAIM_KIND) return;
    const known = latest.get(record.id);
    if (known && known.record.updatedAt > record.updatedAt) return;
    for (const timer of known?.timers ?? []) clearTimeout(timer);
    const timers = CHECKS_MS.map((delay) =>
      setTimeout(() => void check(record.id).catch(() => undefined), delay),
    );
    latest.set(record.id, { record, timers });
  }

  return { track };
}

export type RollbackGuard = ReturnType<typeof createRollbackGuard>;

/** The guard of every rental in this worker. */
export const rentalRollbackGuard = createRollbackGuard(energyRunner);
