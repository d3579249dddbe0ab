/**
 * TRON "V2" message signatures (TronLink's `signMessageV2`) checked without TronWeb: the hash
 * TronWeb signs, and recovery of the signer's address from a 65-byte signature. TronNRG's claim
 * (`{tx_hash}:{delegate_to}` signed by the payer) is the reason this exists.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { addressFromBody, isTronAddress } from './address';

const MESSAGE_PREFIX = '\x19TRON Signed Message:\n';
const SIGNATURE_HEX = /^(?:0x)?([0-9a-fA-F]{130})$/;
// A surrogate without its partner; String#isWellFormed says the same but needs Chrome 111.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * keccak256 of `"\x19TRON Signed Message:\n" + byteLength + message`, the message in UTF-8, as
 * TronWeb hashes it. Throws on a string with a lone surrogate: it has no UTF-8 form (TronWeb throws
 * on some and hashes others as invalid UTF-8; TronLink users cannot type either).
 */
export function hashMessageV2(message: string): Uint8Array {
  if (LONE_SURROGATE.test(message)) {
    throw new TypeError('message contains a lone surrogate and has no UTF-8 form');
  }
  const body = utf8ToBytes(message);
  return keccak_256(concatBytes(utf8ToBytes(`${MESSAGE_PREFIX}${body.length}`), body));
}

/**
 * The base58 address that signed `message`, or null when the signature is malformed or recovers
 * no key. The signature is `0x` (optional) + 130 hex: r, s, then v as 27/28 or 0/1.
 *
 * The rules follow TronWeb (ethers) so both sides agree on every signature: s with its top bit set
 * is refused as non-canonical, which refuses all high-s signatures but a sliver just above n/2.
 * EIP-155 v values (35+) and 64-byte compact signatures, which TronWeb also reads, are refused:
 * TronLink never produces them. A message with a lone surrogate names nobody: it has no UTF-8 form.
 */
export function recoverMessageSignerV2(message: string, signature: string): string | null {
  const match = typeof signature === 'string' ? SIGNATURE_HEX.exec(signature) : null;
  if (!match?.[1] || typeof message !== 'string' || LONE_SURROGATE.test(message)) return null;
  const bytes = hexToBytes(match[1].toLowerCase());
  const v = bytes[64]!;
  const recoveryBit = v === 27 || v === 28 ? v - 27 : v === 0 || v === 1 ? v : null;
  if (recoveryBit === null || bytes[32]! >= 0x80) return null;
  try {
    const publicKey = secp256k1.Signature.fromBytes(bytes.subarray(0, 64), 'compact')
      .addRecoveryBit(recoveryBit)
      .recoverPublicKey(hashMessageV2(message))
      .toBytes(false);
    // The account is the last 20 bytes of keccak256 over the uncompressed key without its 0x04.
    return addressFromBody(keccak_256(publicKey.subarray(1)).subarray(12));
  } catch {
    // r or s out of range, or no curve point for r: nobody signed this.
    return null;
  }
}

/** True when `signature` over `message` was made by the key of the base58 `address`. */
export function verifyMessageV2(message: string, signature: string, address: string): boolean {
  if (!isTronAddress(address)) return false;
  return recoverMessageSignerV2(message, signature) === address;
}
