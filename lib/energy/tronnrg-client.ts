/**
 * The TronNRG client (seeds/001): its endpoints and answer schemas, and its documented error codes
 * read by endpoint and status. Free of texts (tronnrg-problems.ts words them), so the sandbox and
 * its tests can import it without the extension's i18n.
 */

import { z } from 'zod';
import { type ErrorReader, type ServiceError, createHttpClient, type HttpClientOptions } from '../http';
import { trxAmount, trxWireAmount } from '../api/amounts';
import type { RetryAdvice } from '../api/error-catalog';
import { tronAddress, txHash } from '../api/common-schemas';
import { parseInput } from '../api/input';

/*
 * TronNRG's error codes as seeds/001 documents them ("Error Codes", "Refunds", and the pricing text:
 * "amounts below the minimum are rejected with below_minimum and refunded"), read by endpoint, HTTP
 * status and code. A code the docs do not list for that endpoint and status is not guessed at: the
 * service's own message is shown instead.
 */
export const TRONNRG_ERROR_CODES = [
  'invalid_tx_hash',
  'invalid_address',
  'missing_signature',
  'invalid_signature',
  'signature_mismatch',
  'hash_already_used',
  'payment_verification_failed',
  'delegation_failed',
  'below_minimum',
  'rate_limited',
  'server_error',
] as const;
export type TronNrgErrorCode = (typeof TRONNRG_ERROR_CODES)[number];

/** The endpoints whose answers are read here. */
export type TronNrgEndpoint = '/delegate' | '/supply' | '/health';

interface Documented {
  /** The statuses the docs give for the code; `4xx` where they give none (below_minimum). */
  statuses: readonly number[] | '4xx';
  /** Only `POST /delegate` documents codes of its own; rate limits and outages can come from any. */
  delegateOnly: boolean;
  /** The key under `errors.tronNrg.` in locales/en.yml. */
  key: string;
  retry: RetryAdvice;
}

const documented = (
  statuses: Documented['statuses'],
  key: string,
  retry: RetryAdvice,
  delegateOnly = true,
): Documented => ({ statuses, key, retry, delegateOnly });

/** seeds/001, "Error Codes": code → HTTP status(es), what it means for a retry. */
export const TRONNRG_ERRORS: Record<TronNrgErrorCode, Documented> = {
  invalid_tx_hash: documented([400], 'invalidTxHash', 'never'),
  invalid_address: documented([400], 'invalidAddress', 'never'),
  missing_signature: documented([400], 'missingSignature', 'never'),
  invalid_signature: documented([401], 'invalidSignature', 'never'),
  signature_mismatch: documented([403], 'signatureMismatch', 'never'),
  hash_already_used: documented([409], 'hashAlreadyUsed', 'never'),
  // 404: not indexed yet (wait and retry); 400: wrong recipient, not a TRX transfer, below minimum.
  payment_verification_failed: documented([404, 400], 'paymentVerificationFailed', 'later'),
  // A refund is queued when the payment was verified; claiming again cannot deliver.
  delegation_failed: documented([400, 500], 'delegationFailed', 'never'),
  // Named in the pricing text with no status: any refusal status reads as documented.
  below_minimum: documented('4xx', 'belowMinimum', 'never'),
  rate_limited: documented([429], 'rateLimited', 'later', false),
  server_error: documented([500], 'serverError', 'later', false),
};

/** The documented entry for `code` answered by `endpoint` with `status`, or null when the docs have none. */
export function documentedTronNrgError(
  endpoint: TronNrgEndpoint,
  status: number,
  code: string,
): (Documented & { code: TronNrgErrorCode }) | null {
  if (!Object.hasOwn(TRONNRG_ERRORS, code)) return null;
  const entry = TRONNRG_ERRORS[code as TronNrgErrorCode];
  if (entry.delegateOnly && endpoint !== '/delegate') return null;
  const statusFits =
    entry.statuses === '4xx' ? status >= 400 && status < 500 : entry.statuses.includes(status);
  return statusFits ? { ...entry, code: code as TronNrgErrorCode } : null;
}

/** The refund announced with a failure after the payment was verified (seeds/001, "Refunds"). */
export const queuedRefundSchema = z.object({ type: z.string(), to: z.string(), amount: trxAmount });
export type TronNrgRefund = z.output<typeof queuedRefundSchema>;

/** What a TronNRG `ServiceError` carries in `details`. */
export interface TronNrgErrorDetails {
  ref?: string;
  refund?: TronNrgRefund;
  /** True when the answer had a `refund` object at all, even one whose fields do not parse. */
  refundAnnounced?: boolean;
}

const errorSchema = z.object({
  error: z.string().min(1),
  message: z.string().optional(),
  ref: z.string().optional(),
  refund: z.unknown().optional(),
});

/** The longest service message shown as it came (a server's text is shown, never trusted further). */
const MAX_SERVICE_MESSAGE = 300;

/** Reads `{error, message, ref?, refund?}`; `error` is the code (switch on it, never on `message`). */
export const readTronNrgError: ErrorReader = (status, body) => {
  const parsed = errorSchema.safeParse(body);
  if (!parsed.success) {
    if (status < 400) return null;
    // No envelope (a proxy page): the documented code for the status, where there is one.
    const code = status === 429 ? 'rate_limited' : status >= 500 ? 'server_error' : 'http_error';
    return { code, message: `HTTP ${status}` };
  }
  const { error, message, ref, refund } = parsed.data;
  const queued = queuedRefundSchema.safeParse(refund);
  const details: TronNrgErrorDetails = {
    ref,
    refund: queued.success ? queued.data : undefined,
    refundAnnounced: refund !== undefined && refund !== null,
  };
  return { code: error, message: (message ?? error).slice(0, MAX_SERVICE_MESSAGE), details };
};

/** The refund details of a TronNRG error, when it carries any. */
export function tronNrgErrorDetails(error: ServiceError): TronNrgErrorDetails {
  return error.service === 'tronnrg' && error.details ? (error.details as TronNrgErrorDetails) : {};
}

/** Transport codes: nothing (or nothing readable) came back, so whether the call went through is unknown. */
const LOST_ANSWER = new Set(['network', 'timeout', 'malformed_response', 'unexpected_response']);

/**
 * What a failed `POST /delegate` means (seeds/001). Only 429, 5xx, a lost or unreadable answer and
 * `payment_verification_failed` are worth repeating; a refusal carrying a refund, or `below_minimum`,
 * is a refund; a documented refusal is final; any other 4xx is final with TronNRG's own code and text.
 */
export type ClaimFailure =
  | { kind: 'refund'; code: string }
  | { kind: 'not_indexed'; status: number }
  | { kind: 'already_used' }
  | { kind: 'refused'; code: TronNrgErrorCode | 'invalid_input' }
  | { kind: 'transient' }
  | { kind: 'unknown'; code: string; message: string };

/** Classifies a failed claim; branches on status and documented codes only. */
export function classifyClaimFailure(error: ServiceError): ClaimFailure {
  const details = tronNrgErrorDetails(error);
  const refundAnnounced = details.refundAnnounced === true || details.refund !== undefined;
  if (error.code === 'below_minimum' || (error.status >= 400 && refundAnnounced))
    return { kind: 'refund', code: error.code };
  if (error.code === 'invalid_input') return { kind: 'refused', code: 'invalid_input' };
  if (LOST_ANSWER.has(error.code)) return { kind: 'transient' };
  const known = documentedTronNrgError('/delegate', error.status, error.code);
  if (known?.code === 'payment_verification_failed') return { kind: 'not_indexed', status: error.status };
  if (known?.code === 'hash_already_used') return { kind: 'already_used' };
  if (error.status === 429 || error.status >= 500) return { kind: 'transient' };
  if (known) return { kind: 'refused', code: known.code };
  return { kind: 'unknown', code: error.code, message: error.message };
}

/*
 * The TronNRG client (seeds/001): read `pay_to`, pay TRX there, sign `{tx_hash}:{delegate_to}`, then
 * claim with `POST /delegate`. `cost` and `refund.amount` arrive as JSON numbers; they leave the
 * schemas as `{trx, sun}` (exact decimal text and bigint), never as a JS number.
 */
/** Documented bounds, used when `/supply` does not state them (only `pay_to` is documented there). */
export const TRONNRG_MIN_PAYMENT_SUN = 4_000_000n;
export const TRONNRG_MAX_PAYMENT_SUN = 1_000_000_000n;
export const TRONNRG_ENERGY_PER_TRX = 16_250;

/** Energy delegated for a payment: `floor(trx × energyPerTrx)`, computed in sun so nothing rounds early. */
export function energyForPaymentSun(paymentSun: bigint, energyPerTrx = TRONNRG_ENERGY_PER_TRX): number {
  return Number((paymentSun * BigInt(energyPerTrx)) / 1_000_000n);
}

/** The smallest payment in sun that buys at least `energy` (the documented minimum still applies). */
export function paymentSunForEnergy(energy: number, energyPerTrx = TRONNRG_ENERGY_PER_TRX): bigint {
  const perTrx = BigInt(energyPerTrx);
  const sun = (BigInt(Math.ceil(energy)) * 1_000_000n + perTrx - 1n) / perTrx;
  return sun < TRONNRG_MIN_PAYMENT_SUN ? TRONNRG_MIN_PAYMENT_SUN : sun;
}

/** One `/supply` field read on its own: a value of another type voids only that field. */
const optionalField = <S extends z.ZodType>(schema: S) => schema.optional().catch(undefined);

/** A live TRX bound counts only inside the documented terms (4..1,000 TRX); else the documented one. */
function boundWithinTerms(sun: bigint | undefined, fallback: bigint): bigint {
  return sun !== undefined && sun >= TRONNRG_MIN_PAYMENT_SUN && sun <= TRONNRG_MAX_PAYMENT_SUN
    ? sun
    : fallback;
}

/**
 * `GET /supply`. Only `pay_to` is documented (seeds/001), and it decides where money goes: it is
 * strict, and the answer fails without it. The other fields are read one by one (a type clash voids only that
 * field) and used only within the documented terms: `min_trx` / `max_trx` inside 4..1,000 TRX (a
 * minimum above the maximum voids both), `available` as a boolean. The rate is the documented
 * 16,250 energy per TRX whatever `energy_per_trx` says: the docs call pricing "fully linear, no
 * tiers", and another rate would change the TRX paid for the same energy with no bound to check.
 */
export const supplySchema = z
  .looseObject({
    pay_to: tronAddress,
    min_trx: optionalField(trxWireAmount),
    max_trx: optionalField(trxWireAmount),
    available: optionalField(z.boolean()),
  })
  .transform((supply) => {
    let minPaymentSun = boundWithinTerms(supply.min_trx, TRONNRG_MIN_PAYMENT_SUN);
    let maxPaymentSun = boundWithinTerms(supply.max_trx, TRONNRG_MAX_PAYMENT_SUN);
    if (minPaymentSun > maxPaymentSun) {
      minPaymentSun = TRONNRG_MIN_PAYMENT_SUN;
      maxPaymentSun = TRONNRG_MAX_PAYMENT_SUN;
    }
    // `energy_per_trx` is never taken from the answer: the only rate within the terms is the documented one.
    const energyPerTrx = TRONNRG_ENERGY_PER_TRX;
    return {
      payTo: supply.pay_to,
      energyPerTrx,
      minPaymentSun,
      maxPaymentSun,
      minEnergy: energyForPaymentSun(minPaymentSun, energyPerTrx),
      maxEnergy: energyForPaymentSun(maxPaymentSun, energyPerTrx),
      // "Energy is always available" (seeds/001); only an explicit false says otherwise.
      available: supply.available ?? true,
    };
  });
export type TronNrgSupply = z.output<typeof supplySchema>;

export const healthSchema = z.object({ status: z.string() });

/** `POST /delegate` success: the receipt to keep (`ref` for support, `delegations[].tx` on chain). */
export const delegationSchema = z
  .object({
    ref: z.string().min(1),
    energy: z.number().int().nonnegative(),
    cost: trxAmount,
    status: z.literal('delegated'),
    delegations: z.array(z.looseObject({ tx: z.string().min(1) })),
  })
  .transform(({ delegations, ...rest }) => ({
    ...rest,
    delegations: delegations.map((delegation) => ({
      tx: delegation.tx,
      energy: typeof delegation.energy === 'number' ? delegation.energy : undefined,
    })),
  }));
export type TronNrgDelegation = z.output<typeof delegationSchema>;

const delegateInput = z.object({
  tx_hash: txHash,
  delegate_to: tronAddress,
  signature: z.string().regex(/^(0x)?[0-9a-fA-F]{130}$/),
});

export type TronNrgApiOptions = Pick<HttpClientOptions, 'fetch' | 'sleep' | 'timeoutMs' | 'maxAttempts'> & {
  baseUrl: string;
};

/** Creates the TronNRG client. */
export function createTronNrgApi(options: TronNrgApiOptions) {
  const http = createHttpClient({ service: 'tronnrg', readError: readTronNrgError, ...options });
  return {
    /** `GET /supply`: the payment address and the live bounds. */
    supply: () => http.request({ path: '/supply', schema: supplySchema }),
    /** `GET /health`: liveness only. */
    health: () => http.request({ path: '/health', schema: healthSchema }),
    /**
     * `POST /delegate`. Safe to repeat: a hash is claimed once, so a retry of a claim that went
     * through answers `hash_already_used` instead of delegating twice.
     */
    delegate: async (input: z.input<typeof delegateInput>) =>
      http.request({
        method: 'POST',
        path: '/delegate',
        body: parseInput('tronnrg', delegateInput, input),
        idempotent: true,
        schema: delegationSchema,
      }),
  };
}

export type TronNrgApi = ReturnType<typeof createTronNrgApi>;
