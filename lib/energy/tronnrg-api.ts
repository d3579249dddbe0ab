/**
 * The TronNRG client (seeds/001): read `pay_to`, pay TRX there, sign `{tx_hash}:{delegate_to}`, then
 * claim with `POST /delegate`. `cost` and `refund.amount` arrive as JSON numbers; they leave the
 * schemas as `{trx, sun}` (exact decimal text and bigint), never as a JS number.
 */
import { z } from 'zod';
import { createHttpClient, type HttpClientOptions } from '../http';
import { trxAmount, trxWireAmount } from '../api/amounts';
import { tronAddress, txHash } from '../api/common-schemas';
import { parseInput } from '../api/input';
import { readTronNrgError } from './tronnrg-errors';

export {
  queuedRefundSchema,
  TRONNRG_ERROR_CODES,
  type TronNrgErrorCode,
  type TronNrgErrorDetails,
  type TronNrgRefund,
} from './tronnrg-errors';

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
