/** TronNRG's error envelope `{error, message}` (plus `ref` and `refund` where documented). */
import type { JsonDecimal } from './json-decimal';

export type NrgErrorCode =
  | 'invalid_tx_hash'
  | 'invalid_address'
  | 'missing_signature'
  | 'invalid_signature'
  | 'signature_mismatch'
  | 'hash_already_used'
  | 'payment_verification_failed'
  | 'delegation_failed'
  | 'below_minimum'
  | 'rate_limited'
  | 'server_error';

export type NrgErrorStatus = 400 | 401 | 403 | 404 | 409 | 429 | 500;

/** The refund announced with a failure after the payment was verified; `amount` is TRX. */
export interface QueuedRefund {
  type: 'queued';
  to: string;
  amount: JsonDecimal;
}

/** A documented failure; the routes turn it into the envelope with its HTTP status. */
export class NrgError extends Error {
  constructor(
    readonly code: NrgErrorCode,
    readonly status: NrgErrorStatus,
    message: string,
    readonly extra: { ref?: string; refund?: QueuedRefund } = {},
  ) {
    super(message);
    this.name = 'NrgError';
  }

  /** The response body: `{error, message}` plus `ref`/`refund` when present. */
  body(): Record<string, unknown> {
    return { error: this.code, message: this.message, ...this.extra };
  }
}
