/**
 * The gateway's failures as problems a merchant can read: every documented code (seeds/004: the
 * common table plus the two wallet errors of `POST /api/partner/wallets`) with its own sentence and
 * retry advice, a VALIDATION_ERROR's `details` placed under the field they name, and the key answers
 * the contract does not document (see `isKeyRejected`). Branches on codes and statuses only.
 */
import { i18n } from '#i18n';
import { z } from 'zod';
import { ServiceError } from '../http';
import type { RetryAdvice } from '../api/error-catalog';
import type { GatewayProblem, PaymentField } from './views';

/** Documented codes, each with how to word it and whether trying again can help. */
const DOCUMENTED: Record<string, RetryAdvice> = {
  VALIDATION_ERROR: 'never',
  PAYMENT_NOT_FOUND: 'never',
  PARTNER_ERROR: 'never',
  WALLET_ERROR: 'never',
  API_LIMIT_EXCEEDED: 'later',
  INSUFFICIENT_WALLETS: 'never',
  // Only a completed payment's postback can be resent: it may complete later.
  PAYMENT_NOT_COMPLETED: 'later',
  WALLET_LIMIT_EXCEEDED: 'never',
  WALLET_EXISTS: 'never',
};

/** Our own codes: no usable set-up, a key the gateway refused, and the transport's failures. */
const OWN: Record<string, RetryAdvice> = {
  not_set_up: 'never',
  key_rejected: 'never',
  network: 'now',
  timeout: 'now',
  malformed_response: 'later',
  unexpected_response: 'later',
  invalid_input: 'never',
};

/** The gateway's field names (snake case, as `details` names them) to the form's. */
const FIELD_OF: Record<string, PaymentField> = {
  transaction_id: 'transactionId',
  asset: 'asset',
  amount_usd: 'amountUsd',
  postback_url: 'postbackUrl',
  address: 'address',
};

const detailsSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const reasonSchema = z.object({ reason: z.string() });
const KEY_REASONS = new Set(['invalid_api_key', 'missing_api_key', 'unauthenticated', 'unauthorized']);

// Keys built from codes are data; the typed `t` is widened for them.
const tk = i18n.t as (key: string, substitutions?: string[]) => string;

/**
 * True when the gateway refused the API key. The contract does not say how: a 401 or 403 (with any
 * body or none), an undocumented `UNAUTHORIZED` code, or PARTNER_ERROR naming the key as its reason
 * are all read as "the key was not accepted".
 */
export function isKeyRejected(error: ServiceError): boolean {
  if (error.status === 401 || error.status === 403 || error.code === 'UNAUTHORIZED') return true;
  if (error.code !== 'PARTNER_ERROR') return false;
  const reason = reasonSchema.safeParse(error.details);
  return reason.success && KEY_REASONS.has(reason.data.reason.toLowerCase());
}

/** The problem a merchant sees for `error` (anything a gateway call threw). */
export function gatewayProblem(error: unknown): GatewayProblem {
  if (!(error instanceof ServiceError)) {
    return { code: 'unknown', message: tk('payments.errors.unknown'), retry: 'never' };
  }
  if (isKeyRejected(error)) {
    return { code: 'key_rejected', message: tk('payments.errors.key_rejected'), retry: 'never' };
  }
  if (error.code === 'VALIDATION_ERROR') return validationProblem(error);
  const documented = DOCUMENTED[error.code];
  if (documented) {
    const seconds = error.retryAfterMs ? String(Math.ceil(error.retryAfterMs / 1000)) : '60';
    return { code: error.code, message: tk(`payments.errors.${error.code}`, [seconds]), retry: documented };
  }
  const own = OWN[error.code];
  if (own) return { code: error.code, message: tk(`payments.errors.${error.code}`), retry: own };
  // An undocumented code: the gateway's own words, retried later only when the status says so.
  const retry: RetryAdvice = error.status === 429 || error.status >= 500 ? 'later' : 'never';
  return {
    code: error.code,
    message: tk('payments.errors.undocumented', [error.message || error.code]),
    retry,
  };
}

/** VALIDATION_ERROR: each `details` entry under its field; the rest in the message. */
function validationProblem(error: ServiceError): GatewayProblem {
  const details = detailsSchema.safeParse(error.details);
  const fields: Partial<Record<PaymentField, string>> = {};
  const unplaced: string[] = [];
  if (details.success) {
    for (const [name, text] of Object.entries(details.data)) {
      const sentence = Array.isArray(text) ? text.join(' ') : text;
      const field = FIELD_OF[name];
      if (field) fields[field] = sentence;
      else unplaced.push(`${name}: ${sentence}`);
    }
  }
  const base = tk('payments.errors.VALIDATION_ERROR');
  const extra =
    unplaced.length > 0 ? unplaced.join(' ') : Object.keys(fields).length === 0 ? error.message : '';
  return {
    code: 'VALIDATION_ERROR',
    message: extra && extra !== 'VALIDATION_ERROR' ? `${base} ${extra}` : base,
    retry: 'never',
    fields,
  };
}

/** The problem of a page that asks before any gateway is set up (or after its key stopped matching). */
export function notSetUpProblem(): GatewayProblem {
  return { code: 'not_set_up', message: tk('payments.errors.not_set_up'), retry: 'never' };
}
