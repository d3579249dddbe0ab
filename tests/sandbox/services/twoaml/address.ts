/** Address formats the 2aml endpoints accept, checked the way the real API would before doing any work. */
import { createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';

const base58check = createBase58check(sha256);

/** True for a base58check TRON address (21 bytes starting with 0x41). */
export function isTronAddress(text: string): boolean {
  if (!/^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(text)) return false;
  try {
    const bytes = base58check.decode(text);
    return bytes.length === 21 && bytes[0] === 0x41;
  } catch {
    return false;
  }
}

/** True for a 0x-prefixed 20-byte hex address (Ethereum, BSC). */
export function isEvmAddress(text: string): boolean {
  return /^0x[0-9a-fA-F]{40}$/.test(text);
}

/** The screening networks the sandbox supports, with the address check of each. */
export const SCREENING_NETWORKS = {
  tron: isTronAddress,
  ethereum: isEvmAddress,
  bsc: isEvmAddress,
} as const;

export type ScreeningNetwork = keyof typeof SCREENING_NETWORKS;

/** True when `network` is a supported screening network. */
export function isScreeningNetwork(network: string): network is ScreeningNetwork {
  return Object.hasOwn(SCREENING_NETWORKS, network);
}
