/**
 * The error values TronLink gives pages. TIP-1193 requests reject with `{code, message}` errors; the
 * legacy `tronLink.request` resolves with `{code, message}`; TronWeb signing rejects with a bare
 * string, which is what real TronLink does (dapps compare `error === 'Confirmation declined by user'`).
 */

/** What TronLink rejects `tronWeb.trx.sign*` with when the user declines (a string, not an Error). */
export const DECLINED_BY_USER = 'Confirmation declined by user';

/** TIP-1193 / EIP-1193 error codes the emulator uses. */
export const ProviderErrorCode = {
  userRejected: 4001,
  unsupportedMethod: 4200,
  invalidParams: -32602,
  requestPending: -32002,
  /** TronLink's answer to `eth_requestAccounts` while it is locked: retry after unlocking. */
  walletLocked: -32000,
  unknownChain: 4902,
} as const;

export interface ProviderRpcError extends Error {
  code: number;
}

/** A TIP-1193 provider error. */
export function providerError(code: number, message: string): ProviderRpcError {
  return Object.assign(new Error(message), { name: 'ProviderRpcError', code });
}

/** Legacy `tron_requestAccounts` answers (TronLink resolves these, it never rejects). */
export const LegacyAnswer = {
  approved: { code: 200, message: 'User allowed the request.' },
  alreadyConnected: { code: 200, message: 'The site is already in the whitelist' },
  pending: { code: 4000, message: 'Authorization requests are being processed, please do not resubmit' },
  rejected: { code: 4001, message: 'User rejected the request' },
} as const;
