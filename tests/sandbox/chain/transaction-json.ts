import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { functionSelector as selectorHex } from './abi';
import { displayAddress, isBase58Address, isHexAddress, toHexAddress } from './address';
import { encodeRawTransaction, transactionId, type ContractCall, type RawTransaction } from './transaction';

/**
 * The JSON forms of transactions, as java-tron prints and parses them: snake_case fields, int64 as
 * numbers, zero values left out, addresses in hex (`41…`) or, with `visible: true`, base58.
 */

/** The `parameter.value` object of a contract, as the node prints it. */
export function contractValueJson(call: ContractCall, visible: boolean): Record<string, unknown> {
  const a = (hex: string) => displayAddress(hex, visible);
  const nonZero = (value: bigint) => (value === 0n ? undefined : value);
  const resource = (r: string) => (r === 'BANDWIDTH' ? undefined : r);
  switch (call.type) {
    case 'TransferContract':
      return { amount: call.amount, owner_address: a(call.owner), to_address: a(call.to) };
    case 'TriggerSmartContract':
      return {
        data: call.data || undefined,
        owner_address: a(call.owner),
        contract_address: a(call.contract),
        call_value: nonZero(call.callValue),
        call_token_value: nonZero(call.callTokenValue),
        token_id: nonZero(call.tokenId),
      };
    case 'DelegateResourceContract':
      return {
        owner_address: a(call.owner),
        resource: resource(call.resource),
        balance: call.balance,
        receiver_address: a(call.receiver),
        lock: call.lock || undefined,
        lock_period: nonZero(call.lockPeriod),
      };
    case 'UnDelegateResourceContract':
      return {
        owner_address: a(call.owner),
        resource: resource(call.resource),
        balance: call.balance,
        receiver_address: a(call.receiver),
      };
    case 'FreezeBalanceV2Contract':
      return {
        owner_address: a(call.owner),
        frozen_balance: call.frozenBalance,
        resource: resource(call.resource),
      };
    case 'UnfreezeBalanceV2Contract':
      return {
        owner_address: a(call.owner),
        unfreeze_balance: call.unfreezeBalance,
        resource: resource(call.resource),
      };
    case 'WithdrawExpireUnfreezeContract':
    case 'UnsupportedContract':
      return { owner_address: a(call.owner) };
  }
}

/** `raw_data` as the node prints it (times are int64, so bigint like every int64 the node writes). */
export function rawDataJson(raw: RawTransaction, visible: boolean): Record<string, unknown> {
  return {
    contract: [
      {
        parameter: {
          value: contractValueJson(raw.contract, visible),
          type_url: `type.googleapis.com/protocol.${raw.contract.type === 'UnsupportedContract' ? raw.contract.typeName : raw.contract.type}`,
        },
        type: raw.contract.type === 'UnsupportedContract' ? raw.contract.typeName : raw.contract.type,
        Permission_id: raw.permissionId || undefined,
      },
    ],
    ref_block_bytes: raw.refBlockBytes,
    ref_block_hash: raw.refBlockHash,
    expiration: BigInt(raw.expiration),
    data: raw.data || undefined,
    fee_limit: raw.feeLimit === 0n ? undefined : raw.feeLimit,
    timestamp: raw.timestamp ? BigInt(raw.timestamp) : undefined,
  };
}

/** An unsigned transaction as the node's build endpoints answer it. */
export function unsignedTransactionJson(raw: RawTransaction, visible: boolean): Record<string, unknown> {
  const bytes = encodeRawTransaction(raw);
  return {
    visible,
    txID: transactionId(bytes),
    raw_data: rawDataJson(raw, visible),
    raw_data_hex: bytesToHex(bytes),
  };
}

/** Request-side parsing: a wrong address form is an error, as on the node (visible decides which form). */
export class ParamError extends Error {}

/** The hex form of an address parameter, in the form `visible` requires. */
export function parseAddressParam(value: unknown, name: string, visible: boolean): string {
  if (typeof value !== 'string' || value === '') throw new ParamError(`${name} is required`);
  if (visible ? !isBase58Address(value) : !isHexAddress(value)) {
    throw new ParamError(`Invalid ${name}: expected a ${visible ? 'base58' : 'hex (41…)'} address`);
  }
  return toHexAddress(value);
}

/** int64 parameters arrive as JSON numbers (or strings from a query); they become bigint at once. */
export const int64Param = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/), z.bigint()])
  .transform((value) => BigInt(value));

const optionalInt64 = int64Param.optional().transform((value) => value ?? 0n);
const resourceParam = z
  .union([z.enum(['BANDWIDTH', 'ENERGY']), z.literal(0), z.literal(1)])
  .optional()
  .transform((r) => (r === 'ENERGY' || r === 1 ? 'ENERGY' : 'BANDWIDTH'));
const hexData = z
  .string()
  .regex(/^(0x)?([0-9a-fA-F]{2})*$/)
  .transform((s) => s.replace(/^0x/, '').toLowerCase());

/** Parses a contract's `parameter.value` (or a build endpoint's body) into a ContractCall. */
export function contractFromJson(
  type: string,
  value: Record<string, unknown>,
  visible: boolean,
): ContractCall {
  const addr = (name: string) => parseAddressParam(value[name], name, visible);
  const parse = <T extends z.ZodType>(schema: T): z.output<T> => {
    const result = schema.safeParse(value);
    if (!result.success)
      throw new ParamError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return result.data;
  };
  switch (type) {
    case 'TransferContract': {
      const v = parse(z.object({ amount: int64Param }));
      return { type, owner: addr('owner_address'), to: addr('to_address'), amount: v.amount };
    }
    case 'TriggerSmartContract': {
      const v = parse(
        z.object({
          data: hexData.optional(),
          function_selector: z.string().optional(),
          parameter: hexData.optional(),
          call_value: optionalInt64,
          call_token_value: optionalInt64,
          token_id: optionalInt64,
        }),
      );
      return {
        type,
        owner: addr('owner_address'),
        contract: addr('contract_address'),
        callValue: v.call_value,
        data: v.data ?? (v.function_selector ? selectorHex(v.function_selector) + (v.parameter ?? '') : ''),
        callTokenValue: v.call_token_value,
        tokenId: v.token_id,
      };
    }
    case 'DelegateResourceContract': {
      const v = parse(
        z.object({
          balance: int64Param,
          resource: resourceParam,
          lock: z.union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')]).optional(),
          lock_period: optionalInt64,
        }),
      );
      return {
        type,
        owner: addr('owner_address'),
        receiver: addr('receiver_address'),
        resource: v.resource,
        balance: v.balance,
        lock: v.lock ?? false,
        lockPeriod: v.lock_period,
      };
    }
    case 'UnDelegateResourceContract': {
      const v = parse(z.object({ balance: int64Param, resource: resourceParam }));
      return {
        type,
        owner: addr('owner_address'),
        receiver: addr('receiver_address'),
        resource: v.resource,
        balance: v.balance,
      };
    }
    case 'FreezeBalanceV2Contract': {
      const v = parse(z.object({ frozen_balance: int64Param, resource: resourceParam }));
      return { type, owner: addr('owner_address'), frozenBalance: v.frozen_balance, resource: v.resource };
    }
    case 'UnfreezeBalanceV2Contract': {
      const v = parse(z.object({ unfreeze_balance: int64Param, resource: resourceParam }));
      return {
        type,
        owner: addr('owner_address'),
        unfreezeBalance: v.unfreeze_balance,
        resource: v.resource,
      };
    }
    case 'WithdrawExpireUnfreezeContract':
      return { type, owner: addr('owner_address') };
    default:
      throw new ParamError(`contract type ${type} is not supported by the sandbox node`);
  }
}

const rawDataSchema = z.object({
  contract: z
    .array(
      z.object({
        type: z.string(),
        parameter: z.object({ value: z.record(z.string(), z.unknown()) }),
        Permission_id: z.number().int().optional(),
      }),
    )
    .length(1),
  ref_block_bytes: hexData,
  ref_block_hash: hexData,
  expiration: z.number().int(),
  timestamp: z.number().int().optional(),
  fee_limit: int64Param.optional(),
  data: hexData.optional(),
});

/** `raw_data` JSON back to a RawTransaction (used when a broadcast carries no `raw_data_hex`). */
export function rawFromJson(json: unknown, visible: boolean): RawTransaction {
  const result = rawDataSchema.safeParse(json);
  if (!result.success)
    throw new ParamError(`invalid raw_data: ${result.error.issues[0]?.message ?? 'malformed'}`);
  const r = result.data;
  const [contract] = r.contract;
  if (!contract) throw new ParamError('contract size should be exactly 1');
  return {
    refBlockBytes: r.ref_block_bytes,
    refBlockHash: r.ref_block_hash,
    expiration: r.expiration,
    data: r.data ?? '',
    contract: contractFromJson(contract.type, contract.parameter.value, visible),
    permissionId: contract.Permission_id ?? 0,
    timestamp: r.timestamp ?? 0,
    feeLimit: r.fee_limit ?? 0n,
  };
}

/** Hex of UTF-8 text, as the node encodes `message` fields. */
export function hexOfText(text: string): string {
  return bytesToHex(new TextEncoder().encode(text));
}
