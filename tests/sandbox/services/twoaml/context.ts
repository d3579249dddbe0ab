/** What every 2aml module receives: the shared world and the (resettable) store. */
import type { World } from '../../world';
import type { TwoAmlState, UserRecord } from './state';

export interface TwoAml {
  world: World;
  /** Replaced wholesale on reset; read it through the context every time, never cache it. */
  state: TwoAmlState;
  /** Cancellers of armed clock timers, so a reset can disarm them (clock timers survive a sandbox reset). */
  timers: Set<() => void>;
}

/** Hono variables set by the session middleware on protected routes. */
export type TwoAmlEnv = { Variables: { user: UserRecord; sessionToken: string } };

/** The sandbox clock's current time in milliseconds. */
export function nowMs(ctx: TwoAml): number {
  return ctx.world.clock.now();
}

/** Runs `fn` at `atMs` on the sandbox clock unless the store is reset first. */
export function scheduleAt(ctx: TwoAml, atMs: number, fn: () => void): void {
  const generation = ctx.state.generation;
  const cancel = ctx.world.clock.at(atMs, () => {
    ctx.timers.delete(cancel);
    if (ctx.state.generation === generation) fn();
  });
  ctx.timers.add(cancel);
}

/** Disarms every pending timer (on reset). */
export function cancelTimers(ctx: TwoAml): void {
  for (const cancel of ctx.timers) cancel();
  ctx.timers.clear();
}

/** Next id of a kind (ids are per-kind counters, like database sequences). */
export function nextId(ctx: TwoAml, kind: keyof TwoAmlState['nextIds']): number {
  const id = ctx.state.nextIds[kind];
  ctx.state.nextIds[kind] = id + 1;
  return id;
}
