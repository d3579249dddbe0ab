import type { SandboxWorld } from './create-world';

/** Produces a block every `intervalMs` of real time and fires due clock timers on each tick. */
export interface BlockTicker {
  intervalMs(): number;
  setIntervalMs(ms: number): void;
  stop(): void;
}

/** Starts block production; `setIntervalMs` re-arms it (the control API's `POST config`). */
export function startBlockTicker(world: SandboxWorld, initialMs: number): BlockTicker {
  let interval = initialMs;
  let timer: ReturnType<typeof setInterval> | undefined;

  const tick = () => {
    try {
      world.chain.produceBlock();
    } catch (error) {
      console.error('[sandbox] block production failed:', error);
    }
    world.clock.fireDue();
  };
  const arm = () => {
    if (timer) clearInterval(timer);
    timer = setInterval(tick, interval);
  };
  arm();

  return {
    intervalMs: () => interval,
    setIntervalMs(ms) {
      if (!Number.isInteger(ms) || ms < 50)
        throw new RangeError('blockIntervalMs must be an integer of at least 50');
      interval = ms;
      arm();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
