import type { SandboxClock } from '../world';

/** The sandbox clock as the server drives it: timers can be fired on demand and the clock disposed. */
export interface DrivenClock extends SandboxClock {
  /** Runs every timer whose time has come (the block ticker and every advance call it). */
  fireDue(): void;
  /** Milliseconds added to real time so far. */
  offsetMs(): number;
  /** Stops the real timer that wakes due timers; pending timers are dropped. */
  dispose(): void;
}

interface Timer {
  atMs: number;
  fn: () => void;
}

// Node's setTimeout overflows above 2^31-1 ms and fires at once; far timers are re-armed instead.
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Virtual time: real time plus every `advance()`; `at()` timers fire once their time is reached. */
export function createClock(realNow: () => number = Date.now): DrivenClock {
  let offset = 0;
  let timers: Timer[] = [];
  let wake: ReturnType<typeof setTimeout> | undefined;
  let firing = false;

  const now = () => realNow() + offset;

  function armWake() {
    if (wake) clearTimeout(wake);
    wake = undefined;
    const next = timers.reduce((min, t) => Math.min(min, t.atMs), Infinity);
    if (next === Infinity) return;
    wake = setTimeout(fireDue, Math.min(MAX_TIMEOUT_MS, Math.max(0, next - now())));
    wake.unref?.();
  }

  function fireDue() {
    // A timer callback may add or cancel timers, or advance the clock: keep one loop running.
    if (firing) return;
    firing = true;
    try {
      // One at a time, earliest first, so a timer armed by a callback still runs in time order.
      for (;;) {
        const current = now();
        const next = timers.filter((t) => t.atMs <= current).sort((a, b) => a.atMs - b.atMs)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        try {
          next.fn();
        } catch (error) {
          // One service's broken timer must not stop the others (or the server).
          console.error('[sandbox clock] timer failed:', error);
        }
      }
    } finally {
      firing = false;
      armWake();
    }
  }

  return {
    now,
    advance(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0)
        throw new RangeError('advance needs a non-negative number');
      offset += Math.round(seconds * 1000);
      fireDue();
    },
    at(atMs: number, fn: () => void) {
      const timer: Timer = { atMs, fn };
      timers.push(timer);
      if (atMs <= now()) queueMicrotask(fireDue);
      else armWake();
      return () => {
        timers = timers.filter((t) => t !== timer);
        armWake();
      };
    },
    fireDue,
    offsetMs: () => offset,
    dispose() {
      if (wake) clearTimeout(wake);
      wake = undefined;
      timers = [];
    },
  };
}
