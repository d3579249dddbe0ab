import { toBase58Address } from './address';
import { planBandwidth, payBandwidth } from './bandwidth';
import {
  CREATE_ACCOUNT_SYSTEM_FEE_SUN,
  DEFAULT_DELEGATE_LOCK_BLOCKS,
  ENERGY_FEE_SUN,
  MAX_DELEGATE_LOCK_BLOCKS,
  MAX_FEE_LIMIT_SUN,
  SLOT_MS,
  SUN_PER_TRX,
  UNFREEZE_DELAY_DAYS,
} from './constants';
import { consume, energyLimit, slotOf, unitsFor as unitsOf, usageAt } from './resources';
import { delegationKey, newAccount, type Account, type ChainState } from './state';
import type { ContractCall, RawTransaction, Resource } from './transaction';
import { runUsdtCall, type LogEntry } from './usdt';

/** A contract the node refuses before it runs (`CONTRACT_VALIDATE_ERROR`). */
export class ContractValidateError extends Error {}

/** Memo (`raw_data.data`) fee, `getMemoFee` on mainnet. */
const MEMO_FEE_SUN = 1_000_000n;

export type ContractRet = 'SUCCESS' | 'REVERT' | 'OUT_OF_ENERGY';

/** What executing a transaction did: the receipt that gettransactioninfobyid reports once it is in a block. */
export interface TxOutcome {
  contractRet: ContractRet;
  /** Bandwidth taken from stake or the free allowance. */
  netUsage: number;
  /** Sun burned for bandwidth. */
  netFee: bigint;
  /** Energy taken from stake (own or delegated). */
  energyUsage: number;
  /** Sun burned for energy. */
  energyFee: bigint;
  energyUsageTotal: number;
  /** Every sun the transaction burned: bandwidth, energy, account creation, memo. */
  fee: bigint;
  logs: LogEntry[];
  contractResult: string;
  resMessage?: string;
  usdtTransfer?: { from: string; to: string; amount: bigint };
  /** Energy or bandwidth units a (un)delegation moved. */
  resourceUnits?: number;
}

export type ExecutionResult =
  | { ok: true; outcome: TxOutcome }
  | { ok: false; code: 'CONTRACT_VALIDATE_ERROR' | 'BANDWITH_ERROR'; message: string };

export interface ExecutionContext {
  state: ChainState;
  nowMs: number;
  /** Hex address of the USDT contract, the only contract deployed. */
  usdtContract: string;
}

/** Validates and applies one transaction to the head state, java-tron's order: bandwidth, memo, contract. */
export function executeTransaction(
  ctx: ExecutionContext,
  raw: RawTransaction,
  sizeBytes: number,
): ExecutionResult {
  const call = raw.contract;
  if (call.type === 'UnsupportedContract') {
    return invalid(`${call.typeName} is not supported by the sandbox node`);
  }
  const owner = ctx.state.accounts.get(call.owner);
  if (!owner) return invalid(`account [${toBase58Address(call.owner)}] does not exist`);

  const createsAccount = call.type === 'TransferContract' && !ctx.state.accounts.has(call.to);
  const bandwidth = planBandwidth(owner, sizeBytes, createsAccount, ctx.nowMs);
  if (!bandwidth)
    return { ok: false, code: 'BANDWITH_ERROR', message: 'Account resource insufficient error.' };
  const memoFee = raw.data ? MEMO_FEE_SUN : 0n;
  if (owner.balance - bandwidth.feeSun < memoFee) {
    return {
      ok: false,
      code: 'BANDWITH_ERROR',
      message: `Account Insufficient balance[${memoFee}] to memo fee.`,
    };
  }
  const spendable = owner.balance - bandwidth.feeSun - memoFee;

  try {
    validateContract(ctx, call, owner, spendable, raw.feeLimit);
  } catch (error) {
    if (error instanceof ContractValidateError) return invalid(error.message);
    throw error;
  }

  payBandwidth(owner, bandwidth, ctx.nowMs);
  owner.balance -= memoFee;
  owner.latestOperationTimeMs = ctx.nowMs;
  const base: TxOutcome = {
    contractRet: 'SUCCESS',
    netUsage: bandwidth.units,
    netFee: bandwidth.feeSun,
    energyUsage: 0,
    energyFee: 0n,
    energyUsageTotal: 0,
    fee: bandwidth.feeSun + memoFee,
    logs: [],
    contractResult: '',
  };
  return { ok: true, outcome: applyContract(ctx, call, owner, raw.feeLimit, base) };
}

/**
 * The checks a build endpoint (createtransaction, delegateresource…) runs before it answers, as
 * java-tron's actuator.validate: the refusal message, or undefined when the contract would pass.
 */
export function validateForBuild(
  ctx: ExecutionContext,
  call: ContractCall,
  feeLimit: bigint,
): string | undefined {
  if (call.type === 'UnsupportedContract') return `${call.typeName} is not supported by the sandbox node`;
  const owner = ctx.state.accounts.get(call.owner);
  if (call.type === 'TriggerSmartContract') {
    // A call is only built, not run, so its owner's account is not needed yet.
    if (call.contract !== ctx.usdtContract) return 'No contract or not a valid smart contract';
    if (feeLimit < 0n || feeLimit > MAX_FEE_LIMIT_SUN)
      return `feeLimit must be >= 0 and <= ${MAX_FEE_LIMIT_SUN}`;
    return undefined;
  }
  if (!owner) {
    return call.type === 'TransferContract'
      ? 'Validate TransferContract error, no OwnerAccount.'
      : `Account[${call.owner}] not exists`;
  }
  try {
    validateContract(ctx, call, owner, owner.balance, feeLimit);
    return undefined;
  } catch (error) {
    if (error instanceof ContractValidateError) return error.message;
    throw error;
  }
}

function invalid(message: string): ExecutionResult {
  return { ok: false, code: 'CONTRACT_VALIDATE_ERROR', message: `Contract validate error : ${message}` };
}

function fail(message: string): never {
  throw new ContractValidateError(message);
}

function validateContract(
  ctx: ExecutionContext,
  call: ContractCall,
  owner: Account,
  spendable: bigint,
  feeLimit: bigint,
) {
  const { state } = ctx;
  switch (call.type) {
    case 'TransferContract': {
      if (call.amount <= 0n) fail('Amount must be greater than 0.');
      if (call.to === call.owner) fail('Cannot transfer TRX to yourself.');
      if (call.to === ctx.usdtContract) fail('Cannot transfer TRX to a smartContract.');
      const fee = state.accounts.has(call.to) ? 0n : CREATE_ACCOUNT_SYSTEM_FEE_SUN;
      if (spendable < call.amount + fee) fail('Validate TransferContract error, balance is not sufficient.');
      return;
    }
    case 'TriggerSmartContract':
      if (call.contract !== ctx.usdtContract) fail('No contract or not a valid smart contract');
      if (feeLimit < 0n || feeLimit > MAX_FEE_LIMIT_SUN)
        fail(`feeLimit must be >= 0 and <= ${MAX_FEE_LIMIT_SUN}`);
      if (call.callValue < 0n || spendable < call.callValue) {
        fail('Validate InternalTransfer error, balance is not sufficient.');
      }
      return;
    case 'FreezeBalanceV2Contract':
      if (call.frozenBalance < SUN_PER_TRX) fail('frozenBalance must be greater than or equal to 1 TRX');
      if (call.frozenBalance > spendable) fail('frozenBalance must be less than or equal to accountBalance');
      return;
    case 'UnfreezeBalanceV2Contract':
      if (call.unfreezeBalance <= 0n || call.unfreezeBalance > owner.frozen[call.resource]) {
        fail(`Invalid unfreeze_balance, [${call.unfreezeBalance}] is invalid`);
      }
      return;
    case 'WithdrawExpireUnfreezeContract':
      if (!owner.unfreezing.some((u) => u.expireTimeMs <= ctx.nowMs))
        fail('no unFreeze balance to withdraw ');
      return;
    case 'DelegateResourceContract': {
      if (call.balance < SUN_PER_TRX) fail('delegateBalance must be greater than or equal to 1 TRX');
      if (call.balance > owner.frozen[call.resource]) {
        fail(`delegateBalance must be less than or equal to available FreezeV2 balance of ${call.resource}`);
      }
      if (call.receiver === call.owner) fail('receiverAddress must not be the same as ownerAddress');
      if (call.receiver === ctx.usdtContract) fail('Do not allow delegate resources to contract addresses');
      if (!state.accounts.has(call.receiver))
        fail(`Account[${toBase58Address(call.receiver)}] does not exist`);
      if (call.lock && (call.lockPeriod < 0n || call.lockPeriod > MAX_DELEGATE_LOCK_BLOCKS)) {
        fail(
          `The lock period of delegate resource cannot be less than 0 and cannot exceed ${MAX_DELEGATE_LOCK_BLOCKS}!`,
        );
      }
      return;
    }
    case 'UnDelegateResourceContract': {
      if (call.balance <= 0n) fail('unDelegateBalance must be more than 0 TRX');
      if (call.receiver === call.owner) fail('receiverAddress must not be the same as ownerAddress');
      const { unlocked, total } = undelegatable(state, call.owner, call.receiver, call.resource, ctx.nowMs);
      if (total === 0n) fail('delegated Resource does not exist');
      if (unlocked < call.balance) {
        fail(
          `insufficient delegatedFrozenBalance(${call.resource}), request=${call.balance}, unlock_balance=${unlocked}`,
        );
      }
      return;
    }
    case 'UnsupportedContract':
      fail(`${call.typeName} is not supported by the sandbox node`);
  }
}

/** What a pair's delegations hold, and how much of it is past its lock. */
function undelegatable(state: ChainState, from: string, to: string, resource: Resource, nowMs: number) {
  const free = state.delegations.get(delegationKey(from, to, resource, false));
  const locked = state.delegations.get(delegationKey(from, to, resource, true));
  const lockedExpired = locked && locked.expireTimeMs <= nowMs ? locked.balance : 0n;
  return {
    unlocked: (free?.balance ?? 0n) + lockedExpired,
    total: (free?.balance ?? 0n) + (locked?.balance ?? 0n),
  };
}

function applyContract(
  ctx: ExecutionContext,
  call: ContractCall,
  owner: Account,
  feeLimit: bigint,
  base: TxOutcome,
): TxOutcome {
  const { state, nowMs } = ctx;
  switch (call.type) {
    case 'TransferContract': {
      let receiver = state.accounts.get(call.to);
      let fee = base.fee;
      if (!receiver) {
        receiver = newAccount(call.to, nowMs);
        state.accounts.set(call.to, receiver);
        owner.balance -= CREATE_ACCOUNT_SYSTEM_FEE_SUN;
        fee += CREATE_ACCOUNT_SYSTEM_FEE_SUN;
      }
      owner.balance -= call.amount;
      receiver.balance += call.amount;
      return { ...base, fee };
    }
    case 'TriggerSmartContract':
      return applyTrigger(ctx, call, owner, feeLimit, base);
    case 'FreezeBalanceV2Contract':
      owner.balance -= call.frozenBalance;
      owner.frozen[call.resource] += call.frozenBalance;
      return base;
    case 'UnfreezeBalanceV2Contract':
      owner.frozen[call.resource] -= call.unfreezeBalance;
      owner.unfreezing.push({
        resource: call.resource,
        amount: call.unfreezeBalance,
        expireTimeMs: nowMs + UNFREEZE_DELAY_DAYS * 86_400_000,
      });
      return base;
    case 'WithdrawExpireUnfreezeContract': {
      const due = owner.unfreezing.filter((u) => u.expireTimeMs <= nowMs);
      owner.unfreezing = owner.unfreezing.filter((u) => u.expireTimeMs > nowMs);
      owner.balance += due.reduce((sum, u) => sum + u.amount, 0n);
      return base;
    }
    case 'DelegateResourceContract':
      return { ...base, resourceUnits: applyDelegate(ctx, call, owner) };
    case 'UnDelegateResourceContract':
      return { ...base, resourceUnits: applyUndelegate(ctx, call, owner) };
    case 'UnsupportedContract':
      return base;
  }
}

function applyTrigger(
  ctx: ExecutionContext,
  call: Extract<ContractCall, { type: 'TriggerSmartContract' }>,
  owner: Account,
  feeLimit: bigint,
  base: TxOutcome,
): TxOutcome {
  const slot = slotOf(ctx.nowMs);
  const run = runUsdtCall(ctx.state, call.contract, call.owner, call.data, call.callValue);
  const leftFromStake = Math.max(0, energyLimit(owner) - usageAt(owner.energyUsage, slot));
  // As java-tron: the call may use staked energy plus what the balance can burn, and fee_limit
  // caps the whole (staked energy counts against it too).
  const fromBalance = owner.balance / ENERGY_FEE_SUN;
  const callLimit = Number(
    bigMin(BigInt(leftFromStake) + fromBalance, (feeLimit < 0n ? 0n : feeLimit) / ENERGY_FEE_SUN),
  );
  const outOfEnergy = run.energy > callLimit;
  const used = outOfEnergy ? callLimit : run.energy;
  const fromStake = Math.min(used, leftFromStake);
  const energyFee = BigInt(used - fromStake) * ENERGY_FEE_SUN;
  owner.energyUsage = consume(owner.energyUsage, fromStake, slot);
  owner.balance -= energyFee;

  const paid = {
    ...base,
    energyUsage: fromStake,
    energyFee,
    energyUsageTotal: used,
    fee: base.fee + energyFee,
  };
  if (outOfEnergy) {
    return { ...paid, contractRet: 'OUT_OF_ENERGY', resMessage: 'Not enough energy for this transaction' };
  }
  if (run.reverted) return { ...paid, contractRet: 'REVERT', resMessage: 'REVERT opcode executed' };
  run.commit?.();
  return { ...paid, logs: run.logs, contractResult: run.returnHex, usdtTransfer: run.transfer };
}

const bigMin = (a: bigint, b: bigint) => (a < b ? a : b);

function applyDelegate(
  ctx: ExecutionContext,
  call: Extract<ContractCall, { type: 'DelegateResourceContract' }>,
  owner: Account,
): number {
  const { state, nowMs } = ctx;
  const receiver = state.accounts.get(call.receiver);
  if (!receiver) throw new Error('validated receiver vanished');
  owner.frozen[call.resource] -= call.balance;
  owner.delegatedOut[call.resource] += call.balance;
  receiver.acquired[call.resource] += call.balance;
  const key = delegationKey(call.owner, call.receiver, call.resource, call.lock);
  const existing = state.delegations.get(key);
  const lockBlocks = call.lockPeriod > 0n ? call.lockPeriod : DEFAULT_DELEGATE_LOCK_BLOCKS;
  const expireTimeMs = call.lock
    ? Math.max(existing?.expireTimeMs ?? 0, nowMs + Number(lockBlocks) * SLOT_MS)
    : 0;
  state.delegations.set(key, {
    from: call.owner,
    to: call.receiver,
    resource: call.resource,
    balance: (existing?.balance ?? 0n) + call.balance,
    expireTimeMs,
  });
  return unitsOf(call.resource, call.balance);
}

function applyUndelegate(
  ctx: ExecutionContext,
  call: Extract<ContractCall, { type: 'UnDelegateResourceContract' }>,
  owner: Account,
): number {
  const { state, nowMs } = ctx;
  const freeKey = delegationKey(call.owner, call.receiver, call.resource, false);
  const lockedKey = delegationKey(call.owner, call.receiver, call.resource, true);
  // An expired lock counts as unlocked: fold it into the unlocked record first.
  const locked = state.delegations.get(lockedKey);
  if (locked && locked.expireTimeMs <= nowMs) {
    state.delegations.delete(lockedKey);
    const free = state.delegations.get(freeKey);
    state.delegations.set(freeKey, {
      ...locked,
      balance: (free?.balance ?? 0n) + locked.balance,
      expireTimeMs: 0,
    });
  }
  const free = state.delegations.get(freeKey);
  if (!free) throw new Error('validated delegation vanished');
  if (free.balance === call.balance) state.delegations.delete(freeKey);
  else state.delegations.set(freeKey, { ...free, balance: free.balance - call.balance });
  owner.delegatedOut[call.resource] -= call.balance;
  owner.frozen[call.resource] += call.balance;
  const receiver = state.accounts.get(call.receiver);
  if (receiver) receiver.acquired[call.resource] -= call.balance;
  return unitsOf(call.resource, call.balance);
}
