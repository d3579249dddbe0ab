/** Idempotent creates: the first request with a key runs, a retry replays it, an overlapping duplicate is refused. */
import { createHash } from 'node:crypto';
import type { TwoAml } from './context';
import { TwoAmlError } from './errors';
import { pause } from './request';

export interface IdempotencyMessages {
  /** 409 while the first request with the key is still running. */
  busy: string;
  /** 400 when the key comes back with a different request body. */
  mismatch: string;
}

/** A stable digest of a request's fields (key order does not matter). */
export function digestOf(fields: Record<string, unknown>): string {
  const sorted = Object.keys(fields)
    .sort()
    .map((key) => [key, fields[key] ?? null]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

/**
 * Runs `create` once per (user, scope, key). A retry gets `replay(stored)`; a duplicate that arrives while
 * the first is still running gets a 409. Without a key, `create` simply runs. The sandbox's create latency
 * is spent inside the guarded section so that tests can observe the overlap.
 */
export async function runIdempotent<T, R>(
  ctx: TwoAml,
  guard: {
    userId: number;
    scope: string;
    key: string | null | undefined;
    digest: string;
    messages: IdempotencyMessages;
  },
  create: () => T,
  replay: (stored: T) => R,
): Promise<{ result: T | R; replayed: boolean }> {
  const latency = ctx.state.controls.createLatencyMs;
  if (!guard.key) {
    if (latency > 0) await pause(latency);
    return { result: create(), replayed: false };
  }
  const storeKey = `${guard.userId}:${guard.scope}:${guard.key}`;
  const existing = ctx.state.idempotency.get(storeKey);
  if (existing?.state === 'pending') throw new TwoAmlError(409, guard.messages.busy);
  if (existing) {
    if (existing.bodyDigest !== guard.digest) throw new TwoAmlError(400, guard.messages.mismatch);
    return { result: replay(existing.result as T), replayed: true };
  }
  const record = {
    bodyDigest: guard.digest,
    state: 'pending' as 'pending' | 'completed',
    result: undefined as unknown,
  };
  const state = ctx.state;
  state.idempotency.set(storeKey, record);
  try {
    if (latency > 0) await pause(latency);
    const result = create();
    record.state = 'completed';
    record.result = result;
    return { result, replayed: false };
  } catch (error) {
    // A refused request (e.g. insufficient balance) leaves nothing behind, so the same key may be retried.
    state.idempotency.delete(storeKey);
    throw error;
  }
}
