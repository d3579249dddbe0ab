/**
 * Every address the TronScan-like pages show, fixed per sandbox start: the seeded TronLink account,
 * its poisoning lookalike, the USDT contract, known-bad addresses, a pool of random valid addresses,
 * and the strings that only look like addresses.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import type { World } from '../world';
import type { Lookalike } from './lookalike-search';
import type { InvalidForm } from './page-model';
import { BASE58_ALPHABET, addressFromAccountId, addressToHex, isValidTronAddress } from './tron-address';

/** Random valid addresses drawn by the lists; large enough that a 10,000-row list has many distinct ones. */
export const POOL_SIZE = 512;

export interface AddressCatalog {
  tronlink: string;
  lookalike: Lookalike;
  usdt: string;
  knownBad: string[];
  /** Whose list `knownBad` is: the 2aml service's seeded one when present, else ours. */
  knownBadSource: '2aml' | 'tronscan';
  pool: string[];
  invalid: Record<InvalidForm, string[]>;
}

/**
 * Where the 2aml service seeds its known-bad list: `knownBadAddresses` (records with an address)
 * today, `knownBad` as the brief first named it; bare addresses are accepted too.
 */
const knownBadListSchema = z.array(z.union([z.string(), z.object({ address: z.string() }).loose()])).min(1);
const twoAmlSeededSchema = z
  .object({ knownBadAddresses: knownBadListSchema.optional(), knownBad: knownBadListSchema.optional() })
  .loose();

/** The 2aml service's seeded known-bad TRON addresses, or null when it seeds none. */
export function twoAmlKnownBad(seeded: unknown): string[] | null {
  const parsed = twoAmlSeededSchema.safeParse(seeded);
  const list = parsed.success ? (parsed.data.knownBadAddresses ?? parsed.data.knownBad) : undefined;
  if (!list) return null;
  const valid = list
    .map((entry) => (typeof entry === 'string' ? entry : entry.address))
    .filter(isValidTronAddress);
  return valid.length > 0 ? valid : null;
}

const OWN_KNOWN_BAD_NAMES = [
  'tronscan-known-bad:drainer',
  'tronscan-known-bad:mixer',
  'tronscan-known-bad:scam',
];

/** A deterministic random valid address: the account id is a hash of a label. */
function poolAddress(index: number): string {
  return addressFromAccountId(sha256(utf8ToBytes(`ampere-sandbox/tronscan/pool/${index}`)).subarray(0, 20));
}

/** `address` with the character at `position` replaced so that the checksum no longer holds. */
export function breakChecksum(address: string, position: number): string {
  for (let shift = 1; shift < BASE58_ALPHABET.length; shift++) {
    const replaced = BASE58_ALPHABET[(BASE58_ALPHABET.indexOf(address[position]!) + shift) % 58]!;
    const candidate = address.slice(0, position) + replaced + address.slice(position + 1);
    if (!isValidTronAddress(candidate)) return candidate;
  }
  throw new Error(`cannot break the checksum of ${address}`);
}

function invalidStrings(tronlink: string, usdt: string, pool: string[]): Record<InvalidForm, string[]> {
  return {
    // A typo of the user's own account, of USDT, and of a stranger's address.
    'checksum-invalid': [breakChecksum(tronlink, 17), breakChecksum(usdt, 9), breakChecksum(pool[7]!, 30)],
    'checksum-invalid-link': [breakChecksum(pool[8]!, 12)],
    // Base58 runs with a valid address inside: at the start, and after two characters.
    'overlong-base58': [`${pool[9]}Zk9`, `Qx${pool[10]}`],
    'hex-41': [addressToHex(tronlink), addressToHex(usdt)],
    'hex-0x': [
      `0x${addressToHex(pool[11]!).slice(2)}`,
      `0x${bytesToHex(sha256(utf8ToBytes('hex-0x')).subarray(0, 20))}`,
    ],
  };
}

/** Builds the catalog; `lookalike` comes from lookalike.ts because it may take a moment to find. */
export function buildAddressCatalog(world: World, lookalike: Lookalike): AddressCatalog {
  const tronlink = world.chain.keypair('tronlink').address;
  const usdt = world.chain.usdtContract;
  const pool = Array.from({ length: POOL_SIZE }, (_, index) => poolAddress(index));
  const fromTwoAml = twoAmlKnownBad(world.seeded['2aml']);
  const knownBad = fromTwoAml ?? OWN_KNOWN_BAD_NAMES.map((name) => world.chain.keypair(name).address);
  return {
    tronlink,
    lookalike,
    usdt,
    knownBad,
    knownBadSource: fromTwoAml ? '2aml' : 'tronscan',
    pool,
    invalid: invalidStrings(tronlink, usdt, pool),
  };
}
