import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Hono } from 'hono';
import { z } from 'zod';
import { validateForBuild } from './actuators';
import type { BroadcastResult, SimChain } from './chain';
import { defineEndpoint, type NodeParams } from './node-request';
import {
  decodeRawTransaction,
  decodeSignedTransaction,
  encodeRawTransaction,
  transactionId,
  type ContractCall,
  type SignedTransaction,
} from './transaction';
import {
  contractFromJson,
  hexOfText,
  int64Param,
  ParamError,
  rawDataJson,
  rawFromJson,
  unsignedTransactionJson,
} from './transaction-json';
import { stringifyWithBigints } from '../core/json';

/** TronWeb and TronLink call constant functions from the zero address when no account is set. */
const ZERO_ADDRESS_HEX = '410000000000000000000000000000000000000000';
const ZERO_ADDRESS_BASE58 = 'T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb';

const BUILD_ENDPOINTS: Record<string, string> = {
  createtransaction: 'TransferContract',
  freezebalancev2: 'FreezeBalanceV2Contract',
  unfreezebalancev2: 'UnfreezeBalanceV2Contract',
  withdrawexpireunfreeze: 'WithdrawExpireUnfreezeContract',
  delegateresource: 'DelegateResourceContract',
  undelegateresource: 'UnDelegateResourceContract',
};

/** Endpoints that build transactions, run calls, and accept signed transactions. */
export function registerBuildEndpoints(routes: Hono, chain: SimChain) {
  const context = () => ({ state: chain.view(), nowMs: chain.now(), usdtContract: chain.usdtContractHex });

  for (const [name, type] of Object.entries(BUILD_ENDPOINTS)) {
    defineEndpoint(routes, [`/wallet/${name}`], ({ params, visible }) => {
      const call = contractFromJson(type, params, visible);
      const refusal = validateForBuild(context(), call, 0n);
      if (refusal) return { Error: `class org.tron.core.exception.ContractValidateException : ${refusal}` };
      const raw = chain.buildTransaction(call, {
        memoHex: memoOf(params, visible),
        permissionId: permissionOf(params),
      });
      return unsignedTransactionJson(raw, visible);
    });
  }

  defineEndpoint(routes, ['/wallet/triggersmartcontract'], ({ params, visible }) => {
    const call = contractFromJson('TriggerSmartContract', params, visible);
    const feeLimit = feeLimitOf(params);
    const refusal = validateForBuild(context(), call, feeLimit);
    if (refusal) return { result: { code: 'CONTRACT_VALIDATE_ERROR', message: hexOfText(refusal) } };
    const raw = chain.buildTransaction(call, { feeLimit, permissionId: permissionOf(params) });
    return { result: { result: true }, transaction: unsignedTransactionJson(raw, visible) };
  });

  for (const name of ['triggerconstantcontract', 'estimateenergy']) {
    defineEndpoint(routes, [`/wallet/${name}`, `/walletsolidity/${name}`], ({ params, visible }) => {
      const withCaller = {
        ...params,
        owner_address: params.owner_address ?? (visible ? ZERO_ADDRESS_BASE58 : ZERO_ADDRESS_HEX),
      };
      const call = contractFromJson('TriggerSmartContract', withCaller, visible) as Extract<
        ContractCall,
        { type: 'TriggerSmartContract' }
      >;
      const run = chain.simulateCall(call.owner, call.contract, call.data, call.callValue);
      if (!run) {
        const message = hexOfText('No contract or not a valid smart contract');
        return { result: { code: 'CONTRACT_VALIDATE_ERROR', message } };
      }
      const reverted = run.reverted ? hexOfText('REVERT opcode executed') : undefined;
      if (name === 'estimateenergy') {
        return reverted
          ? { result: { code: 'CONTRACT_EXE_ERROR', message: reverted } }
          : { result: { result: true }, energy_required: BigInt(run.energy) };
      }
      const raw = chain.buildTransaction(call, { feeLimit: feeLimitOf(params) });
      return {
        result: { result: true, message: reverted },
        energy_used: BigInt(run.energy),
        constant_result: [run.returnHex],
        logs: run.logs.length ? run.logs : undefined,
        transaction: {
          ret: [run.reverted ? { ret: 'FAILED' } : {}],
          ...unsignedTransactionJson(raw, visible),
        },
      };
    });
  }

  defineEndpoint(routes, ['/wallet/broadcasttransaction'], ({ params }) => {
    return broadcastAnswer(chain.broadcast(signedFromJson(params)));
  });

  defineEndpoint(routes, ['/wallet/broadcasthex'], ({ params }) => {
    const hex = z
      .string()
      .regex(/^(0x)?([0-9a-fA-F]{2})+$/)
      .safeParse(params.transaction);
    if (!hex.success) throw new ParamError('transaction must be the hex of a signed Transaction');
    let signed: SignedTransaction;
    try {
      signed = decodeSignedTransaction(hexToBytes(hex.data.replace(/^0x/, '')));
    } catch (error) {
      throw new ParamError(`not a transaction: ${(error as Error).message}`);
    }
    const result = chain.broadcast(signed);
    // The node answers the decoded transaction as a JSON string inside the JSON answer.
    const transaction = stringifyWithBigints({
      visible: false,
      txID: signed.txid,
      raw_data: rawDataJson(signed.raw, false),
      raw_data_hex: signed.rawHex,
      signature: signed.signatures,
    });
    return { ...broadcastAnswer(result), transaction };
  });
}

/** The node's answer to a broadcast: `{result, txid}` or `{code, txid, message}` (message as hex). */
function broadcastAnswer(result: BroadcastResult) {
  return result.result
    ? { result: true, txid: result.txid }
    : { code: result.code, txid: result.txid, message: hexOfText(result.message) };
}

const hexString = z
  .string()
  .regex(/^(0x)?([0-9a-fA-F]{2})*$/)
  .transform((s) => s.replace(/^0x/, '').toLowerCase());
const signedJsonSchema = z.object({
  raw_data: z.unknown().optional(),
  raw_data_hex: hexString.optional(),
  signature: z.array(hexString).optional(),
  visible: z.union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')]).optional(),
});

/**
 * A signed transaction from broadcasttransaction's JSON. The signed bytes are `raw_data_hex` when
 * present (what the wallet hashed); otherwise `raw_data` is encoded, as java-tron does.
 */
function signedFromJson(params: NodeParams): SignedTransaction {
  const parsed = signedJsonSchema.safeParse(params);
  if (!parsed.success)
    throw new ParamError(`invalid transaction: ${parsed.error.issues[0]?.message ?? 'malformed'}`);
  const { raw_data_hex, raw_data, signature = [], visible = false } = parsed.data;
  let rawBytes: Uint8Array;
  if (raw_data_hex) rawBytes = hexToBytes(raw_data_hex);
  else if (raw_data) rawBytes = encodeRawTransaction(rawFromJson(raw_data, visible));
  else throw new ParamError('transaction has no raw_data');
  let raw;
  try {
    raw = decodeRawTransaction(rawBytes);
  } catch (error) {
    throw new ParamError(`invalid raw_data_hex: ${(error as Error).message}`);
  }
  return { raw, rawHex: bytesToHex(rawBytes), txid: transactionId(rawBytes), signatures: signature };
}

function feeLimitOf(params: NodeParams): bigint {
  if (params.fee_limit === undefined) return 0n;
  const parsed = int64Param.safeParse(params.fee_limit);
  if (!parsed.success) throw new ParamError('fee_limit must be an integer');
  return parsed.data;
}

function permissionOf(params: NodeParams): number {
  const id = params.Permission_id;
  return typeof id === 'number' && Number.isInteger(id) ? id : 0;
}

/** `extra_data` is the memo: UTF-8 text with `visible: true`, hex otherwise (as TransferServlet reads it). */
function memoOf(params: NodeParams, visible: boolean): string | undefined {
  const memo = params.extra_data;
  if (typeof memo !== 'string' || !memo) return undefined;
  if (visible) return bytesToHex(utf8ToBytes(memo));
  if (!/^([0-9a-fA-F]{2})+$/.test(memo)) throw new ParamError('extra_data must be hex');
  return memo.toLowerCase();
}
