import { createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

const base58check = createBase58check(sha256);

/** TRON addresses are 21 bytes: 0x41 then the 20-byte account id. */
const ADDRESS_PREFIX = 0x41;
const HEX_ADDRESS = /^41[0-9a-fA-F]{40}$/;

/** True for a base58check T-address whose payload is a 0x41-prefixed 21-byte address. */
export function isBase58Address(value: string): boolean {
  try {
    const bytes = base58check.decode(value);
    return bytes.length === 21 && bytes[0] === ADDRESS_PREFIX;
  } catch {
    return false;
  }
}

/** True for the node's hex form, `41` + 40 hex digits. */
export function isHexAddress(value: string): boolean {
  return HEX_ADDRESS.test(value);
}

/** The lowercase hex form (`41…`) of a base58 or hex address; throws on anything else. */
export function toHexAddress(address: string): string {
  if (isHexAddress(address)) return address.toLowerCase();
  if (isBase58Address(address)) return bytesToHex(base58check.decode(address));
  throw new Error(`invalid address: ${address}`);
}

/** The base58 T-address of a base58 or hex address. */
export function toBase58Address(address: string): string {
  return base58check.encode(hexToBytes(toHexAddress(address)));
}

/** True for either accepted form. */
export function isAddress(value: string): boolean {
  return isHexAddress(value) || isBase58Address(value);
}

/** The address in the form a response should use (`visible: true` answers base58). */
export function displayAddress(hexAddress: string, visible: boolean): string {
  return visible ? toBase58Address(hexAddress) : hexAddress;
}
