/**
 * The one way a screen loads a service answer from the background: an `Outcome` (lib/outcome.ts),
 * read on mount and again when `key` changes (a finished job, a new session, another page), never
 * from storage. What the background can push without asking a service is in the app view instead.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Outcome, Problem } from '@/lib/outcome';

export interface Loaded<T> {
  /** The last value read; kept while reloading and after a problem. */
  value: T | null;
  /** The problem of the last answer, or null when it was a value. */
  problem: Problem | null;
  loading: boolean;
  /** How many reads have answered (a value or a problem): what depends on the same source reads again. */
  answered: number;
  reload(): Promise<void>;
}

/** Loads `read()` now and whenever `key` changes; only the latest read's answer is kept. */
export function useOutcome<T>(read: () => Promise<Outcome<T>>, key: string, enabled = true): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(false);
  const [answered, setAnswered] = useState(0);
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
      setAnswered((count) => count + 1);
    } catch {
      // The worker restarted mid-call; the view port reconnects and the next change reads again.
    } finally {
      if (alive.current && call === latest.current) setLoading(false);
    }
  }, [key]);

  useEffect(() => {
    if (enabled) void reload();
  }, [key, enabled]);

  return { value, problem, loading, answered, reload };
}
