import { hexToBytes } from '@noble/hashes/utils.js';
import { toBase58Address } from './address';
import { MAX_EXPIRATION_MS } from './constants';
import { recoverSigner } from './crypto';
import type { SignedTransaction } from './transaction';

export type AdmissionCode =
  'SIGERROR' | 'DUP_TRANSACTION_ERROR' | 'TAPOS_ERROR' | 'TRANSACTION_EXPIRATION_ERROR';

/** What the node knows when a transaction arrives, before it runs the contract. */
export interface AdmissionContext {
  isKnown(txid: string): boolean;
  /** The ref_block_hash of the recent block whose number ends in `refBlockBytes`. */
  refBlockHash(refBlockBytes: string): string | undefined;
  headBlockTimeMs: number;
}

/** java-tron's checks before execution, in its order: duplicate, TaPoS, expiration, signatures. */
export function admissionProblem(
  ctx: AdmissionContext,
  tx: SignedTransaction,
): { code: AdmissionCode; message: string } | undefined {
  const { raw } = tx;
  if (ctx.isKnown(tx.txid)) return { code: 'DUP_TRANSACTION_ERROR', message: 'Dup transaction.' };
  if (ctx.refBlockHash(raw.refBlockBytes) !== raw.refBlockHash) {
    return {
      code: 'TAPOS_ERROR',
      message: `Tapos check error: ref block ${raw.refBlockBytes}/${raw.refBlockHash} is unknown`,
    };
  }
  const head = ctx.headBlockTimeMs;
  if (raw.expiration <= head || raw.expiration > head + MAX_EXPIRATION_MS) {
    return {
      code: 'TRANSACTION_EXPIRATION_ERROR',
      message: `Transaction expired: expiration is ${raw.expiration}, head block time is ${head}`,
    };
  }
  const signatureProblem = checkSignatures(tx);
  if (signatureProblem) return { code: 'SIGERROR', message: `Validate signature error: ${signatureProblem}` };
  return undefined;
}

/** Every signature must recover to the owner; default accounts have one key in every permission. */
function checkSignatures(tx: SignedTransaction): string | undefined {
  const { raw, txid, signatures } = tx;
  if (signatures.length === 0) return 'miss sig or contract';
  // Default accounts: owner permission (id 0) and active permission (id 2) both hold the owner key alone.
  if (raw.permissionId !== 0 && raw.permissionId !== 2)
    return `permission isn't exit, id ${raw.permissionId}`;
  const digest = hexToBytes(txid);
  const seen = new Set<string>();
  for (const signature of signatures) {
    const signer = recoverSigner(digest, signature);
    if (!signer) return 'Signature size is 65';
    if (seen.has(signer)) return `${toBase58Address(signer)} has signed twice!`;
    seen.add(signer);
    if (signer !== raw.contract.owner) {
      return `${signature} is signed by ${toBase58Address(signer)} but it is not contained of permission.`;
    }
  }
  return undefined;
}
