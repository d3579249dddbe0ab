/** TRON address encoding for the TronScan-like pages: base58check over `0x41 || 20-byte account id`. */
import { createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const base58check = createBase58check(sha256);

export const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const ADDRESS_PREFIX_BYTE = 0x41;

/** Encodes a 20-byte account id as a T-address. */
export function addressFromAccountId(accountId: Uint8Array): string {
  if (accountId.length !== 20) throw new Error(`account id must be 20 bytes, got ${accountId.length}`);
  const payload = new Uint8Array(21);
  payload[0] = ADDRESS_PREFIX_BYTE;
  payload.set(accountId, 1);
  return base58check.encode(payload);
}

/** True for a checksum-valid base58 T-address (the same test TronWeb's `isAddress` makes). */
export function isValidTronAddress(text: string): boolean {
  if (!/^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(text)) return false;
  try {
    const bytes = base58check.decode(text);
    return bytes.length === 21 && bytes[0] === ADDRESS_PREFIX_BYTE;
  } catch {
    return false;
  }
}

/** The `41…` hex form (42 hex chars) of a valid T-address, as tronscan shows it in raw transaction data. */
export function addressToHex(address: string): string {
  return bytesToHex(base58check.decode(address));
}
