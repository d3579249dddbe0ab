/**
 * The 2aml error envelope `{statusCode, timestamp, path, error: {message}}` carries no machine code,
 * so this is the one place that turns status + documented message into a stable code. Everything
 * else branches on that code. The server's message is kept as the error message and in `details`.
 */
import { z } from 'zod';
import type { ErrorReader } from '../http';

export const TWOAML_ERROR_CODES = [
  'invalid_credentials',
  'unauthorized',
  'insufficient_balance',
  'insufficient_credits',
  'invalid_2fa',
  'invalid_email_token',
  'not_found',
  'idempotency_in_progress',
  'report_not_ready',
  'email_taken',
  'billing_mode_unavailable',
  'rate_limited',
  'unavailable',
  'server_error',
  'bad_request',
] as const;
export type TwoAmlErrorCode = (typeof TWOAML_ERROR_CODES)[number];

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

/** The message table of seeds/000, keyed by status and the message with case and spacing folded. */
const DOCUMENTED_MESSAGES: Record<string, TwoAmlErrorCode> = {
  '400 order request is invalid.': 'bad_request',
  '400 insufficient wallet balance for this order.': 'insufficient_balance',
  '400 two-factor login challenge is invalid or expired.': 'invalid_2fa',
  '400 email verification token is invalid or expired.': 'invalid_email_token',
  '401 authentication is required.': 'unauthorized',
  '401 email or password is incorrect.': 'invalid_credentials',
  '404 order not found.': 'not_found',
  '409 an order with this idempotency key is already being processed.': 'idempotency_in_progress',
  '429 too many requests. please try again shortly.': 'rate_limited',
  '503 tron energy service is temporarily unavailable.': 'unavailable',
};

/**
 * 400s the table does not name exactly. seeds/003 lists only the statuses, so the AML namespace's
 * messages are recognised by the wording the energy table uses for the same condition (a check or a
 * credit purchase the wallet cannot cover reads like the order one).
 */
function codeForMessage400(message: string): TwoAmlErrorCode | undefined {
  if (message.startsWith('insufficient wallet balance')) return 'insufficient_balance';
  if (message.startsWith('no aml credits are available')) return 'insufficient_credits';
  if (message.startsWith('two-factor login challenge')) return 'invalid_2fa';
  if (message.startsWith('email verification token')) return 'invalid_email_token';
  return undefined;
}

/**
 * Failures whose meaning follows from the endpoint the envelope's `path` names: any 400 from the
 * 2FA or e-mail-confirm step is about that code or token; a 409 from register can only be an
 * existing account, and one from a report download a check that is not completed yet.
 */
function codeForPath(status: number, path: string | undefined): TwoAmlErrorCode | undefined {
  if (!path) return undefined;
  if (status === 400 && path.endsWith('/auth/login/2fa')) return 'invalid_2fa';
  if (status === 400 && path.endsWith('/auth/verify-email/confirm')) return 'invalid_email_token';
  if (status === 409 && path.endsWith('/auth/register')) return 'email_taken';
  if (status === 409 && /\/checks\/[^/]+\/report(-summary)?$/.test(path)) return 'report_not_ready';
  return undefined;
}

/** The code for an HTTP status when the message adds nothing (seeds/003's status list). */
function codeForStatus(status: number): TwoAmlErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'billing_mode_unavailable';
  if (status === 404) return 'not_found';
  if (status === 409) return 'idempotency_in_progress';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  // Other 5xx (a proxy's 502/504, a crash's 500) are the server's fault, not the request's.
  if (status >= 500) return 'server_error';
  return 'bad_request';
}

/** Derives the stable code for a 2aml failure from its status, message and reported path. */
export function twoAmlErrorCode(status: number, serverMessage?: string, path?: string): TwoAmlErrorCode {
  const folded = serverMessage?.trim().replace(/\s+/g, ' ').toLowerCase();
  const byMessage =
    folded === undefined
      ? undefined
      : (DOCUMENTED_MESSAGES[`${status} ${folded}`] ??
        (status === 400 ? codeForMessage400(folded) : undefined));
  return byMessage ?? codeForPath(status, path) ?? codeForStatus(status);
}

/** The `ErrorReader` of both 2aml namespaces. */
export const readTwoAmlError: ErrorReader = (status, body) => {
  if (status < 400) return null;
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) {
    // Not the documented envelope (a proxy page, an empty body): the status still says enough.
    return {
      code: codeForStatus(status),
      message: `HTTP ${status}`,
      details: {} satisfies TwoAmlErrorDetails,
    };
  }
  const { error, path, timestamp } = envelope.data;
  const details: TwoAmlErrorDetails = { serverMessage: error.message, path, timestamp };
  return { code: twoAmlErrorCode(status, error.message, path), message: error.message, details };
};
