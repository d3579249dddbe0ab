/** The time left until a moment, ticking once a second while shown. */
import { useEffect, useState } from 'preact/hooks';

/** Milliseconds left until `at` (never below 0), refreshed every second. */
export function useTimeLeft(at: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at <= now) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [at, now <= at]);
  return Math.max(0, at - now);
}

/** "29:59", or "1:02:03" past an hour. */
export function formatTimeLeft(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
