import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { ProtoWriter, readFields, toInt64, type ProtoField } from './protobuf';
import { sha256Hex } from './crypto';

export type Resource = 'BANDWIDTH' | 'ENERGY';

/** The contracts the sandbox node executes, decoded (addresses in hex `41…`, amounts in sun). */
export type ContractCall =
  | { type: 'TransferContract'; owner: string; to: string; amount: bigint }
  | {
      type: 'TriggerSmartContract';
      owner: string;
      contract: string;
      callValue: bigint;
      /** Call data as hex (selector + ABI words). */
      data: string;
      callTokenValue: bigint;
      tokenId: bigint;
    }
  | {
      type: 'DelegateResourceContract';
      owner: string;
      receiver: string;
      resource: Resource;
      balance: bigint;
      lock: boolean;
      /** In blocks (3 s each), as TRON counts it. */
      lockPeriod: bigint;
    }
  | {
      type: 'UnDelegateResourceContract';
      owner: string;
      receiver: string;
      resource: Resource;
      balance: bigint;
    }
  | { type: 'FreezeBalanceV2Contract'; owner: string; frozenBalance: bigint; resource: Resource }
  | { type: 'UnfreezeBalanceV2Contract'; owner: string; unfreezeBalance: bigint; resource: Resource }
  | { type: 'WithdrawExpireUnfreezeContract'; owner: string }
  | { type: 'UnsupportedContract'; typeName: string; owner: string };

export type ContractType = Exclude<ContractCall['type'], 'UnsupportedContract'>;

/** `Transaction.raw`, decoded. Times are milliseconds; `feeLimit` is sun. */
export interface RawTransaction {
  refBlockBytes: string;
  refBlockHash: string;
  expiration: number;
  /** Memo bytes as hex (empty when none). */
  data: string;
  contract: ContractCall;
  permissionId: number;
  timestamp: number;
  feeLimit: bigint;
}

/** A transaction as broadcast: its raw part (exact bytes kept, for the txID) and signatures. */
export interface SignedTransaction {
  raw: RawTransaction;
  rawHex: string;
  txid: string;
  signatures: string[];
}

const TYPE_CODES: Record<ContractType, number> = {
  TransferContract: 1,
  TriggerSmartContract: 31,
  FreezeBalanceV2Contract: 54,
  UnfreezeBalanceV2Contract: 55,
  DelegateResourceContract: 57,
  UnDelegateResourceContract: 58,
  WithdrawExpireUnfreezeContract: 56,
};

// Names of the other contract types, so an unsupported one is reported by its real name.
const OTHER_TYPE_NAMES: Record<number, string> = {
  0: 'AccountCreateContract',
  2: 'TransferAssetContract',
  4: 'VoteWitnessContract',
  11: 'FreezeBalanceContract',
  12: 'UnfreezeBalanceContract',
  13: 'WithdrawBalanceContract',
  30: 'CreateSmartContract',
  33: 'UpdateSettingContract',
  46: 'AccountPermissionUpdateContract',
  59: 'CancelAllUnfreezeV2Contract',
};

const RESOURCE_CODES: Record<Resource, number> = { BANDWIDTH: 0, ENERGY: 1 };

/** The type name of a numeric contract type. */
export function contractTypeName(code: number): string {
  const known = Object.entries(TYPE_CODES).find(([, value]) => value === code);
  return known?.[0] ?? OTHER_TYPE_NAMES[code] ?? `ContractType${code}`;
}

function resourceOf(code: bigint | undefined): Resource {
  // TRON_POWER (2) never reaches the contracts we execute; anything unknown reads as BANDWIDTH like the node.
  return code === 1n ? 'ENERGY' : 'BANDWIDTH';
}

function encodeContractValue(call: ContractCall): Uint8Array {
  const w = new ProtoWriter();
  const addr = (hex: string) => hexToBytes(hex);
  switch (call.type) {
    case 'TransferContract':
      return w.bytes(1, addr(call.owner)).bytes(2, addr(call.to)).int(3, call.amount).finish();
    case 'TriggerSmartContract':
      return w
        .bytes(1, addr(call.owner))
        .bytes(2, addr(call.contract))
        .int(3, call.callValue)
        .bytes(4, hexToBytes(call.data))
        .int(5, call.callTokenValue)
        .int(6, call.tokenId)
        .finish();
    case 'DelegateResourceContract':
      return w
        .bytes(1, addr(call.owner))
        .int(2, RESOURCE_CODES[call.resource])
        .int(3, call.balance)
        .bytes(4, addr(call.receiver))
        .bool(5, call.lock)
        .int(6, call.lockPeriod)
        .finish();
    case 'UnDelegateResourceContract':
      return w
        .bytes(1, addr(call.owner))
        .int(2, RESOURCE_CODES[call.resource])
        .int(3, call.balance)
        .bytes(4, addr(call.receiver))
        .finish();
    case 'FreezeBalanceV2Contract':
      return w
        .bytes(1, addr(call.owner))
        .int(2, call.frozenBalance)
        .int(3, RESOURCE_CODES[call.resource])
        .finish();
    case 'UnfreezeBalanceV2Contract':
      return w
        .bytes(1, addr(call.owner))
        .int(2, call.unfreezeBalance)
        .int(3, RESOURCE_CODES[call.resource])
        .finish();
    case 'WithdrawExpireUnfreezeContract':
      return w.bytes(1, addr(call.owner)).finish();
    case 'UnsupportedContract':
      throw new Error(`cannot build a ${call.typeName}`);
  }
}

/** The protobuf bytes of `Transaction.raw`, field for field as TronWeb and java-tron write them. */
export function encodeRawTransaction(raw: RawTransaction): Uint8Array {
  const { contract } = raw;
  if (contract.type === 'UnsupportedContract') throw new Error(`cannot build a ${contract.typeName}`);
  const any = new ProtoWriter()
    .bytes(1, utf8ToBytes(`type.googleapis.com/protocol.${contract.type}`))
    .bytes(2, encodeContractValue(contract))
    .finish();
  const contractMessage = new ProtoWriter()
    .int(1, TYPE_CODES[contract.type])
    .message(2, any)
    .int(5, raw.permissionId)
    .finish();
  return new ProtoWriter()
    .bytes(1, hexToBytes(raw.refBlockBytes))
    .bytes(4, hexToBytes(raw.refBlockHash))
    .int(8, raw.expiration)
    .bytes(10, hexToBytes(raw.data))
    .message(11, contractMessage, true)
    .int(14, raw.timestamp)
    .int(18, raw.feeLimit)
    .finish();
}

/** The txID of raw bytes: sha256 of `Transaction.raw`. */
export function transactionId(rawBytes: Uint8Array): string {
  return sha256Hex(rawBytes);
}

const varintOf = (fields: ProtoField[], n: number): bigint | undefined => {
  const f = fields.find((x) => x.field === n);
  return f && 'varint' in f ? f.varint : undefined;
};
const bytesOf = (fields: ProtoField[], n: number): Uint8Array | undefined => {
  const f = fields.find((x) => x.field === n);
  return f && 'bytes' in f ? f.bytes : undefined;
};
const hexOf = (fields: ProtoField[], n: number): string => bytesToHex(bytesOf(fields, n) ?? new Uint8Array());
const intOf = (fields: ProtoField[], n: number): bigint => toInt64(varintOf(fields, n) ?? 0n);

function decodeContractValue(typeCode: number, value: Uint8Array): ContractCall {
  const f = readFields(value);
  switch (contractTypeName(typeCode)) {
    case 'TransferContract':
      return { type: 'TransferContract', owner: hexOf(f, 1), to: hexOf(f, 2), amount: intOf(f, 3) };
    case 'TriggerSmartContract':
      return {
        type: 'TriggerSmartContract',
        owner: hexOf(f, 1),
        contract: hexOf(f, 2),
        callValue: intOf(f, 3),
        data: hexOf(f, 4),
        callTokenValue: intOf(f, 5),
        tokenId: intOf(f, 6),
      };
    case 'DelegateResourceContract':
      return {
        type: 'DelegateResourceContract',
        owner: hexOf(f, 1),
        resource: resourceOf(varintOf(f, 2)),
        balance: intOf(f, 3),
        receiver: hexOf(f, 4),
        lock: (varintOf(f, 5) ?? 0n) !== 0n,
        lockPeriod: intOf(f, 6),
      };
    case 'UnDelegateResourceContract':
      return {
        type: 'UnDelegateResourceContract',
        owner: hexOf(f, 1),
        resource: resourceOf(varintOf(f, 2)),
        balance: intOf(f, 3),
        receiver: hexOf(f, 4),
      };
    case 'FreezeBalanceV2Contract':
      return {
        type: 'FreezeBalanceV2Contract',
        owner: hexOf(f, 1),
        frozenBalance: intOf(f, 2),
        resource: resourceOf(varintOf(f, 3)),
      };
    case 'UnfreezeBalanceV2Contract':
      return {
        type: 'UnfreezeBalanceV2Contract',
        owner: hexOf(f, 1),
        unfreezeBalance: intOf(f, 2),
        resource: resourceOf(varintOf(f, 3)),
      };
    case 'WithdrawExpireUnfreezeContract':
      return { type: 'WithdrawExpireUnfreezeContract', owner: hexOf(f, 1) };
    default:
      // Every TRON contract message has the owner in field 1; it is enough to check the signature.
      return { type: 'UnsupportedContract', typeName: contractTypeName(typeCode), owner: hexOf(f, 1) };
  }
}

/** Decodes `Transaction.raw` bytes; throws when they are not a one-contract transaction. */
export function decodeRawTransaction(bytes: Uint8Array): RawTransaction {
  const f = readFields(bytes);
  const contracts = f.filter((x) => x.field === 11);
  if (contracts.length !== 1) throw new Error('contract size should be exactly 1');
  const contractBytes = contracts[0] && 'bytes' in contracts[0] ? contracts[0].bytes : new Uint8Array();
  const c = readFields(contractBytes);
  const anyFields = readFields(bytesOf(c, 2) ?? new Uint8Array());
  const typeCode = Number(varintOf(c, 1) ?? 0n);
  return {
    refBlockBytes: hexOf(f, 1),
    refBlockHash: hexOf(f, 4),
    expiration: Number(intOf(f, 8)),
    data: hexOf(f, 10),
    contract: decodeContractValue(typeCode, bytesOf(anyFields, 2) ?? new Uint8Array()),
    permissionId: Number(intOf(c, 5)),
    timestamp: Number(intOf(f, 14)),
    feeLimit: intOf(f, 18),
  };
}

/** Decodes a whole serialized `Transaction` (as `broadcasthex` receives it). */
export function decodeSignedTransaction(bytes: Uint8Array): SignedTransaction {
  const f = readFields(bytes);
  const rawBytes = bytesOf(f, 1);
  if (!rawBytes) throw new Error('transaction has no raw_data');
  const signatures = f
    .filter((x): x is { field: number; bytes: Uint8Array } => x.field === 2 && 'bytes' in x)
    .map((x) => bytesToHex(x.bytes));
  return {
    raw: decodeRawTransaction(rawBytes),
    rawHex: bytesToHex(rawBytes),
    txid: transactionId(rawBytes),
    signatures,
  };
}

/** Serializes a signed transaction (raw + signatures, no `ret`), the size TRON charges bandwidth for. */
export function encodeSignedTransaction(rawBytes: Uint8Array, signatures: string[]): Uint8Array {
  const w = new ProtoWriter().message(1, rawBytes);
  for (const signature of signatures) w.message(2, hexToBytes(signature), true);
  return w.finish();
}
