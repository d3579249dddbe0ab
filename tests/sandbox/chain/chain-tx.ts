import type { ChainTx } from '../world';
import { toBase58Address } from './address';
import type { TxRecord } from './chain';
import { unitsFor } from './resources';
import { decodeTransferCall } from './usdt';

/** The read model services see of a node record (base58 addresses, status from the block and result). */
export function readChainTx(record: TxRecord, usdtContractHex: string): ChainTx {
  const { raw, outcome, block } = record;
  const call = raw.contract;
  const status: ChainTx['status'] = !block
    ? 'pending'
    : outcome.contractRet === 'SUCCESS'
      ? 'confirmed'
      : 'failed';
  const common = {
    txid: record.txid,
    status,
    contractRet: block ? outcome.contractRet : undefined,
    blockNumber: block?.number,
    timestampMs: block?.timestamp ?? raw.timestamp,
    from: toBase58Address(call.owner),
    feeSun: outcome.fee,
    energyUsed: outcome.energyUsageTotal,
  };
  switch (call.type) {
    case 'TransferContract':
      return { ...common, kind: 'trx_transfer', to: toBase58Address(call.to), amount: call.amount };
    case 'TriggerSmartContract': {
      const transfer = call.contract === usdtContractHex ? decodeTransferCall(call.data) : undefined;
      return transfer
        ? { ...common, kind: 'usdt_transfer', to: toBase58Address(transfer.to), amount: transfer.amount }
        : { ...common, kind: 'other', to: toBase58Address(call.contract) };
    }
    case 'DelegateResourceContract':
    case 'UnDelegateResourceContract':
      return {
        ...common,
        kind: call.type === 'DelegateResourceContract' ? 'delegate_resource' : 'undelegate_resource',
        to: toBase58Address(call.receiver),
        amount: BigInt(outcome.resourceUnits ?? unitsFor(call.resource, call.balance)),
        resource: call.resource,
      };
    default:
      return { ...common, kind: 'other' };
  }
}
