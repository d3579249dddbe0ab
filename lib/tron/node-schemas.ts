/**
 * Bodies of a TRON full node (java-tron HTTP API) and of TronGrid's v1 listing, read into small views.
 * java-tron leaves zero fields out (protobuf JSON), so a missing number means 0, and a missing
 * account or transaction is `{}`. Amounts are int64 sun written as JSON numbers: they are refused
 * beyond 2^53 rather than rounded.
 */
import { z } from 'zod';
import { fromHexAddress, isTronAddress } from './address';
import { sunInteger } from '../api/amounts';

const count = z.number().int().nonnegative().optional();
const sun = sunInteger.optional();

/** A base58 address from either form the node may print (`T…` with `visible`, else `41…` hex). */
export function normalizeAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (isTronAddress(value)) return value;
  try {
    return fromHexAddress(value);
  } catch {
    return undefined;
  }
}

/** `wallet/getaccount`: `{}` for an address that was never activated. */
export const accountSchema = z
  .looseObject({ address: z.string().optional(), balance: sun, create_time: count })
  .transform((account) => ({
    activated: account.address !== undefined,
    balanceSun: account.balance ?? 0n,
    createTimeMs: account.create_time,
  }));
export type TronAccount = z.output<typeof accountSchema>;

/** `wallet/getaccountresource`, with what is left to use now (limit − used, never below 0). */
export const accountResourcesSchema = z
  .looseObject({
    freeNetUsed: count,
    freeNetLimit: count,
    NetUsed: count,
    NetLimit: count,
    EnergyUsed: count,
    EnergyLimit: count,
  })
  .transform((raw) => {
    const left = (limit = 0, used = 0) => Math.max(0, limit - used);
    const freeBandwidthAvailable = left(raw.freeNetLimit, raw.freeNetUsed);
    const stakedBandwidthAvailable = left(raw.NetLimit, raw.NetUsed);
    return {
      energyLimit: raw.EnergyLimit ?? 0,
      energyUsed: raw.EnergyUsed ?? 0,
      energyAvailable: left(raw.EnergyLimit, raw.EnergyUsed),
      freeBandwidthLimit: raw.freeNetLimit ?? 0,
      freeBandwidthUsed: raw.freeNetUsed ?? 0,
      freeBandwidthAvailable,
      stakedBandwidthLimit: raw.NetLimit ?? 0,
      stakedBandwidthUsed: raw.NetUsed ?? 0,
      stakedBandwidthAvailable,
      bandwidthAvailable: freeBandwidthAvailable + stakedBandwidthAvailable,
    };
  });
export type TronAccountResources = z.output<typeof accountResourcesSchema>;

/** Documented mainnet values, used when a node does not list the parameter at all. */
export const DEFAULT_ENERGY_FEE_SUN = 100n;
export const DEFAULT_BANDWIDTH_FEE_SUN = 1_000n;
export const DEFAULT_CREATE_ACCOUNT_FEE_SUN = 1_000_000n;

/** `wallet/getchainparameters`: the prices of burned resources. A listed key without `value` is 0. */
export const chainParametersSchema = z
  .object({ chainParameter: z.array(z.object({ key: z.string(), value: z.number().int().optional() })) })
  .transform(({ chainParameter }) => {
    const byKey = new Map(chainParameter.map((p) => [p.key, p.value ?? 0]));
    const fee = (key: string, fallback: bigint) => {
      const value = byKey.get(key);
      return value === undefined || value < 0 || !Number.isSafeInteger(value) ? fallback : BigInt(value);
    };
    return {
      /** Sun burned per unit of energy (`getEnergyFee`). */
      energyFeeSun: fee('getEnergyFee', DEFAULT_ENERGY_FEE_SUN),
      /** Sun burned per byte of bandwidth (`getTransactionFee`). */
      bandwidthFeeSun: fee('getTransactionFee', DEFAULT_BANDWIDTH_FEE_SUN),
      /** Sun a transfer to a new address pays for creating it (`getCreateNewAccountFeeInSystemContract`). */
      createAccountFeeSun: fee('getCreateNewAccountFeeInSystemContract', DEFAULT_CREATE_ACCOUNT_FEE_SUN),
    };
  });
export type TronChainParameters = z.output<typeof chainParametersSchema>;

/** `wallet/triggerconstantcontract`: `result.result` true and one hex word per return value. */
export const constantCallSchema = z.looseObject({
  result: z.looseObject({
    result: z.boolean().optional(),
    code: z.string().optional(),
    message: z.string().optional(),
  }),
  constant_result: z.array(z.string()).optional(),
});

/**
 * `wallet/estimateenergy` (`energy_required`) or `wallet/triggerconstantcontract` (`energy_used`):
 * the energy a call would use. Only a successful run that names a count is an estimate.
 */
export const energyEstimateSchema = z.looseObject({
  result: z.looseObject({
    result: z.boolean().optional(),
    code: z.string().optional(),
    message: z.string().optional(),
  }),
  /** Only `triggerconstantcontract`: `ret: [{ret: 'FAILED'}]` when the call reverted. */
  transaction: z
    .looseObject({ ret: z.array(z.looseObject({ ret: z.string().optional() })).optional() })
    .optional()
    .catch(undefined),
  energy_required: z.number().int().nonnegative().optional().catch(undefined),
  energy_used: z.number().int().nonnegative().optional().catch(undefined),
});

const contractSchema = z.looseObject({
  type: z.string(),
  parameter: z.looseObject({ value: z.record(z.string(), z.unknown()) }),
});

/** What a transaction does, read from its first contract. */
export interface TransactionView {
  txid: string;
  /** `TransferContract`, `TriggerSmartContract`, `DelegateResourceContract`… */
  type: string;
  from?: string;
  /** The receiver of a transfer or delegation, or the called contract. */
  to?: string;
  /** TRX moved by a `TransferContract`, in sun. */
  amountSun?: bigint;
  /** `SUCCESS`, `REVERT`… once the transaction is in a block; absent before. */
  contractRet?: string;
  timestampMs?: number;
  blockNumber?: number;
  blockTimestampMs?: number;
}

const transactionShape = {
  txID: z.string().min(1),
  raw_data: z.looseObject({ contract: z.array(contractSchema).min(1), timestamp: count }),
  ret: z.array(z.looseObject({ contractRet: z.string().optional() })).optional(),
  blockNumber: count,
  block_timestamp: count,
};

function viewOf(tx: z.output<z.ZodObject<typeof transactionShape>>): TransactionView {
  const [contract] = tx.raw_data.contract;
  const value = contract?.parameter.value ?? {};
  const amount = sun.safeParse(value.amount);
  return {
    txid: tx.txID,
    type: contract?.type ?? 'unknown',
    from: normalizeAddress(value.owner_address),
    to: normalizeAddress(value.to_address ?? value.receiver_address ?? value.contract_address),
    amountSun: contract?.type === 'TransferContract' && amount.success ? amount.data : undefined,
    contractRet: tx.ret?.[0]?.contractRet,
    timestampMs: tx.raw_data.timestamp,
    blockNumber: tx.blockNumber,
    blockTimestampMs: tx.block_timestamp,
  };
}

/** `wallet/gettransactionbyid`: undefined when the node does not know the id (`{}`). */
export const transactionSchema = z.union([
  z.strictObject({}).transform(() => undefined),
  z.looseObject(transactionShape).transform(viewOf),
]);

/** `gettransactioninfobyid`: the receipt once the transaction is in a block; undefined (`{}`) before. */
export const transactionInfoSchema = z.union([
  z.strictObject({}).transform(() => undefined),
  z
    .looseObject({
      id: z.string().min(1),
      fee: sun,
      blockNumber: z.number().int().nonnegative(),
      blockTimeStamp: count,
      receipt: z
        .looseObject({ result: z.string().optional(), energy_usage_total: count, net_usage: count })
        .optional(),
      result: z.string().optional(),
      resMessage: z.string().optional(),
    })
    .transform((info) => ({
      txid: info.id,
      blockNumber: info.blockNumber,
      blockTimestampMs: info.blockTimeStamp,
      feeSun: info.fee ?? 0n,
      energyUsed: info.receipt?.energy_usage_total ?? 0,
      bandwidthUsed: info.receipt?.net_usage ?? 0,
      // System contracts (TRX transfers) carry no receipt result; only `result: FAILED` marks failure there.
      failed:
        info.result === 'FAILED' || (info.receipt?.result !== undefined && info.receipt.result !== 'SUCCESS'),
      receiptResult: info.receipt?.result,
      failureMessage: info.resMessage ? textOfHex(info.resMessage) : undefined,
    })),
]);
export type TransactionInfo = NonNullable<z.output<typeof transactionInfoSchema>>;

/** `resMessage` is hex of UTF-8 text; when it is not, it is shown as sent. */
function textOfHex(hex: string): string {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return hex;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** One entry of TronGrid's transaction list; entries of another shape (internal transactions) are skipped. */
const listedTransactionSchema = z.looseObject(transactionShape).transform(viewOf);

/** `GET /v1/accounts/{address}/transactions`: one page, and the fingerprint of the next one. */
export const accountTransactionsSchema = z
  .looseObject({
    success: z.boolean().optional(),
    data: z.array(z.unknown()),
    meta: z.looseObject({ fingerprint: z.string().optional() }).optional(),
  })
  .transform((page) => ({
    transactions: page.data.flatMap((entry) => {
      const parsed = listedTransactionSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    }),
    nextFingerprint: page.meta?.fingerprint,
  }));
export type AccountTransactionsPage = z.output<typeof accountTransactionsSchema>;
