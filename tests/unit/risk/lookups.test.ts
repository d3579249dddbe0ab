import { describe, expect, it, vi } from 'vitest';
import { createLookupQueue, FIRST_CHUNK, LOOKUP_BATCH } from '@/lib/risk/page/badge-lookups';
import type { RiskLookupAnswer } from '@/lib/risk/badge-model';

/** Lets chains of promise callbacks run (several turns of the microtask queue). */
const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};
const settings = { enabled: true, freeSignals: true };
const addressesFor = (count: number) =>
  Array.from({ length: count }, (_, i) => `T${String(i).padStart(33, '0')}`);
const answerFor = (addresses: string[]): RiskLookupAnswer => ({
  settings,
  invalid: [],
  badges: addresses.map((address) => ({
    address,
    tone: 'unknown',
    lookalikeOf: null,
    blacklisted: null,
    result: null,
  })),
});

describe('the content script’s lookup queue', () => {
  it('sends what is wanted in one turn together, in chunks the protocol accepts, each address once', async () => {
    const calls: string[][] = [];
    const answered: string[] = [];
    const queue = createLookupQueue({
      lookup: async (addresses) => {
        calls.push(addresses);
        return answerFor(addresses);
      },
      onAnswer: (answer) => answered.push(...answer.badges.map((b) => b.address)),
      stillNeeded: () => true,
    });
    const wanted = addressesFor(450);
    for (const address of [...wanted, ...wanted]) queue.want(address);
    // The top of the page leaves first in a small chunk; full chunks leave at once after it, so the
    // background works on them while the scan goes on.
    expect(calls.map((c) => c.length)).toEqual([FIRST_CHUNK, LOOKUP_BATCH, LOOKUP_BATCH]);
    expect(calls[0]).toEqual(wanted.slice(0, FIRST_CHUNK));
    await vi.waitFor(() => expect(answered).toHaveLength(450));
    expect(calls.map((c) => c.length)).toEqual([FIRST_CHUNK, LOOKUP_BATCH, LOOKUP_BATCH, 10]);
    expect(new Set(calls.flat()).size).toBe(450);
  });

  it('does not ask again while an answer is on the way', async () => {
    let release!: () => void;
    const calls: string[][] = [];
    const queue = createLookupQueue({
      lookup: async (addresses) => {
        calls.push(addresses);
        await new Promise<void>((resolve) => (release = resolve));
        return answerFor(addresses);
      },
      onAnswer: () => undefined,
      stillNeeded: () => true,
    });
    const [a] = addressesFor(1);
    queue.want(a!);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    queue.want(a!);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toHaveLength(1);
    release();
  });

  it('asks again at once for a stale answer, and after a pause for a failed call, only what is still needed', async () => {
    vi.useFakeTimers();
    try {
      const [kept, gone] = addressesFor(2);
      const calls: string[][] = [];
      let mode: 'stale' | 'fail' | 'ok' = 'stale';
      const answered: string[] = [];
      const queue = createLookupQueue({
        lookup: async (addresses) => {
          calls.push(addresses);
          if (mode === 'fail') throw new Error('receiving end does not exist');
          return mode === 'stale' ? null : answerFor(addresses);
        },
        onAnswer: (answer) => answered.push(...answer.badges.map((b) => b.address)),
        stillNeeded: (address) => address === kept,
      });
      queue.want(kept!);
      queue.want(gone!);
      await Promise.resolve(); // the first call goes out (and comes back stale)
      mode = 'fail';
      await flush();
      // The stale answer was dropped and the still-needed address asked again (and that call failed).
      expect(calls).toEqual([[kept, gone], [kept]]);
      mode = 'ok';
      await vi.advanceTimersByTimeAsync(2_000);
      await flush();
      expect(calls).toEqual([[kept, gone], [kept], [kept]]);
      expect(answered).toEqual([kept]);
    } finally {
      vi.useRealTimers();
    }
  });
});
