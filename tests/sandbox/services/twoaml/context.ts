/** What every 2aml module receives: the shared world and the (resettable) store. */
import type { World } from '../../world';
import type { TwoAmlState, UserRecord } from './state';

export interface TwoAml {
  world: World;
  /** Replaced wholesale on reset; read it through the context every time, never cache it. */
  state: TwoAmlState;
}

/** Hono variables set by the session middleware on protected routes. */
export type TwoAmlEnv = { Variables: { user: UserRecord; sessionToken: string } };

/** The sandbox clock's current time in milliseconds. */
export function nowMs(ctx: TwoAml): number {
  return ctx.world.clock.now();
}

/** Runs `fn` at `atMs` on the sandbox clock unless the store was reset in between. */
export function scheduleAt(ctx: TwoAml, atMs: number, fn: () => void): void {
  const generation = ctx.state.generation;
  ctx.world.clock.at(atMs, () => {
    if (ctx.state.generation === generation) fn();
  });
}

/** Next id of a kind (ids are per-kind counters, like database sequences). */
export function nextId(ctx: TwoAml, kind: keyof TwoAmlState['nextIds']): number {
  const id = ctx.state.nextIds[kind];
  ctx.state.nextIds[kind] = id + 1;
  return id;
}
