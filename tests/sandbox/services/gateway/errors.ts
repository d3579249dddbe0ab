/** The gateway's error envelope `{error, message, details?}` with the documented codes and statuses. */

/** Documented codes with their HTTP status; the two wallet codes have none documented, so 400 like WALLET_ERROR. */
export const GATEWAY_ERROR_STATUS = {
  VALIDATION_ERROR: 422,
  PAYMENT_NOT_FOUND: 404,
  PARTNER_ERROR: 400,
  WALLET_ERROR: 400,
  API_LIMIT_EXCEEDED: 503,
  INSUFFICIENT_WALLETS: 400,
  PAYMENT_NOT_COMPLETED: 400,
  WALLET_LIMIT_EXCEEDED: 400,
  WALLET_EXISTS: 400,
} as const;

export type GatewayErrorCode = keyof typeof GATEWAY_ERROR_STATUS;

/** Field name → messages, as `details` of a VALIDATION_ERROR. */
export type FieldErrors = Record<string, string[]>;

/** A documented failure; the routes write it as the envelope with its status. */
export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }

  get status(): (typeof GATEWAY_ERROR_STATUS)[GatewayErrorCode] {
    return GATEWAY_ERROR_STATUS[this.code];
  }

  body(): Record<string, unknown> {
    return { error: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/** A VALIDATION_ERROR listing what is wrong with each field. */
export function validationError(fields: FieldErrors): GatewayError {
  return new GatewayError('VALIDATION_ERROR', 'The given data was invalid.', fields);
}
