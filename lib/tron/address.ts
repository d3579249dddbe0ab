/**
 * TRON addresses without TronWeb (it is far too heavy for a content script): base58check
 * validation, conversion to and from the `41…` hex form, and a scanner that finds addresses in page
 * text. The scanner runs on every text node of a tronscan page, so it never backtracks and decodes
 * only strings that can be an address.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { base58, hex } from '@scure/base';

export { BASE58_CHAR, TRON_ADDRESS_PATTERN, TRON_ADDRESS_SHAPE } from './address-pattern';

/** Every mainnet address is version byte 0x41 + 20 bytes; in base58check that is always 34 chars from `T`. */
const ADDRESS_VERSION_BYTE = 0x41;
const ADDRESS_CHARS = 34;
const BODY_BYTES = 20;
const CHECKSUM_BYTES = 4;
const CHAR_T = 0x54;

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const isBase58Char = asciiTable(BASE58_ALPHABET);
const isTokenChar = asciiTable('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');

export type AddressErrorCode = 'invalid_base58_address' | 'invalid_hex_address';

/** Thrown by the conversions when their input is not an address; `code` tells which form was expected. */
export class AddressError extends Error {
  readonly code: AddressErrorCode;

  constructor(code: AddressErrorCode, message: string) {
    super(message);
    this.name = 'AddressError';
    this.code = code;
  }
}

/** True when `s` is a base58check TRON address: exactly 34 chars, version 0x41, valid checksum. */
export function isTronAddress(s: string): boolean {
  if (typeof s !== 'string' || s.length !== ADDRESS_CHARS || s.charCodeAt(0) !== CHAR_T) return false;
  const cached = validityCache.get(s);
  if (cached !== undefined) return cached;
  const valid = decodeAddress(s) !== null;
  rememberValidity(s, valid);
  return valid;
}

/** The `41…` hex form (42 lowercase hex chars) of a base58 address; throws `AddressError` if invalid. */
export function toHexAddress(base58Address: string): string {
  const bytes = typeof base58Address === 'string' ? decodeAddress(base58Address) : null;
  if (!bytes) {
    throw new AddressError(
      'invalid_base58_address',
      `${describe(base58Address)} is not a TRON address (34 base58 characters starting with T, with a valid checksum)`,
    );
  }
  return hex.encode(bytes);
}

/**
 * The base58 address for a hex address; throws `AddressError` if invalid.
 *
 * Accepted forms, any letter case: `41` + 40 hex (the node's own form, `0x` optional), and `0x` +
 * 40 hex, the 20-byte body as EVM-style tools and TronWeb write it. A bare 40-hex string is refused:
 * it is just as likely a `41…` address missing a byte, and guessing would name the wrong account.
 */
export function fromHexAddress(hexAddress: string): string {
  const text = typeof hexAddress === 'string' ? hexAddress : '';
  const has0x = /^0x/i.test(text);
  const digits = has0x ? text.slice(2) : text;
  if (/^[0-9a-fA-F]+$/.test(digits)) {
    if (digits.length === 42 && digits.slice(0, 2) === '41') return addressFromHexBody(digits.slice(2));
    if (digits.length === 40 && has0x) return addressFromHexBody(digits);
  }
  throw new AddressError(
    'invalid_hex_address',
    `${describe(hexAddress)} is not a hex TRON address (41 or 0x followed by 40 hex digits)`,
  );
}

/** The base58check address for a 20-byte account body (e.g. the tail of keccak256(public key)). */
export function addressFromBody(body: Uint8Array): string {
  if (body.length !== BODY_BYTES)
    throw new RangeError(`an address body is ${BODY_BYTES} bytes, got ${body.length}`);
  const payload = new Uint8Array(1 + BODY_BYTES);
  payload[0] = ADDRESS_VERSION_BYTE;
  payload.set(body, 1);
  const withChecksum = new Uint8Array(payload.length + CHECKSUM_BYTES);
  withChecksum.set(payload);
  withChecksum.set(checksumOf(payload), payload.length);
  return base58.encode(withChecksum);
}

/**
 * Every valid address in `text`, in order, one entry per occurrence (duplicates kept).
 *
 * Candidates are whole tokens: maximal runs of ASCII letters and digits. A run must be exactly
 * 34 chars to count, so an address inside a longer base58 run yields nothing, and so does one glued
 * to a letter or digit outside base58 (`0`, `O`, `I`, `l`), which is part of a longer token too.
 * Anything else (spaces, punctuation, `/` of `#/address/T…`, non-ASCII) separates tokens.
 */
export function findAddressCandidates(text: string): string[] {
  const found: string[] = [];
  const length = text.length;
  if (length < ADDRESS_CHARS) return found;
  let index = 0;
  while (index < length) {
    if (!isTokenChar(text.charCodeAt(index))) {
      index++;
      continue;
    }
    const start = index;
    while (index < length && isTokenChar(text.charCodeAt(index))) index++;
    if (index - start === ADDRESS_CHARS && text.charCodeAt(start) === CHAR_T) {
      const candidate = text.slice(start, index);
      if (isTronAddress(candidate)) found.push(candidate);
    }
  }
  return found;
}

/** The 21 address bytes (version + body) when `s` is a valid address, else null. */
function decodeAddress(s: string): Uint8Array | null {
  if (s.length !== ADDRESS_CHARS) return null;
  for (let i = 0; i < s.length; i++) if (!isBase58Char(s.charCodeAt(i))) return null;
  const bytes = base58.decode(s);
  if (bytes.length !== 1 + BODY_BYTES + CHECKSUM_BYTES || bytes[0] !== ADDRESS_VERSION_BYTE) return null;
  const payload = bytes.subarray(0, 1 + BODY_BYTES);
  const expected = checksumOf(payload);
  for (let i = 0; i < CHECKSUM_BYTES; i++) if (bytes[payload.length + i] !== expected[i]) return null;
  return payload;
}

function addressFromHexBody(bodyHex: string): string {
  return addressFromBody(hex.decode(bodyHex.toLowerCase()));
}

function checksumOf(payload: Uint8Array): Uint8Array {
  return sha256(sha256(payload)).subarray(0, CHECKSUM_BYTES);
}

// A page shows the same few addresses over and over (a 1,000-row table of transfers), so the
// double sha256 is worth skipping on repeats; the bound keeps a long session from growing it.
const VALIDITY_CACHE_SIZE = 2048;
const validityCache = new Map<string, boolean>();

function rememberValidity(s: string, valid: boolean): void {
  if (validityCache.size >= VALIDITY_CACHE_SIZE) {
    const oldest = validityCache.keys().next();
    if (!oldest.done) validityCache.delete(oldest.value);
  }
  validityCache.set(s, valid);
}

function asciiTable(chars: string): (code: number) => boolean {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return (code) => code < 128 && table[code] === 1;
}

/** A short, safe rendering of bad input for error messages (it may be a whole pasted page). */
function describe(input: unknown): string {
  if (typeof input !== 'string') return `a ${typeof input}`;
  return input.length > 50 ? `"${input.slice(0, 47)}…"` : `"${input}"`;
}
