import { describe, expect, it } from 'vitest';
import {
  createBlacklistCache,
  type BlacklistEntries,
  type BlacklistStore,
  type UsdtBlacklistReader,
} from '@/lib/risk/blacklist-cache';

const A = 'TGABsdK6xFXWp6DP3QBgXHyfYzEJbN1AXc';
const B = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const C = 'TQMRM3KtGLWkCbRj9kvT4u3KSaMGuaUVt9';

/** A chain with a blacklist, counting the calls and addresses it is asked about. */
function fakeChain(blacklisted: Set<string>) {
  const calls: string[][] = [];
  let failing = false;
  const reader: UsdtBlacklistReader = {
    async isBlackListed(addresses) {
      calls.push([...addresses]);
      if (failing) throw new Error('node down');
      return new Map(addresses.map((a) => [a, blacklisted.has(a)]));
    },
  };
  return {
    reader,
    calls,
    fail(value: boolean) {
      failing = value;
    },
  };
}

function memoryStore(initial: BlacklistEntries = {}): BlacklistStore & { value: BlacklistEntries } {
  const store = {
    value: initial,
    async get() {
      return store.value;
    },
    async update(change: (current: BlacklistEntries) => BlacklistEntries) {
      store.value = change(store.value);
      return store.value;
    },
  };
  return store;
}

function setup(options: { blacklisted?: string[]; stored?: BlacklistEntries; batchSize?: number } = {}) {
  let now = 1_000_000;
  const chain = fakeChain(new Set(options.blacklisted ?? []));
  const store = memoryStore(options.stored);
  const changes: string[][] = [];
  const cache = createBlacklistCache({
    reader: chain.reader,
    store,
    now: () => now,
    freshMs: 10_000,
    maxStaleMs: 100_000,
    retryAfterFailureMs: 5_000,
    batchSize: options.batchSize ?? 50,
    maxEntries: 3,
    onChange: (addresses) => changes.push(addresses),
  });
  return {
    cache,
    chain,
    store,
    changes,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('the USDT blacklist cache', () => {
  it('answers unknown at first, reads the chain once in the background, then answers from the cache', async () => {
    const { cache, chain, changes } = setup({ blacklisted: [B] });
    expect(await cache.lookup([A, B])).toEqual(
      new Map([
        [A, null],
        [B, null],
      ]),
    );
    await cache.idle();
    expect(chain.calls).toEqual([[A, B]]);
    expect(changes).toEqual([[A, B]]);
    expect(await cache.lookup([A, B])).toEqual(
      new Map([
        [A, false],
        [B, true],
      ]),
    );
    await cache.idle();
    expect(chain.calls).toHaveLength(1);
  });

  it('joins lookups made together into one chain read and never reads an address twice at once', async () => {
    const { cache, chain } = setup();
    await cache.lookup([A, B]);
    await cache.lookup([B, C]);
    await cache.lookup([A]);
    await cache.idle();
    expect(chain.calls).toEqual([[A, B, C]]);
  });

  it('splits large reads into batches', async () => {
    const { cache, chain } = setup({ batchSize: 2 });
    await cache.lookup([A, B, C]);
    await cache.idle();
    expect(chain.calls).toEqual([[A, B], [C]]);
  });

  it('serves a stale answer while it re-reads, and drops one that is too old to show', async () => {
    const { cache, chain, advance, changes } = setup({ blacklisted: [A] });
    await cache.lookup([A]);
    await cache.idle();
    advance(20_000); // stale, still showable
    expect((await cache.lookup([A])).get(A)).toBe(true);
    await cache.idle();
    expect(chain.calls).toHaveLength(2);
    expect(changes).toHaveLength(1); // same answer: nothing to push
    advance(200_000); // too old
    expect((await cache.lookup([A])).get(A)).toBeNull();
    await cache.idle();
    expect(changes).toHaveLength(2); // tabs showed "not read yet", so the re-read is news
  });

  it('keeps what it knew when the node fails, and waits before asking about those addresses again', async () => {
    const { cache, chain, advance } = setup({ blacklisted: [A] });
    chain.fail(true);
    await cache.lookup([A]);
    await cache.idle();
    await cache.lookup([A]);
    await cache.idle();
    expect(chain.calls).toHaveLength(1);
    advance(6_000);
    chain.fail(false);
    await cache.lookup([A]);
    await cache.idle();
    expect(chain.calls).toHaveLength(2);
    expect((await cache.lookup([A])).get(A)).toBe(true);
  });

  it('pushes a change when an address joins the blacklist', async () => {
    const blacklisted = new Set<string>();
    const { cache, chain, advance, changes } = setup();
    (chain.reader as { isBlackListed: UsdtBlacklistReader['isBlackListed'] }).isBlackListed = async (
      addresses,
    ) => new Map(addresses.map((a) => [a, blacklisted.has(a)]));
    await cache.lookup([C]);
    await cache.idle();
    blacklisted.add(C);
    advance(11_000);
    await cache.lookup([C]);
    await cache.idle();
    expect(changes).toEqual([[C], [C]]);
    expect((await cache.lookup([C])).get(C)).toBe(true);
  });

  it('keeps at most its bound of entries, the most recently read', async () => {
    const { cache, store, advance } = setup();
    const D = 'TLqhj2gPur8c6hwHzvu77E1xeB3UGnx3WA';
    for (const address of [A, B, C, D]) {
      await cache.lookup([address]);
      await cache.idle();
      advance(1);
    }
    expect(Object.keys(store.value).sort()).toEqual([B, C, D].sort());
  });
});
