/** TronZap's error envelope: HTTP 200 with `{code, error}` (plus a stable `key`), as in seeds/002. */

/** The codes of seeds/002, and 20 (transaction not found) which the public SDKs also document. */
export const ZAP_ERRORS = {
  auth: { code: 1, key: 'auth_error', error: 'Authentication error' },
  invalidRequest: { code: 2, key: 'invalid_service_or_params', error: 'Invalid service or parameters' },
  walletNotFound: { code: 5, key: 'wallet_not_found', error: 'Wallet not found' },
  insufficientFunds: { code: 6, key: 'insufficient_funds', error: 'Insufficient funds' },
  invalidAddress: { code: 10, key: 'invalid_tron_address', error: 'Invalid TRON address' },
  invalidAmount: { code: 11, key: 'invalid_amount', error: 'Invalid energy amount' },
  invalidDuration: { code: 12, key: 'invalid_duration', error: 'Invalid duration' },
  transactionNotFound: { code: 20, key: 'transaction_not_found', error: 'Transaction not found' },
  addressNotActivated: { code: 24, key: 'address_not_activated', error: 'Address not activated' },
  addressAlreadyActivated: { code: 25, key: 'address_already_activated', error: 'Address already activated' },
  serviceNotAvailable: { code: 35, key: 'service_not_available', error: 'Service not available' },
  internal: { code: 500, key: 'internal_server_error', error: 'Internal server error' },
} as const;

export type ZapErrorKind = keyof typeof ZAP_ERRORS;

/** A documented failure; the routes answer it with HTTP 200 and `{code, error, key}`. */
export class ZapError extends Error {
  constructor(
    readonly kind: ZapErrorKind,
    /** Replaces the generic text when a more precise one helps (which field, which limit). */
    detail?: string,
  ) {
    super(detail ?? ZAP_ERRORS[kind].error);
    this.name = 'ZapError';
  }

  body(): { code: number; error: string; key: string } {
    const { code, key } = ZAP_ERRORS[this.kind];
    return { code, error: this.message, key };
  }
}
