import { utf8ToBytes, bytesToHex } from '@noble/hashes/utils.js';
import { keccakHex } from './crypto';

/** ABI encoding for the few shapes the sandbox's USDT contract reads and returns. */

const WORD_HEX = 64;

/** The 4-byte selector (8 hex digits) of a signature such as `transfer(address,uint256)`. */
export function functionSelector(signature: string): string {
  return keccakHex(utf8ToBytes(signature.replace(/\s+/g, ''))).slice(0, 8);
}

/** keccak256 of an event signature, as a log topic. */
export function eventTopic(signature: string): string {
  return keccakHex(utf8ToBytes(signature));
}

/** An unsigned integer as one 32-byte word. */
export function uintWord(value: bigint): string {
  if (value < 0n || value >= 1n << 256n) throw new RangeError('uint256 out of range');
  return value.toString(16).padStart(WORD_HEX, '0');
}

/** A hex TRON address (`41…`) as an ABI address word (20 bytes, left-padded). */
export function addressWord(hexAddress: string): string {
  return hexAddress.slice(2).padStart(WORD_HEX, '0');
}

/** A bool as one word. */
export function boolWord(value: boolean): string {
  return uintWord(value ? 1n : 0n);
}

/** A dynamic `string` return value: offset, length, padded UTF-8 bytes. */
export function stringReturn(value: string): string {
  const bytes = bytesToHex(utf8ToBytes(value));
  const padded = bytes.padEnd(Math.ceil(bytes.length / WORD_HEX) * WORD_HEX || WORD_HEX, '0');
  return uintWord(32n) + uintWord(BigInt(bytes.length / 2)) + padded;
}

/** The 32-byte words after a 4-byte selector; null when the length is not whole words. */
export function argumentWords(callDataHex: string): string[] | null {
  const body = callDataHex.slice(8);
  if (body.length % WORD_HEX !== 0) return null;
  const words: string[] = [];
  for (let i = 0; i < body.length; i += WORD_HEX) words.push(body.slice(i, i + WORD_HEX));
  return words;
}

/** An address argument back to hex `41…`, or null if the word has bits above 160. */
export function wordToAddress(word: string): string | null {
  if (!/^0{24}/.test(word)) return null;
  return '41' + word.slice(24).toLowerCase();
}

/** A uint256 argument. */
export function wordToUint(word: string): bigint {
  return BigInt('0x' + word);
}
