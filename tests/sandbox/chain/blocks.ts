import { concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { signDigest } from './crypto';

/** A sealed block. `id` is TRON's block id: the 8-byte number followed by 24 bytes of the header hash. */
export interface BlockRecord {
  number: number;
  id: string;
  parentHash: string;
  timestamp: number;
  txids: string[];
  txTrieRoot: string;
  /** Hex address of the producing witness. */
  witness: string;
  witnessSignature: string;
}

const ZERO_HASH = '0'.repeat(64);

/** Merkle root of the txids (pairwise sha256, an odd last node carried up), as TRON's txTrieRoot. */
function merkleRoot(txids: string[]): string {
  if (txids.length === 0) return ZERO_HASH;
  let level: Uint8Array[] = txids.map((id) => hexToBytes(id));
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] as Uint8Array;
      const right = level[i + 1];
      next.push(right ? sha256(concatBytes(left, right)) : left);
    }
    level = next;
  }
  return bytesToHex(level[0] as Uint8Array);
}

/** Seals a block on top of `parent` (undefined for genesis), signed by the witness key. */
export function sealBlock(
  parent: BlockRecord | undefined,
  timestamp: number,
  txids: string[],
  witness: { hexAddress: string; privateKey: string },
): BlockRecord {
  const number = parent ? parent.number + 1 : 0;
  const parentHash = parent?.id ?? ZERO_HASH;
  const txTrieRoot = merkleRoot(txids);
  // The header hash covers what identifies the block; clients never re-derive it.
  const headerHash = sha256(
    utf8ToBytes(`${number}|${timestamp}|${parentHash}|${txTrieRoot}|${witness.hexAddress}`),
  );
  const id = number.toString(16).padStart(16, '0') + bytesToHex(headerHash).slice(16);
  return {
    number,
    id,
    parentHash,
    timestamp,
    txids,
    txTrieRoot,
    witness: witness.hexAddress,
    witnessSignature: signDigest(headerHash, witness.privateKey),
  };
}

/** TaPoS reference of a block: the low 2 bytes of its number and bytes 8..16 of its id. */
export function taposOf(block: BlockRecord): { refBlockBytes: string; refBlockHash: string } {
  return {
    refBlockBytes: (block.number & 0xffff).toString(16).padStart(4, '0'),
    refBlockHash: block.id.slice(16, 32),
  };
}
