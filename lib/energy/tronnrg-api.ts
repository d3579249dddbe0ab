/**
 * The TronNRG client (seeds/001): read `pay_to`, pay TRX there, sign `{tx_hash}:{delegate_to}`, then
 * claim with `POST /delegate`. `cost` and `refund.amount` arrive as JSON numbers; they leave the
 * schemas as `{trx, sun}` (exact decimal text and bigint), never as a JS number.
 */
import { z } from 'zod';
import { createHttpClient, type ErrorReader, type HttpClientOptions } from '../http';
import { trxAmount, trxWireAmount } from '../api/amounts';
import { tronAddress, txHash } from '../api/common-schemas';
import { parseInput } from '../api/input';

/** Documented bounds, used when `/supply` does not state them (only `pay_to` is documented there). */
export const TRONNRG_MIN_PAYMENT_SUN = 4_000_000n;
export const TRONNRG_MAX_PAYMENT_SUN = 1_000_000_000n;
export const TRONNRG_ENERGY_PER_TRX = 16_250;

export const TRONNRG_ERROR_CODES = [
  'invalid_tx_hash',
  'invalid_address',
  'missing_signature',
  'invalid_signature',
  'signature_mismatch',
  'hash_already_used',
  'payment_verification_failed',
  'delegation_failed',
  'rate_limited',
  'server_error',
] as const;
export type TronNrgErrorCode = (typeof TRONNRG_ERROR_CODES)[number];

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

/** `GET /supply`, with the documented fallbacks for everything but `pay_to`. */
export const supplySchema = z
  .object({
    pay_to: tronAddress,
    energy_per_trx: z.number().int().positive().optional(),
    min_trx: trxWireAmount.optional(),
    max_trx: trxWireAmount.optional(),
    available: z.boolean().optional(),
  })
  .transform((supply) => {
    const minPaymentSun = supply.min_trx ?? TRONNRG_MIN_PAYMENT_SUN;
    const maxPaymentSun = supply.max_trx ?? TRONNRG_MAX_PAYMENT_SUN;
    const energyPerTrx = supply.energy_per_trx ?? TRONNRG_ENERGY_PER_TRX;
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

/** The refund announced with a `delegation_failed` after the payment was verified. */
export const queuedRefundSchema = z.object({ type: z.string(), to: z.string(), amount: trxAmount });
export type TronNrgRefund = z.output<typeof queuedRefundSchema>;

/** What a TronNRG `ServiceError` carries in `details`. */
export interface TronNrgErrorDetails {
  ref?: string;
  refund?: TronNrgRefund;
}

const errorSchema = z.object({
  error: z.string().min(1),
  message: z.string().optional(),
  ref: z.string().optional(),
  refund: z.unknown().optional(),
});

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
  const details: TronNrgErrorDetails = { ref, refund: queued.success ? queued.data : undefined };
  return { code: error, message: message ?? error, details };
};

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
