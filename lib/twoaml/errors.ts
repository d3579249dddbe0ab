/**
 * 2aml failures (seeds/000 and seeds/003). The error envelope `{statusCode, timestamp, path,
 * error: {message}}` carries no machine code and the docs give the messages as examples only, so a
 * failure's meaning comes from the endpoint that was called and the HTTP status, never from the
 * wording. Where the docs give a status no meaning of its own, the service's message is shown as
 * it is. The UI text and retry advice of each code live here with the feature, not in the kernel.
 */
import { z } from 'zod';
import type { ErrorAdvice, ErrorReader } from '../http';

export const TWOAML_ERROR_CODES = [
  'invalid_credentials',
  'unauthorized',
  'invalid_2fa',
  'invalid_email_token',
  'not_found',
  'idempotency_in_progress',
  'billing_mode_unavailable',
  'rate_limited',
  'unavailable',
  'server_error',
  'bad_request',
] as const;
export type TwoAmlErrorCode = (typeof TWOAML_ERROR_CODES)[number];

/** Each code's text (`errors.twoAml.*` in locales/en.yml) and whether repeating can help. */
export const TWOAML_ERRORS: Record<TwoAmlErrorCode, ErrorAdvice> = {
  invalid_credentials: { key: 'twoAml.invalidCredentials', retry: 'now' },
  unauthorized: { key: 'twoAml.unauthorized', retry: 'now' },
  invalid_2fa: { key: 'twoAml.invalid2fa', retry: 'now' },
  invalid_email_token: { key: 'twoAml.invalidEmailToken', retry: 'never' },
  not_found: { key: 'twoAml.notFound', retry: 'never' },
  idempotency_in_progress: { key: 'twoAml.idempotencyInProgress', retry: 'later' },
  billing_mode_unavailable: { key: 'twoAml.billingModeUnavailable', retry: 'never' },
  rate_limited: { key: 'twoAml.rateLimited', retry: 'later' },
  unavailable: { key: 'twoAml.unavailable', retry: 'later' },
  server_error: { key: 'twoAml.serverError', retry: 'later' },
  bad_request: { key: 'twoAml.badRequest', retry: 'never' },
};

export interface TwoAmlErrorDetails {
  serverMessage?: string;
  /** The path the server reports, without any mount prefix (e.g. `/external/tron-energy/orders`). */
  path?: string;
  timestamp?: string;
}

const envelopeSchema = z.object({
  statusCode: z.number().int().optional(),
  timestamp: z.string().optional(),
  path: z.string().optional(),
  error: z.object({ message: z.string() }),
});

/** The endpoint part of a request path: no namespace, no query (`/auth/login`, `/checks/17`). */
function endpointOf(path: string): string {
  const bare = path.split('?')[0]!.replace(/\/+$/, '');
  const match = /\/external\/(?:tron-energy|aml-wallet-check)(\/.*)$/.exec(bare);
  return match ? match[1]! : bare;
}

/** Endpoints that carry an idempotency key: their 409 is the documented "same key in progress". */
const KEYED_CREATES = ['/orders', '/checks', '/credits/purchases'];

/**
 * The code for a failure of `endpoint` with `status`, as the docs define it; undefined where the docs
 * give that status no meaning of its own (the service's message then says what happened).
 */
export function twoAmlErrorCode(status: number, endpoint: string): TwoAmlErrorCode | undefined {
  const at = endpointOf(endpoint);
  if (status === 400 && at === '/auth/login/2fa') return 'invalid_2fa';
  if (status === 400 && at === '/auth/verify-email/confirm') return 'invalid_email_token';
  // "when login credentials are rejected": whatever the text says.
  if (status === 401) return at === '/auth/login' ? 'invalid_credentials' : 'unauthorized';
  if (status === 403 && at === '/checks') return 'billing_mode_unavailable';
  if (status === 404) return 'not_found';
  if (status === 409 && KEYED_CREATES.includes(at)) return 'idempotency_in_progress';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  // Other 5xx (a proxy's 502/504, a crash's 500) are the server's fault, not the request's.
  if (status >= 500) return 'server_error';
  return undefined;
}

/** The `ErrorReader` of both 2aml namespaces. */
export const readTwoAmlError: ErrorReader = (status, body, path) => {
  if (status < 400) return null;
  const code = twoAmlErrorCode(status, path);
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) {
    // Not the documented envelope (a proxy page, an empty body): the status still says enough.
    const fallback = code ?? 'bad_request';
    return { code: fallback, message: `HTTP ${status}`, details: {}, advice: TWOAML_ERRORS[fallback] };
  }
  const { error, path: reportedPath, timestamp } = envelope.data;
  const details: TwoAmlErrorDetails = { serverMessage: error.message, path: reportedPath, timestamp };
  if (code) return { code, message: error.message, details, advice: TWOAML_ERRORS[code] };
  // No documented meaning: 2aml's own words are the best explanation there is.
  const retry = status === 429 || status >= 500 ? 'later' : 'never';
  return { code: 'bad_request', message: error.message, details, advice: { retry } };
};
