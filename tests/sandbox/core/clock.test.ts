import { afterEach, describe, expect, it } from 'vitest';
import { createClock, type DrivenClock } from './clock';

/** Virtual time: real time plus advances, with timers that fire when their time is reached. */

let clock: DrivenClock;
afterEach(() => clock.dispose());

describe('sandbox clock', () => {
  it('runs on real time and jumps forward by advance()', () => {
    let real = 1_000_000;
    clock = createClock(() => real);
    expect(clock.now()).toBe(1_000_000);
    real += 500;
    clock.advance(90);
    expect(clock.now()).toBe(1_000_000 + 500 + 90_000);
    expect(clock.offsetMs()).toBe(90_000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('fires timers in time order once an advance reaches them, and never twice', () => {
    clock = createClock(() => 0);
    const fired: string[] = [];
    clock.at(60_000, () => fired.push('one minute'));
    clock.at(30_000, () => fired.push('half a minute'));
    clock.at(3_600_000, () => fired.push('one hour'));
    clock.advance(59);
    expect(fired).toEqual(['half a minute']);
    clock.advance(1);
    expect(fired).toEqual(['half a minute', 'one minute']);
    clock.advance(7200);
    clock.advance(7200);
    expect(fired).toEqual(['half a minute', 'one minute', 'one hour']);
  });

  it('does not fire a cancelled timer', () => {
    clock = createClock(() => 0);
    let fired = false;
    const cancel = clock.at(1_000, () => (fired = true));
    cancel();
    clock.advance(10);
    expect(fired).toBe(false);
  });

  it('fires a timer on real time, without any advance', async () => {
    clock = createClock();
    const fired = new Promise<number>((resolve) => clock.at(clock.now() + 50, () => resolve(clock.now())));
    const at = await fired;
    expect(at).toBeGreaterThanOrEqual(clock.now() - 1_000);
  });

  it('runs a timer that a timer arms for a time already reached, and survives one that throws', () => {
    clock = createClock(() => 0);
    const fired: string[] = [];
    clock.at(1_000, () => {
      fired.push('first');
      clock.at(500, () => fired.push('chained'));
    });
    clock.at(1_000, () => {
      throw new Error('a broken service timer');
    });
    clock.at(2_000, () => fired.push('later'));
    const quiet = console.error;
    console.error = () => {};
    try {
      clock.advance(5);
    } finally {
      console.error = quiet;
    }
    expect(fired).toEqual(['first', 'chained', 'later']);
  });
});
