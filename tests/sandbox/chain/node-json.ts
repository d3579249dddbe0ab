import { displayAddress } from './address';
import type { BlockRecord } from './blocks';
import type { SimChain, TxRecord } from './chain';
import {
  FREE_NET_LIMIT,
  SLOT_MS,
  SUN_PER_TRX,
  TOTAL_ENERGY_LIMIT,
  TOTAL_ENERGY_WEIGHT,
  TOTAL_NET_LIMIT,
  TOTAL_NET_WEIGHT,
  WINDOW_SLOTS,
} from './constants';
import { energyLimit, netLimit, slotOf, usageAt } from './resources';
import type { Account, ChainState, Delegation } from './state';
import { hexOfText, rawDataJson } from './transaction-json';
import type { Resource } from './transaction';

/**
 * Response bodies of the node, shaped as java-tron prints them. Every int64 field is a bigint here so
 * the serialiser can write it as a number, or as a string when a client asks `int64_as_string`.
 * Zero values are left out, as protobuf's JSON printer does.
 */

const i64 = (value: number | bigint) => BigInt(value);
const nonZero = (value: number | bigint) => (BigInt(value) === 0n ? undefined : BigInt(value));

/** A transaction as gettransactionbyid prints it; `ret` only once it is in a block. */
export function transactionJson(record: TxRecord, visible: boolean): Record<string, unknown> {
  return {
    ret: record.block ? [{ contractRet: record.outcome.contractRet }] : undefined,
    signature: record.signatures,
    txID: record.txid,
    raw_data: rawDataJson(record.raw, visible),
    raw_data_hex: record.rawHex,
    visible,
  };
}

/** A block as getnowblock / getblockbynum print it. */
export function blockJson(chain: SimChain, block: BlockRecord, visible: boolean, detail = true) {
  const transactions = block.txids
    .map((id) => chain.txRecord(id))
    .filter((r): r is TxRecord => !!r)
    .map((r) => transactionJson(r, visible));
  return {
    blockID: block.id,
    block_header: {
      raw_data: {
        // Printed even for genesis (0): TronWeb reads it to build every transaction's TaPoS reference.
        number: i64(block.number),
        txTrieRoot: block.txTrieRoot,
        witness_address: displayAddress(block.witness, visible),
        parentHash: block.parentHash,
        version: 30,
        timestamp: i64(block.timestamp),
      },
      witness_signature: block.witnessSignature,
    },
    transactions: detail && transactions.length ? transactions : undefined,
  };
}

/** A transaction's receipt as gettransactioninfobyid prints it ({} before its block). */
export function transactionInfoJson(record: TxRecord, visible: boolean): Record<string, unknown> {
  const { outcome, block, raw } = record;
  if (!block) return {};
  const isCall = raw.contract.type === 'TriggerSmartContract';
  const failed = outcome.contractRet !== 'SUCCESS';
  return {
    id: record.txid,
    fee: nonZero(outcome.fee),
    blockNumber: i64(block.number),
    blockTimeStamp: i64(block.timestamp),
    contractResult: [outcome.contractResult],
    contract_address:
      raw.contract.type === 'TriggerSmartContract'
        ? displayAddress(raw.contract.contract, visible)
        : undefined,
    receipt: {
      energy_usage: nonZero(outcome.energyUsage),
      energy_fee: nonZero(outcome.energyFee),
      energy_usage_total: nonZero(outcome.energyUsageTotal),
      net_usage: nonZero(outcome.netUsage),
      net_fee: nonZero(outcome.netFee),
      result: isCall ? outcome.contractRet : undefined,
    },
    log: outcome.logs.length ? outcome.logs : undefined,
    result: failed ? 'FAILED' : undefined,
    resMessage: failed && outcome.resMessage ? hexOfText(outcome.resMessage) : undefined,
  };
}

// Operations an account's default active permission allows (all contract types), as java-tron seeds it.
const DEFAULT_ACTIVE_OPERATIONS = '7fff1fc0033ec30f000000000000000000000000000000000000000000000000';

/** An account as getaccount prints it ({} when it does not exist). */
export function accountJson(account: Account | undefined, nowMs: number, visible: boolean) {
  if (!account) return {};
  const slot = slotOf(nowMs);
  const address = displayAddress(account.address, visible);
  const key = [{ address, weight: i64(1) }];
  const slotTime = (s: number) => (s > 0 ? i64(s * SLOT_MS) : undefined);
  return {
    address,
    balance: nonZero(account.balance),
    create_time: i64(account.createTimeMs),
    latest_opration_time: i64(account.latestOperationTimeMs),
    net_usage: nonZero(usageAt(account.netUsage, slot)),
    latest_consume_time: slotTime(account.netUsage.slot),
    free_net_usage: nonZero(usageAt(account.freeNetUsage, slot)),
    latest_consume_free_time: slotTime(account.freeNetUsage.slot),
    net_window_size: i64(WINDOW_SLOTS),
    net_window_optimized: true,
    account_resource: {
      energy_usage: nonZero(usageAt(account.energyUsage, slot)),
      latest_consume_time_for_energy: slotTime(account.energyUsage.slot),
      energy_window_size: i64(WINDOW_SLOTS),
      energy_window_optimized: true,
      delegated_frozenV2_balance_for_energy: nonZero(account.delegatedOut.ENERGY),
      acquired_delegated_frozenV2_balance_for_energy: nonZero(account.acquired.ENERGY),
    },
    owner_permission: { permission_name: 'owner', threshold: i64(1), keys: key },
    active_permission: [
      {
        type: 'Active',
        id: 2,
        permission_name: 'active',
        threshold: i64(1),
        operations: DEFAULT_ACTIVE_OPERATIONS,
        keys: key,
      },
    ],
    frozenV2: [
      { amount: nonZero(account.frozen.BANDWIDTH) },
      { type: 'ENERGY', amount: nonZero(account.frozen.ENERGY) },
      { type: 'TRON_POWER' },
    ],
    unfrozenV2: account.unfreezing.length
      ? account.unfreezing.map((u) => ({
          type: u.resource === 'ENERGY' ? 'ENERGY' : undefined,
          unfreeze_amount: i64(u.amount),
          unfreeze_expire_time: i64(u.expireTimeMs),
        }))
      : undefined,
    delegated_frozenV2_balance_for_bandwidth: nonZero(account.delegatedOut.BANDWIDTH),
    acquired_delegated_frozenV2_balance_for_bandwidth: nonZero(account.acquired.BANDWIDTH),
    asset_optimized: true,
  };
}

/** getaccountnet ({} when the account does not exist). */
export function accountNetJson(account: Account | undefined, nowMs: number) {
  if (!account) return {};
  const slot = slotOf(nowMs);
  return {
    freeNetUsed: nonZero(usageAt(account.freeNetUsage, slot)),
    freeNetLimit: i64(FREE_NET_LIMIT),
    NetUsed: nonZero(usageAt(account.netUsage, slot)),
    NetLimit: nonZero(netLimit(account)),
    TotalNetLimit: i64(TOTAL_NET_LIMIT),
    TotalNetWeight: i64(TOTAL_NET_WEIGHT),
  };
}

/** getaccountresource: getaccountnet's bandwidth plus voting power and energy ({} when the account does not exist). */
export function accountResourceJson(account: Account | undefined, nowMs: number) {
  if (!account) return {};
  const slot = slotOf(nowMs);
  // Voting power counts every staked TRX, delegated away or not.
  const { frozen, delegatedOut } = account;
  const staked = frozen.BANDWIDTH + frozen.ENERGY + delegatedOut.BANDWIDTH + delegatedOut.ENERGY;
  return {
    ...accountNetJson(account, nowMs),
    tronPowerLimit: nonZero(staked / SUN_PER_TRX),
    EnergyUsed: nonZero(usageAt(account.energyUsage, slot)),
    EnergyLimit: nonZero(energyLimit(account)),
    TotalEnergyLimit: i64(TOTAL_ENERGY_LIMIT),
    TotalEnergyWeight: i64(TOTAL_ENERGY_WEIGHT),
  };
}

/** getdelegatedresourcev2: the pair's records, locked and unlocked apart. */
export function delegatedResourceJson(state: ChainState, from: string, to: string, visible: boolean) {
  const records = [...state.delegations.values()].filter((d) => d.from === from && d.to === to);
  if (records.length === 0) return {};
  // One entry per lock state, each carrying both resources, as the node groups them.
  const byLock = (locked: boolean) => records.filter((d) => d.expireTimeMs > 0 === locked);
  const entry = (group: Delegation[]) => {
    const of = (r: Resource) => group.find((d) => d.resource === r);
    return {
      from: displayAddress(from, visible),
      to: displayAddress(to, visible),
      frozen_balance_for_bandwidth: nonZero(of('BANDWIDTH')?.balance ?? 0n),
      frozen_balance_for_energy: nonZero(of('ENERGY')?.balance ?? 0n),
      expire_time_for_bandwidth: nonZero(of('BANDWIDTH')?.expireTimeMs ?? 0),
      expire_time_for_energy: nonZero(of('ENERGY')?.expireTimeMs ?? 0),
    };
  };
  return {
    delegatedResource: [byLock(false), byLock(true)].filter((group) => group.length).map(entry),
  };
}

/** getdelegatedresourceaccountindexv2. */
export function delegationIndexJson(state: ChainState, address: string, visible: boolean) {
  const records = [...state.delegations.values()];
  const unique = (list: string[]) => [...new Set(list)].map((a) => displayAddress(a, visible));
  const toAccounts = unique(records.filter((d) => d.from === address).map((d) => d.to));
  const fromAccounts = unique(records.filter((d) => d.to === address).map((d) => d.from));
  if (!toAccounts.length && !fromAccounts.length) return {};
  return {
    account: displayAddress(address, visible),
    fromAccounts: fromAccounts.length ? fromAccounts : undefined,
    toAccounts: toAccounts.length ? toAccounts : undefined,
  };
}
