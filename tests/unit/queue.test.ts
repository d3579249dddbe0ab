import { describe, expect, it } from 'vitest';
import { createSerialQueue } from '@/lib/queue';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createSerialQueue', () => {
  it('runs tasks one at a time, in the order they were handed in', async () => {
    const inTurn = createSerialQueue();
    const events: string[] = [];
    const first = deferred<void>();
    const second = deferred<void>();
    const runs = [
      inTurn(async () => {
        events.push('first starts');
        await first.promise;
        events.push('first ends');
      }),
      inTurn(async () => {
        events.push('second starts');
        await second.promise;
        events.push('second ends');
      }),
      inTurn(async () => void events.push('third runs')),
    ];
    await Promise.resolve();
    // Settled out of order: the second still waits for the first.
    second.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events).toEqual(['first starts']);
    first.resolve();
    await Promise.all(runs);
    expect(events).toEqual(['first starts', 'first ends', 'second starts', 'second ends', 'third runs']);
  });

  it('hands each caller its own result or rejection', async () => {
    const inTurn = createSerialQueue();
    const failure = new Error('write refused');
    const results = await Promise.allSettled([
      inTurn(async () => 1),
      inTurn(() => Promise.reject(failure)),
      inTurn(async () => 'three'),
    ]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: 'three' },
    ]);
  });

  it('runs the next task after one that failed, and after one that threw', async () => {
    const inTurn = createSerialQueue();
    const ran: string[] = [];
    const failed = inTurn(async () => {
      ran.push('failing');
      throw new Error('boom');
    });
    const threw = inTurn((): Promise<void> => {
      ran.push('throwing');
      throw new Error('sync boom');
    });
    const next = inTurn(async () => {
      ran.push('next');
      return 'ok';
    });
    await expect(failed).rejects.toThrow('boom');
    await expect(threw).rejects.toThrow('sync boom');
    await expect(next).resolves.toBe('ok');
    expect(ran).toEqual(['failing', 'throwing', 'next']);
  });

  it('keeps queues apart: a slow task in one does not hold up another', async () => {
    const a = createSerialQueue();
    const b = createSerialQueue();
    const slow = deferred<void>();
    const held = a(() => slow.promise);
    await expect(b(async () => 'b done')).resolves.toBe('b done');
    slow.resolve();
    await held;
  });
});
