/** The 2aml error envelope `{statusCode, timestamp, path, error: {message}}` and the messages both namespaces use. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const TWOAML_PREFIX = '/2aml';

/** Documented (or, where the contract is silent, chosen) error messages; clients branch on the status code. */
export const MESSAGES = {
  authRequired: 'Authentication is required.',
  badCredentials: 'Email or password is incorrect.',
  challengeInvalid: 'Two-factor login challenge is invalid or expired.',
  verificationTokenInvalid: 'Email verification token is invalid or expired.',
  rateLimited: 'Too many requests. Please try again shortly.',
  registrationInvalid: 'Registration request is invalid.',
  passwordTooShort: 'Password must be at least 6 characters long.',
  emailTaken: 'An account with this email address already exists.',
  loginInvalid: 'Login request is invalid.',
  requestInvalid: 'Request is invalid.',
  paginationInvalid: 'Pagination parameters are invalid.',
  orderInvalid: 'Order request is invalid.',
  quoteInvalid: 'Quote request is invalid.',
  orderInsufficientBalance: 'Insufficient wallet balance for this order.',
  orderNotFound: 'Order not found.',
  orderIdempotencyBusy: 'An order with this idempotency key is already being processed.',
  orderIdempotencyMismatch: 'This idempotency key was already used for a different order request.',
  orderIdTaken: 'An order with this orderId already exists.',
  energyUnavailable: 'TRON energy service is temporarily unavailable.',
  topupInvalid: 'Top-up reconciliation request is invalid.',
  topupTxNotFound: 'Transaction was not found on the TRON network.',
  topupTxPending: 'Transaction is not confirmed yet. Try again after it is confirmed.',
  topupTxFailed: 'Transaction failed on the TRON network and cannot be credited.',
  topupNotToDeposit: 'Transaction is not a TRX transfer to your deposit address.',
  topupBelowMinimum: 'Transfer amount is below the minimum deposit of 1.000000 TRX.',
  checkInvalid: 'AML wallet check request is invalid.',
  checkLanguageInvalid: 'reportLanguage must be one of en, fa, ru, zh, ur, tr, ar, ps.',
  checkAddressInvalid: 'targetWallet is not a valid address for targetNetwork.',
  checkNotFound: 'Wallet check not found.',
  checkNotReady: 'The wallet check is not completed, so no report is available.',
  checkIdempotencyBusy: 'A wallet check with this idempotency key is already being processed.',
  checkIdempotencyMismatch: 'This idempotency key was already used for a different wallet check request.',
  checkNoCredits: 'No AML credits are available for this check.',
  checkInsufficientBalance: 'Insufficient wallet balance for this check.',
  checkNoFunds: 'No AML credits are available and the wallet balance does not cover this check.',
  creditPackDisabled: 'Credit-pack billing is currently unavailable.',
  walletBillingDisabled: 'Wallet-balance billing is currently unavailable.',
  billingUnavailable: 'No billing mode is currently available for wallet checks.',
  amlUnavailable: 'AML wallet check service is temporarily unavailable.',
  purchaseInvalid: 'Credit purchase request is invalid.',
  purchaseInsufficientBalance: 'Insufficient wallet balance for this credit purchase.',
  purchaseIdempotencyBusy: 'A credit purchase with this idempotency key is already being processed.',
  purchaseIdempotencyMismatch: 'This idempotency key was already used for a different credit purchase.',
  creditHistoryInvalid: 'Credit history request is invalid.',
} as const;

/** An error a handler throws; `app.onError` turns it into the documented envelope. */
export class TwoAmlError extends Error {
  constructor(
    readonly statusCode: ContentfulStatusCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'TwoAmlError';
  }
}

/** The request path as the production API reports it: without the sandbox's `/2aml` mount prefix. */
export function publicPath(c: Context): string {
  const path = new URL(c.req.url).pathname;
  return path.startsWith(`${TWOAML_PREFIX}/`) ? path.slice(TWOAML_PREFIX.length) : path;
}

/** Writes the envelope for `statusCode` and `message`. */
export function errorResponse(
  c: Context,
  nowMs: number,
  statusCode: ContentfulStatusCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.json(
    { statusCode, timestamp: new Date(nowMs).toISOString(), path: publicPath(c), error: { message } },
    statusCode,
  );
}
