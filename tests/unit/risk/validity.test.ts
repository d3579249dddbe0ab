/**
 * How the content script waits for the background's verdict on candidates before it places badges:
 * an anchor is badged once all its candidates are answered, in page order, only for the addresses,
 * and never after the page removed it.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { createValidity } from '@/lib/risk/page/badge-lookups';

const A = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const B = 'TGABsdK6xFXWp6DP3QBgXHyfYzEJbN1AXc';
const TYPO = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u';

function setup() {
  const { document } = parseHTML('<!doctype html><html><body><p>one</p><p>two</p></body></html>');
  const [first, second] = Array.from(document.querySelectorAll('p')) as unknown as Element[];
  const asked: string[] = [];
  const settled: [Element | Text, string[]][] = [];
  const validity = createValidity({
    ask: (candidate) => asked.push(candidate),
    onSettled: (anchor, addresses) => settled.push([anchor, addresses]),
  });
  return { first: first!, second: second!, asked, settled, validity };
}

describe('waiting for the background’s verdict', () => {
  it('badges an anchor only once every candidate it shows is answered, valid ones only, in page order', () => {
    const { first, asked, settled, validity } = setup();
    expect(validity.settle(first, [B, TYPO, A])).toBeNull();
    expect(asked).toEqual([B, TYPO, A]);
    validity.learn([A], []);
    expect(settled).toEqual([]);
    validity.learn([B], [TYPO]);
    expect(settled).toEqual([[first, [B, A]]]);
    expect(validity.waiting).toBe(0);
  });

  it('answers at once, without asking, for candidates already answered', () => {
    const { first, second, asked, settled, validity } = setup();
    validity.settle(first, [A, TYPO]);
    validity.learn([A], [TYPO]);
    asked.length = 0;
    expect(validity.settle(second, [TYPO, A, A])).toEqual([A, A]);
    expect(validity.settle(second, [TYPO])).toEqual([]);
    expect(asked).toEqual([]);
    expect(settled).toHaveLength(1);
  });

  it('drops an anchor the page removed or changed while the answer was on the way', () => {
    const { first, second, settled, validity } = setup();
    validity.settle(first, [A]);
    validity.settle(second, [B]);
    first.remove();
    validity.forget(second);
    expect(validity.isWaitedFor(B)).toBe(false);
    expect(validity.isWaiting(first)).toBe(true);
    validity.learn([A, B], []);
    expect(settled).toEqual([]);
    expect(validity.waiting).toBe(0);
  });

  it('stops every wait when badges are turned off, keeping what it learned', () => {
    const { first, second, asked, settled, validity } = setup();
    validity.settle(first, [A]);
    validity.learn([A], []);
    validity.settle(second, [B]);
    validity.clearWaits();
    expect(validity.isWaitedFor(B)).toBe(false);
    validity.learn([B], []);
    expect(settled).toEqual([[first, [A]]]);
    asked.length = 0;
    expect(validity.settle(second, [A, B])).toEqual([A, B]);
    expect(asked).toEqual([]);
  });
});
