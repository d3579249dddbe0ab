/**
 * TRON address checks for the content script, without dependencies.
 *
 * Why not `lib/tron/address.ts`: it is the reference (and what the background uses), but its hashing
 * and base58 libraries weigh ~4.5 KB gzipped, over a third of the content script's 12 KB budget. This
 * file answers exactly the same (tests/unit/risk/content-address.test.ts compares both on thousands
 * of strings) in well under 1 KB: SHA-256 from FIPS 180-4, base58 into a fixed 25-byte buffer.
 *
 * Test URL: the sandbox's `/tronscan/` home page ("Recent searches": checksum typos, hex forms and an
 * overlong base58 run, none of which may get a badge).
 */

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** A whole token (maximal ASCII letter/digit run) of 34 characters starting with `T`. */
const ADDRESS_TOKEN = /(?<![0-9A-Za-z])T[0-9A-Za-z]{33}(?![0-9A-Za-z])/g;

// The round constants and initial hash are the fractional bits of the cube and square roots of the
// first primes (FIPS 180-4 §4.2.2, §5.3.3); computing them is smaller than spelling them out.
const K = new Int32Array(64);
const H0 = new Int32Array(8);
const fraction = (x: number) => ((x - Math.floor(x)) * 0x100000000) | 0;
for (let n = 2, found = 0; found < 64; n++) {
  let prime = true;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
  if (!prime) continue;
  if (found < 8) H0[found] = fraction(n ** (1 / 2));
  K[found++] = fraction(n ** (1 / 3));
}
// Reused between calls: a page validates hundreds of addresses in one scan, allocation-free.
const W = new Int32Array(64);
const H = new Int32Array(8);

/** SHA-256 of `data`. */
export function sha256(data: Uint8Array): Uint8Array {
  const blocks = ((data.length + 8) >> 6) + 1;
  const padded = new Uint8Array(blocks * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const bits = data.length * 8;
  padded[padded.length - 4] = bits >>> 24;
  padded[padded.length - 3] = bits >>> 16;
  padded[padded.length - 2] = bits >>> 8;
  padded[padded.length - 1] = bits;
  H.set(H0);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 64; i++) {
      if (i < 16) {
        const at = offset + i * 4;
        W[i] = (padded[at]! << 24) | (padded[at + 1]! << 16) | (padded[at + 2]! << 8) | padded[at + 3]!;
      } else {
        const a = W[i - 15]!;
        const b = W[i - 2]!;
        const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
        const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
        W[i] = W[i - 16]! + s0 + W[i - 7]! + s1;
      }
    }
    let a = H[0]!,
      b = H[1]!,
      c = H[2]!,
      d = H[3]!,
      e = H[4]!,
      f = H[5]!,
      g = H[6]!,
      h = H[7]!;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    const sums = [a, b, c, d, e, f, g, h];
    for (let i = 0; i < 8; i++) H[i] = H[i]! + sums[i]!;
  }
  const digest = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const word = H[i]!;
    digest[i * 4] = word >>> 24;
    digest[i * 4 + 1] = word >>> 16;
    digest[i * 4 + 2] = word >>> 8;
    digest[i * 4 + 3] = word;
  }
  return digest;
}

const DIGITS = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGITS[ALPHABET.charCodeAt(i)] = i;

/** True when `s` is a base58check TRON address: 34 chars, version 0x41, valid checksum. */
function checkAddress(s: string): boolean {
  if (s.length !== 34) return false;
  // Base58 into 25 bytes, five digits at a time (58^5 < 2^30, so every step stays exact in a double).
  const bytes = new Uint8Array(25);
  for (let at = 0; at < 34; at += 5) {
    let chunk = 0;
    let scale = 1;
    for (let i = at; i < at + 5 && i < 34; i++) {
      const code = s.charCodeAt(i);
      const digit = code < 128 ? DIGITS[code]! : -1;
      if (digit < 0) return false;
      chunk = chunk * 58 + digit;
      scale *= 58;
    }
    for (let j = 24; j >= 0; j--) {
      const value = bytes[j]! * scale + chunk;
      bytes[j] = value % 256;
      chunk = Math.floor(value / 256);
    }
    if (chunk) return false;
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
  // Most text on an explorer (hashes, amounts, ages) has no capital T at all: skip the regex.
  if (text.length < 34 || !text.includes('T')) return [];
  const found: string[] = [];
  for (const [token] of text.matchAll(ADDRESS_TOKEN)) if (isAddress(token)) found.push(token);
  return found;
}
