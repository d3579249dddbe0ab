/**
 * The content script's dependency-free address checks must answer exactly as the reference in
 * lib/tron/address.ts, on valid addresses, typos, hex forms, glued and overlong runs, and noise.
 */
import { describe, expect, it } from 'vitest';
import { sha256 as referenceSha256 } from '@noble/hashes/sha2.js';
import { addressFromBody, findAddressCandidates, isTronAddress, toHexAddress } from '@/lib/tron/address';
import { addressesIn, isAddress, sha256 } from '@/entrypoints/tronscan.content/address';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** A small deterministic generator, so a failure names a reproducible case. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function validAddresses(count: number, next: () => number): string[] {
  return Array.from({ length: count }, () =>
    addressFromBody(Uint8Array.from({ length: 20 }, () => Math.floor(next() * 256))),
  );
}

describe('the content script’s address checks', () => {
  it('hashes like the reference SHA-256 for every length up to several blocks', () => {
    const next = random(1);
    for (let length = 0; length < 300; length++) {
      const data = Uint8Array.from({ length }, () => Math.floor(next() * 256));
      expect(Buffer.from(sha256(data)).toString('hex'), `length ${length}`).toBe(
        Buffer.from(referenceSha256(data)).toString('hex'),
      );
    }
  });

  it('accepts and refuses exactly the strings the reference does', () => {
    const next = random(2);
    const valid = validAddresses(300, next);
    const cases: string[] = [
      ...valid,
      'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
      'T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb',
    ];
    for (const address of valid.slice(0, 100)) {
      // One character changed (a typo), the case of one letter flipped, cut, extended, hex.
      const at = 1 + Math.floor(next() * 33);
      const swapped = ALPHABET[(ALPHABET.indexOf(address[at]!) + 1 + Math.floor(next() * 56)) % 58]!;
      cases.push(address.slice(0, at) + swapped + address.slice(at + 1));
      cases.push(address.slice(0, at) + address[at]!.toUpperCase() + address.slice(at + 1));
      cases.push(address.slice(0, 33), `${address}1`, toHexAddress(address), `A${address.slice(1)}`);
    }
    for (let i = 0; i < 300; i++) {
      cases.push(`T${Array.from({ length: 33 }, () => ALPHABET[Math.floor(next() * 58)]).join('')}`);
    }
    cases.push('', 'T', 'T0OIl'.padEnd(34, '1'), 'T' + 'z'.repeat(33), 'T' + '1'.repeat(33));
    for (const text of cases) expect(isAddress(text), text).toBe(isTronAddress(text));
    expect(cases.filter(isAddress).length).toBeGreaterThanOrEqual(302);
  });

  it('finds the same occurrences in text as the reference scanner', () => {
    const next = random(3);
    const [a, b, c] = validAddresses(3, next);
    const texts = [
      `from ${a} to ${b}`,
      `${a}${b}`, // one 68-char run: no address
      `Zk9${a}`, // inside a longer base58 run
      `${a}0`, // glued to a digit outside base58
      `${a}O and ${b}l`, // glued to letters outside base58
      `#/address/${a}`,
      `${a}/${b}…${c}`,
      `(${a}), «${b}», ${c}.`,
      `0x${toHexAddress(a!).slice(2)} ${toHexAddress(b!)}`,
      `${a} ${a} ${a}`,
      `naïve${a}é`,
      '',
    ];
    for (let i = 0; i < 200; i++) {
      const parts = Array.from({ length: 5 }, () => {
        const pick = next();
        if (pick < 0.3) return validAddresses(1, next)[0]!;
        if (pick < 0.5) return ' ';
        if (pick < 0.7) return ALPHABET[Math.floor(next() * 58)]!;
        if (pick < 0.8) return '0';
        return ['/', '…', '-', '\n', 'é'][Math.floor(next() * 5)]!;
      });
      texts.push(parts.join(''));
    }
    for (const text of texts) expect(addressesIn(text), text).toEqual(findAddressCandidates(text));
  });
});
