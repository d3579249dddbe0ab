import { describe, expect, it } from 'vitest';
import { findLookalike, LOOKALIKE_THRESHOLDS, sharedEnds, type KnownAddress } from '@/lib/risk/lookalike';

// The sandbox's seeded TronLink account and the poisoning lookalike its TronScan pages show (found
// by key search: same `G` after the `T`, same last three characters).
const OWN = 'TGABsdK6xFXWp6DP3QBgXHyfYzEJbN1AXc';
const SANDBOX_LOOKALIKE = 'TGa9UrbxqwWm9q2FZpxVAHU2E3bDUuUAXc';
const USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

const own: KnownAddress = { address: OWN, sources: ['tronlink'] };

/** `OWN` with its middle rewritten, keeping `prefix` characters after the T and `suffix` at the end. */
function imitation(prefix: number, suffix: number): string {
  const middle = 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz';
  const head = OWN.slice(0, 1 + prefix);
  const tail = OWN.slice(OWN.length - suffix);
  // The character right after each shared end differs from OWN's, so the shared counts are exact.
  return head + middle.slice(0, OWN.length - head.length - tail.length) + tail;
}

describe('lookalike detection', () => {
  it('counts shared characters after the leading T and at the end', () => {
    expect(sharedEnds(OWN, SANDBOX_LOOKALIKE)).toEqual({ prefix: 1, suffix: 3 });
    expect(sharedEnds(OWN, imitation(4, 4))).toEqual({ prefix: 4, suffix: 4 });
  });

  it('warns at each sensitivity exactly from its documented thresholds on', () => {
    for (const [sensitivity, { prefix, suffix }] of Object.entries(LOOKALIKE_THRESHOLDS)) {
      const level = sensitivity as keyof typeof LOOKALIKE_THRESHOLDS;
      expect(findLookalike(imitation(prefix, suffix), [own], level), `${level} at the threshold`).toEqual(
        own,
      );
      expect(findLookalike(imitation(prefix + 3, suffix + 2), [own], level), `${level} above it`).toEqual(
        own,
      );
      expect(
        findLookalike(imitation(prefix - 1, suffix), [own], level),
        `${level} one short in front`,
      ).toBeNull();
      expect(
        findLookalike(imitation(prefix, suffix - 1), [own], level),
        `${level} one short at the end`,
      ).toBeNull();
    }
  });

  it('is strictest at strict and loosest at loose', () => {
    const strong = imitation(4, 4);
    const cheap = imitation(2, 3);
    expect(
      ['strict', 'normal', 'loose'].map((s) => findLookalike(strong, [own], s as never) !== null),
    ).toEqual([true, true, true]);
    expect(
      ['strict', 'normal', 'loose'].map((s) => findLookalike(cheap, [own], s as never) !== null),
    ).toEqual([false, true, true]);
  });

  it('flags the sandbox poisoning address only at loose sensitivity', () => {
    expect(findLookalike(SANDBOX_LOOKALIKE, [own], 'loose')).toEqual(own);
    expect(findLookalike(SANDBOX_LOOKALIKE, [own], 'normal')).toBeNull();
    expect(findLookalike(SANDBOX_LOOKALIKE, [own], 'strict')).toBeNull();
  });

  it('never flags the address itself, nor the user’s own account when a checked stranger resembles it', () => {
    expect(findLookalike(OWN, [own], 'loose')).toBeNull();
    const checkedPoisoner: KnownAddress = { address: SANDBOX_LOOKALIKE, sources: ['check'] };
    expect(findLookalike(OWN, [own, checkedPoisoner], 'loose')).toBeNull();
    // …while the poisoner, even once checked, still resembles the user's account.
    expect(findLookalike(SANDBOX_LOOKALIKE, [own, checkedPoisoner], 'loose')).toEqual(own);
  });

  it('names the closest of several resembled addresses and ignores unrelated ones', () => {
    const rental: KnownAddress = { address: imitation(5, 5), sources: ['rental'] };
    const usdt: KnownAddress = { address: USDT, sources: ['check'] };
    expect(findLookalike(imitation(5, 6), [own, usdt, rental], 'strict')).toEqual(rental);
    expect(findLookalike(imitation(2, 3), [usdt], 'loose')).toBeNull();
  });
});
