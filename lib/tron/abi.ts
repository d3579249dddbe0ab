/**
 * Just enough Solidity ABI for the background's read-only TRC20 calls through the node's
 * `wallet/triggerconstantcontract` (USDT `balanceOf`, `isBlackListed`), without TronWeb's encoder.
 * The node takes `function_selector` as text and `parameter` as hex words, and answers with
 * `constant_result: [hex]`; these helpers make and read those hex words.
 */
import { toHexAddress } from './address';

/** `function_selector` for a TRC20 balance read. */
export const BALANCE_OF_SELECTOR = 'balanceOf(address)';
/** `function_selector` for the USDT blacklist read. */
export const IS_BLACKLISTED_SELECTOR = 'isBlackListed(address)';
/** `function_selector` for a TRC20 transfer, asked of the node only to estimate its energy. */
export const TRANSFER_SELECTOR = 'transfer(address,uint256)';

const WORD_HEX_CHARS = 64;

export type AbiErrorCode = 'empty_result' | 'malformed_result';

/** A contract result that cannot be read as the expected type. */
export class AbiError extends Error {
  readonly code: AbiErrorCode;

  constructor(code: AbiErrorCode, message: string) {
    super(message);
    this.name = 'AbiError';
    this.code = code;
  }
}

/** The `parameter` hex for one address argument: its 20-byte body left-padded to 32 bytes, no `0x`. */
export function encodeAddressParameter(base58Address: string): string {
  return toHexAddress(base58Address).slice(2).padStart(WORD_HEX_CHARS, '0');
}

/** The `parameter` hex for `(address, uint256)`: two words, as a TRC20 `transfer` takes them. */
export function encodeAddressAmountParameters(base58Address: string, amount: bigint): string {
  if (amount < 0n || amount >= 1n << 256n) throw new RangeError('a uint256 must be within 0..2^256-1');
  return encodeAddressParameter(base58Address) + amount.toString(16).padStart(WORD_HEX_CHARS, '0');
}

/** Reads a uint256 result (`constant_result[0]`, `0x` optional) as a bigint. */
export function decodeUint256Result(resultHex: string): bigint {
  return BigInt(`0x${resultWord(resultHex)}`);
}

/** Reads a bool result; a word other than 0 or 1 is malformed, as Solidity's own decoder holds. */
export function decodeBoolResult(resultHex: string): boolean {
  const value = decodeUint256Result(resultHex);
  if (value > 1n)
    throw new AbiError('malformed_result', `a bool result must be 0 or 1, got 0x${value.toString(16)}`);
  return value === 1n;
}

/** The single 32-byte word of a one-value result. */
function resultWord(resultHex: string): string {
  const digits = typeof resultHex === 'string' ? resultHex.replace(/^0x/i, '') : '';
  // The node answers "" when there is no contract at the address or the call returns nothing.
  if (digits === '')
    throw new AbiError('empty_result', 'the contract returned no data (is it deployed here?)');
  // Anything but one word (e.g. revert data "08c379a0…") is not the value we asked for.
  if (digits.length !== WORD_HEX_CHARS || !/^[0-9a-fA-F]+$/.test(digits)) {
    throw new AbiError(
      'malformed_result',
      `expected one 32-byte result word, got ${digits.length / 2} bytes`,
    );
  }
  return digits;
}
