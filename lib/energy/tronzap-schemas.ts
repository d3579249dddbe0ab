/**
 * TronZap results (`result` of `{code: 0, result}`). Only `transaction/new` is documented in full
 * (seeds/002); the other shapes follow the public SDKs, which read money as a JSON number or a
 * numeric string, so every amount is accepted in both forms and leaves as `{trx, sun}`.
 */
import { z } from 'zod';
import { formatTrx } from '../tron/units';
import { trxAmount, type TrxAmount } from '../api/amounts';
import { isoTimestamp } from '../api/common-schemas';

export const ZAP_SERVICES = ['energy', 'bandwidth', 'activate_address'] as const;
export type ZapService = (typeof ZAP_SERVICES)[number];
/** `new -> pending -> success | failed`. */
export const ZAP_TRANSACTION_STATUSES = ['new', 'pending', 'success', 'failed'] as const;
export type ZapTransactionStatus = (typeof ZAP_TRANSACTION_STATUSES)[number];

/** True when polling `transaction/check` must stop. */
export function isTerminalZapStatus(status: ZapTransactionStatus): boolean {
  return status === 'success' || status === 'failed';
}

/** One price tier of `/v1/services`; `price` is per 1,000 units. */
const tierSchema = z.object({
  duration: z.number().int().nonnegative(),
  min_amount: z.number().int().nonnegative().optional(),
  max_amount: z.number().int().nonnegative().optional(),
  price: trxAmount.optional(),
});

/** `POST /v1/services`: what is on sale now; a missing service is not on sale. */
export const zapServicesSchema = z
  .object({
    energy: z.array(tierSchema).optional(),
    bandwidth: z.array(tierSchema).optional(),
    activate_address: z.object({ price: trxAmount.optional() }).optional(),
  })
  .transform((services) => {
    const tiers = (list: z.output<typeof tierSchema>[] | undefined) =>
      (list ?? []).map((tier) => ({
        durationHours: tier.duration,
        minAmount: tier.min_amount,
        maxAmount: tier.max_amount,
        pricePerThousand: tier.price,
      }));
    return {
      energy: tiers(services.energy),
      bandwidth: tiers(services.bandwidth),
      activation: services.activate_address ? { price: services.activate_address.price } : undefined,
    };
  });
export type ZapServices = z.output<typeof zapServicesSchema>;

/** `POST /v1/balance`: the prepaid account balance. */
export const zapBalanceSchema = z
  .object({ balance: trxAmount, currency: z.string().optional(), address: z.string().optional() })
  .transform(({ balance, currency, address }) => ({
    balance,
    currency: currency ?? 'TRX',
    depositAddress: address,
  }));
export type ZapBalance = z.output<typeof zapBalanceSchema>;

const priceFields = {
  duration: z.number().int().nonnegative().optional(),
  price: trxAmount,
  activation_fee: trxAmount.optional(),
  total: trxAmount.optional(),
};

/** Fills `activationFee` and `total` when the service leaves them out (no fee; price + fee). */
function priced(fields: { price: TrxAmount; activation_fee?: TrxAmount; total?: TrxAmount }) {
  const activationFee = fields.activation_fee ?? { trx: '0', sun: 0n };
  const totalSun = fields.price.sun + activationFee.sun;
  return {
    price: fields.price,
    activationFee,
    total: fields.total ?? { trx: formatTrx(totalSun), sun: totalSun },
  };
}

/** `POST /v1/calculate`: the price of `amount` energy for `duration` hours to `address`. */
export const zapCalculationSchema = z
  .object({
    address: z.string().optional(),
    amount: z.number().int().nonnegative().optional(),
    energy: z.number().int().nonnegative().optional(),
    ...priceFields,
  })
  .transform((result) => ({
    address: result.address,
    energy: result.amount ?? result.energy,
    durationHours: result.duration,
    ...priced(result),
  }));
export type ZapCalculation = z.output<typeof zapCalculationSchema>;

/** `POST /v1/estimate-energy`: what a token transfer from → to needs, and its rental price. */
export const zapEnergyEstimateSchema = z
  .object({
    from_address: z.string().optional(),
    to_address: z.string().optional(),
    contract_address: z.string().optional(),
    amount: z.number().int().nonnegative().optional(),
    energy: z.number().int().nonnegative().optional(),
    ...priceFields,
  })
  .transform((result) => ({
    fromAddress: result.from_address,
    toAddress: result.to_address,
    contractAddress: result.contract_address,
    energy: result.amount ?? result.energy,
    durationHours: result.duration,
    ...priced(result),
  }));
export type ZapEnergyEstimate = z.output<typeof zapEnergyEstimateSchema>;

/** `POST /v1/address-info`: available resources and balances of an address. */
export const zapAddressInfoSchema = z
  .object({
    address: z.string().optional(),
    activated: z.boolean().optional(),
    resources: z.looseObject({
      energy: z.number().int().nonnegative(),
      bandwidth: z.number().int().nonnegative(),
    }),
    balances: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  })
  .transform((info) => ({
    address: info.address,
    activated: info.activated,
    energy: info.resources.energy,
    bandwidth: info.resources.bandwidth,
    // Both TRX and USDT have 6 decimals on TRON; other tokens are left out rather than guessed.
    balances: {
      trx: readBalance(info.balances?.TRX),
      usdt: readBalance(info.balances?.USDT),
    },
  }));
export type ZapAddressInfo = z.output<typeof zapAddressInfoSchema>;

function readBalance(value: number | string | undefined): TrxAmount | undefined {
  const parsed = trxAmount.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A TronZap transaction, as `transaction/new` and `transaction/check` return it. */
export const zapTransactionSchema = z
  .object({
    id: z.union([z.string().min(1), z.number().int()]).transform(String),
    external_id: z.union([z.string(), z.number().int()]).transform(String).nullish(),
    service: z.enum(ZAP_SERVICES).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    status: z.enum(ZAP_TRANSACTION_STATUSES),
    amount: trxAmount,
    created_at: isoTimestamp.optional(),
    hash: z.string().nullish(),
  })
  .transform((tx) => ({
    id: tx.id,
    externalId: tx.external_id ?? undefined,
    service: tx.service,
    params: tx.params ?? {},
    status: tx.status,
    amount: tx.amount,
    createdAt: tx.created_at,
    // An empty hash means "not settled yet", like a missing one.
    hash: tx.hash || undefined,
  }));
export type ZapTransaction = z.output<typeof zapTransactionSchema>;
