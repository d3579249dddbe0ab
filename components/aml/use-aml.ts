/**
 * The AML screens' reads from the background: each is an `Outcome` (a value or a problem to show),
 * loaded on mount and again when `key` changes (a finished job, a new session), never from storage.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Outcome, Problem } from '@/lib/outcome';
import { useAppStore } from '@/components/app-store';

export interface Loaded<T> {
  value: T | null;
  problem: Problem | null;
  loading: boolean;
  reload(): Promise<void>;
}

/** Loads `read()` now and whenever `key` changes; keeps the last value while reloading. */
export function useOutcome<T>(read: () => Promise<Outcome<T>>, key: string, enabled = true): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(false);
  const alive = useRef(true);
  const latest = useRef(0);
  useEffect(() => () => void (alive.current = false), []);

  const reload = useCallback(async () => {
    const call = ++latest.current;
    setLoading(true);
    try {
      const outcome = await read();
      if (!alive.current || call !== latest.current) return;
      if (outcome.ok) {
        setValue(outcome.value);
        setProblem(null);
      } else {
        setProblem(outcome.problem);
      }
    } catch {
      // The worker restarted mid-call; the view port reconnects and the next change reads again.
    } finally {
      if (alive.current && call === latest.current) setLoading(false);
    }
  }, [key]);

  useEffect(() => {
    if (enabled) void reload();
  }, [key, enabled]);

  return { value, problem, loading, reload };
}

/** The AML part of the app view, or null until the first view arrived. */
export function useAmlView() {
  return useAppStore((state) => state.view?.aml ?? null);
}

/** The jobs of one kind from the app view, newest first. */
export function useJobsOfKind(kind: string) {
  const jobs = useAppStore((state) => state.view?.jobs ?? []);
  return jobs.filter((job) => job.kind === kind);
}

/** A key that changes whenever a job of `kind` changes state (to reload what it affects). */
export function jobsKey(jobs: { id: string; state: string }[]): string {
  return jobs.map((job) => `${job.id}:${job.state}`).join('|');
}
