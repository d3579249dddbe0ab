/**
 * Deterministic search for an "address-poisoning" lookalike: a key pair whose T-address shares its
 * first and last characters with a target address.
 *
 * Why a search and not a made-up string: the lookalike must be a real account (a test can send dust
 * from it), so we need its private key. Keys are walked as k0, k0+1, k0+2… from a seed derived from
 * the target, so the result is the same on every machine. Walking by point addition (P + G) with
 * batched affine conversion costs ~20 µs per candidate instead of a full scalar multiplication.
 *
 * Feasibility: the 2nd character has ~24 likely values and each trailing character 58, so matching
 * 2 leading + 3 trailing characters takes ~5 million candidates (~2 minutes on one core; done once
 * offline, see find-lookalike.ts), while the 4 + 4 of a real attack (~10^12 candidates) is out of reach.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { normalizeZ } from '@noble/curves/abstract/curve.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { BASE58_ALPHABET, addressFromAccountId } from './tron-address';

const Point = secp256k1.Point;
const CURVE_ORDER = Point.CURVE().n;
const BATCH_SIZE = 256;
const ADDRESS_LENGTH = 34;

export interface Lookalike {
  target: string;
  address: string;
  /** 64 hex chars, no 0x. */
  privateKey: string;
  /** How many leading / trailing characters the lookalike shares with the target. */
  sharedPrefix: number;
  sharedSuffix: number;
}

export interface LookalikeGoal {
  prefixChars: number;
  suffixChars: number;
}

/** Counts the leading and trailing characters two addresses share. */
export function sharedEnds(a: string, b: string): { sharedPrefix: number; sharedSuffix: number } {
  let sharedPrefix = 0;
  while (sharedPrefix < a.length && a[sharedPrefix] === b[sharedPrefix]) sharedPrefix++;
  let sharedSuffix = 0;
  while (sharedSuffix < a.length && a[a.length - 1 - sharedSuffix] === b[b.length - 1 - sharedSuffix]) {
    sharedSuffix++;
  }
  return { sharedPrefix, sharedSuffix };
}

/** The T-address of a private key (hex). */
export function addressOfPrivateKey(privateKeyHex: string): string {
  const publicKey = secp256k1.getPublicKey(hexToBytes(privateKeyHex), false);
  return addressFromAccountId(keccak_256(publicKey.subarray(1)).subarray(12));
}

/** Rebuilds a lookalike record from a stored private key, or null if it no longer fits the target. */
export function lookalikeFromKey(
  target: string,
  privateKeyHex: string,
  goal: LookalikeGoal,
): Lookalike | null {
  const address = addressOfPrivateKey(privateKeyHex);
  const ends = sharedEnds(target, address);
  if (address === target || ends.sharedPrefix < goal.prefixChars || ends.sharedSuffix < goal.suffixChars) {
    return null;
  }
  return { target, address, privateKey: privateKeyHex, ...ends };
}

/** The value of base58 digits as a bigint. */
function base58Value(text: string): bigint {
  let value = 0n;
  for (const char of text) value = value * 58n + BigInt(BASE58_ALPHABET.indexOf(char));
  return value;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + bytesToHex(bytes));
}

/**
 * A resumable search: `step(budget)` examines up to `budget` candidates and returns the match once
 * found. Cheap filters run first: the leading characters only depend on the 21-byte payload (a
 * range test), the trailing ones need the checksum (one double SHA-256, for ~1 in 24 candidates).
 */
export function createLookalikeSearch(target: string, goal: LookalikeGoal) {
  // Every 25-byte value starting with 0x41 encodes to exactly 34 characters, so a prefix is a range.
  const prefixScale = 58n ** BigInt(ADDRESS_LENGTH - goal.prefixChars);
  const prefixLow = base58Value(target.slice(0, goal.prefixChars)) * prefixScale;
  const prefixHigh = prefixLow + prefixScale;
  const payloadLow = prefixLow >> 32n;
  const payloadHigh = (prefixHigh - 1n) >> 32n;
  const suffixModulus = 58 ** goal.suffixChars;
  const suffixValue = Number(base58Value(target.slice(ADDRESS_LENGTH - goal.suffixChars)));

  const seed = sha256(utf8ToBytes(`ampere-sandbox/lookalike/${target}`));
  const startKey = (bytesToBigInt(seed) % (CURVE_ORDER - 1n)) + 1n;
  let nextKey = startKey;
  let nextPoint = Point.BASE.multiply(startKey);
  let examined = 0;

  function suffixMatches(payload: Uint8Array, checksum: Uint8Array): boolean {
    let remainder = 0;
    for (const byte of payload) remainder = (remainder * 256 + byte) % suffixModulus;
    for (let i = 0; i < 4; i++) remainder = (remainder * 256 + checksum[i]!) % suffixModulus;
    return remainder === suffixValue;
  }

  function step(budget: number): Lookalike | null {
    const payload = new Uint8Array(21);
    payload[0] = 0x41;
    const stopAt = examined + budget;
    while (examined < stopAt) {
      const batch = [];
      for (let i = 0; i < BATCH_SIZE; i++) {
        batch.push(nextPoint);
        nextPoint = nextPoint.add(Point.BASE);
      }
      const affine = normalizeZ(Point, batch);
      for (let i = 0; i < affine.length; i++) {
        const accountId = keccak_256(affine[i]!.toBytes(false).subarray(1)).subarray(12);
        payload.set(accountId, 1);
        const payloadValue = bytesToBigInt(payload);
        if (payloadValue < payloadLow || payloadValue > payloadHigh) continue;
        const checksum = sha256(sha256(payload));
        if (!suffixMatches(payload, checksum)) continue;
        const privateKey = ((nextKey + BigInt(i)) % CURVE_ORDER).toString(16).padStart(64, '0');
        const found = lookalikeFromKey(target, privateKey, goal);
        if (found) return found;
      }
      nextKey += BigInt(BATCH_SIZE);
      examined += BATCH_SIZE;
    }
    return null;
  }

  return {
    step,
    get examined() {
      return examined;
    },
  };
}
