/**
 * TRON address checks for the content script, without dependencies.
 *
 * Why not `lib/tron/address.ts`: it is the reference (and what the background uses), but its hashing
 * and base58 libraries weigh ~4.5 KB gzipped, over a third of the content script's 12 KB budget. This
 * file answers exactly the same (tests/unit/risk/content-address.test.ts compares both on thousands
 * of strings) in well under 1 KB: SHA-256 from FIPS 180-4, base58 into a fixed 25-byte buffer.
 */

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** A whole token (maximal ASCII letter/digit run) of 34 characters starting with `T`. */
const ADDRESS_TOKEN = /(?<![0-9A-Za-z])T[0-9A-Za-z]{33}(?![0-9A-Za-z])/g;

// The round constants and initial hash are the fractional bits of the cube and square roots of the
// first primes (FIPS 180-4 §4.2.2, §5.3.3); computing them is smaller than spelling them out.
const K: number[] = [];
const H0: number[] = [];
const fraction = (x: number) => ((x - Math.floor(x)) * 0x100000000) | 0;
for (let n = 2; K.length < 64; n++) {
  let prime = true;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
  if (!prime) continue;
  if (H0.length < 8) H0.push(fraction(n ** (1 / 2)));
  K.push(fraction(n ** (1 / 3)));
}

/** SHA-256 of `data`. */
export function sha256(data: Uint8Array): Uint8Array {
  const blocks = ((data.length + 8) >> 6) + 1;
  const padded = new Uint8Array(blocks * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 4, data.length * 8);
  const h = H0.slice();
  const w = new Array<number>(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < 64; i++) {
      if (i < 16) w[i] = view.getUint32(block * 64 + i * 4);
      else {
        const a = w[i - 15]!;
        const b = w[i - 2]!;
        const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
        const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
        w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
      }
    }
    let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, hh].forEach((value, i) => (h[i] = (h[i]! + value) | 0));
  }
  const digest = new Uint8Array(32);
  const out = new DataView(digest.buffer);
  h.forEach((value, i) => out.setUint32(i * 4, value));
  return digest;
}

/** True when `s` is a base58check TRON address: 34 chars, version 0x41, valid checksum. */
function checkAddress(s: string): boolean {
  if (s.length !== 34) return false;
  const bytes = new Uint8Array(25);
  for (const char of s) {
    let carry = ALPHABET.indexOf(char);
    if (carry < 0) return false;
    for (let j = 24; j >= 0; j--) {
      carry += bytes[j]! * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    if (carry) return false;
  }
  if (bytes[0] !== 0x41) return false;
  const checksum = sha256(sha256(bytes.subarray(0, 21)));
  return (
    checksum[0] === bytes[21] &&
    checksum[1] === bytes[22] &&
    checksum[2] === bytes[23] &&
    checksum[3] === bytes[24]
  );
}

// A page repeats the same few hundred addresses; skip the hashing on repeats, within a bound.
const validity = new Map<string, boolean>();

/** True when `s` is a valid TRON address (same answer as `isTronAddress` in lib/tron/address.ts). */
export function isAddress(s: string): boolean {
  let valid = validity.get(s);
  if (valid === undefined) {
    valid = checkAddress(s);
    if (validity.size >= 4096) validity.clear();
    validity.set(s, valid);
  }
  return valid;
}

/** Every valid address in `text`, one per occurrence (same answer as `findAddressCandidates`). */
export function addressesIn(text: string): string[] {
  if (text.length < 34) return [];
  const found: string[] = [];
  for (const [token] of text.matchAll(ADDRESS_TOKEN)) if (isAddress(token)) found.push(token);
  return found;
}
