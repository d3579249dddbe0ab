/**
 * Every documented error code of every service family, with the UI string that explains it and
 * whether repeating the request can help. Pure data, so the tables can be checked in tests
 * (every code has an entry, every entry a string in `locales/en.yml`) without a browser.
 *
 * `retry`: `now` — the user can try again at once (usually after fixing what they typed);
 * `later` — the same request may succeed after a wait (rate limits, outages, a chain that has not
 * caught up); `never` — repeating it as it is cannot succeed.
 */
import type { ServiceName } from '../http';

export type RetryAdvice = 'never' | 'later' | 'now';

export interface ErrorEntry {
  /** The key under `errors.` in locales/en.yml. */
  key: string;
  retry: RetryAdvice;
}

const entry = (key: string, retry: RetryAdvice): ErrorEntry => ({ key, retry });

/** Failures of the transport itself, or of our own input checks, for any service. */
export const TRANSPORT_ERRORS: Record<string, ErrorEntry> = {
  network: entry('transport.network', 'now'),
  timeout: entry('transport.timeout', 'now'),
  malformed_response: entry('transport.malformedResponse', 'later'),
  unexpected_response: entry('transport.unexpectedResponse', 'later'),
  http_error: entry('transport.httpError', 'later'),
  invalid_input: entry('transport.invalidInput', 'never'),
};

/** Documented codes per family (see each client's `…_ERROR_CODES`). */
export const SERVICE_ERRORS: Partial<Record<ServiceName, Record<string, ErrorEntry>>> = {
  // 2aml's codes travel on its errors (lib/twoaml/errors.ts); TronNRG's are read by endpoint and
  // status in lib/energy/tronnrg-client.ts.
  tronzap: {
    '1': entry('tronZap.authentication', 'never'),
    '2': entry('tronZap.invalidRequest', 'never'),
    '5': entry('tronZap.walletNotFound', 'never'),
    '6': entry('tronZap.insufficientFunds', 'never'),
    '10': entry('tronZap.invalidAddress', 'never'),
    '11': entry('tronZap.invalidEnergyAmount', 'never'),
    '12': entry('tronZap.invalidDuration', 'never'),
    '20': entry('tronZap.transactionNotFound', 'never'),
    '24': entry('tronZap.addressNotActivated', 'never'),
    '25': entry('tronZap.addressAlreadyActivated', 'never'),
    '35': entry('tronZap.serviceNotAvailable', 'later'),
    '50': entry('tronZap.invalidBandwidthAmount', 'never'),
    '500': entry('tronZap.internal', 'later'),
    rate_limited: entry('tronZap.rateLimited', 'later'),
  },
  gateway: {
    VALIDATION_ERROR: entry('gateway.validation', 'never'),
    PAYMENT_NOT_FOUND: entry('gateway.paymentNotFound', 'never'),
    PARTNER_ERROR: entry('gateway.partner', 'never'),
    WALLET_ERROR: entry('gateway.wallet', 'never'),
    API_LIMIT_EXCEEDED: entry('gateway.apiLimitExceeded', 'later'),
    INSUFFICIENT_WALLETS: entry('gateway.insufficientWallets', 'never'),
    PAYMENT_NOT_COMPLETED: entry('gateway.paymentNotCompleted', 'later'),
    WALLET_LIMIT_EXCEEDED: entry('gateway.walletLimitExceeded', 'never'),
    WALLET_EXISTS: entry('gateway.walletExists', 'never'),
    UNAUTHORIZED: entry('gateway.unauthorized', 'never'),
  },
  'tron-node': {
    node_error: entry('tronNode.nodeError', 'never'),
    constant_call_failed: entry('tronNode.constantCallFailed', 'later'),
    rate_limited: entry('tronNode.rateLimited', 'later'),
    unavailable: entry('tronNode.unavailable', 'later'),
  },
};

/** For a code a family did not document (a newer server), by how the HTTP status reads. */
export function fallbackEntry(status: number): ErrorEntry {
  if (status === 429 || status >= 500) return entry('unknownLater', 'later');
  return entry('unknown', 'never');
}

/** Anything that is not a `ServiceError` (a bug, a browser API failure). */
export const UNKNOWN_ERROR: ErrorEntry = entry('unknown', 'never');

/** The entry for a service failure: the family's own code first, then the transport's, then by status. */
export function errorEntryFor(service: ServiceName, code: string, status: number): ErrorEntry {
  return SERVICE_ERRORS[service]?.[code] ?? TRANSPORT_ERRORS[code] ?? fallbackEntry(status);
}
