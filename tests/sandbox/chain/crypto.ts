import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { toBase58Address } from './address';
import type { KeyPair } from '../world';

/** sha256 as lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** keccak256 as lowercase hex. */
export function keccakHex(bytes: Uint8Array): string {
  return bytesToHex(keccak_256(bytes));
}

/** The hex TRON address (`41…`) of an uncompressed secp256k1 public key. */
export function addressFromPublicKey(publicKey: Uint8Array): string {
  const uncompressed =
    publicKey.length === 65 ? publicKey : secp256k1.Point.fromBytes(publicKey).toBytes(false);
  return '41' + keccakHex(uncompressed.subarray(1)).slice(24);
}

/** The hex address a 32-byte private key controls. */
export function addressFromPrivateKey(privateKeyHex: string): string {
  return addressFromPublicKey(secp256k1.getPublicKey(hexToBytes(privateKeyHex), false));
}

/** A deterministic key for a name: the same name gives the same key on every start. */
export function keypairFor(name: string): KeyPair {
  let seed = sha256(utf8ToBytes(`ampere-sandbox:${name}`));
  // A hash outside the curve order is astronomically rare, but re-hash rather than fail.
  while (!secp256k1.utils.isValidSecretKey(seed)) seed = sha256(seed);
  const privateKey = bytesToHex(seed);
  return { privateKey, address: toBase58Address(addressFromPrivateKey(privateKey)) };
}

/** Signs a 32-byte digest the way TRON wallets do: r ‖ s ‖ v with v = 27 + recovery id. */
export function signDigest(digest: Uint8Array, privateKeyHex: string): string {
  const recovered = secp256k1.sign(digest, hexToBytes(privateKeyHex), {
    prehash: false,
    format: 'recovered',
  });
  const recovery = recovered[0] ?? 0;
  return bytesToHex(concatBytes(recovered.subarray(1), Uint8Array.of(27 + recovery)));
}

/** The hex address that produced a 65-byte TRON signature over `digest`, or null if it does not recover. */
export function recoverSigner(digest: Uint8Array, signatureHex: string): string | null {
  try {
    const bytes = hexToBytes(signatureHex.replace(/^0x/, ''));
    if (bytes.length !== 65) return null;
    const v = bytes[64] ?? 0;
    // Nodes accept v as 27/28 (wallets) or 0/1 (raw recovery id).
    const recovery = v >= 27 ? v - 27 : v;
    if (recovery > 3) return null;
    const signature = secp256k1.Signature.fromBytes(bytes.subarray(0, 64), 'compact').addRecoveryBit(
      recovery,
    );
    return addressFromPublicKey(signature.recoverPublicKey(digest).toBytes(false));
  } catch {
    return null;
  }
}

const TRON_MESSAGE_PREFIX = '\x19TRON Signed Message:\n';

/** The digest `signMessageV2` signs: keccak256 of the TRON prefix, the byte length and the UTF-8 message. */
export function messageDigestV2(message: string): Uint8Array {
  const body = utf8ToBytes(message);
  return keccak_256(concatBytes(utf8ToBytes(TRON_MESSAGE_PREFIX + String(body.length)), body));
}
