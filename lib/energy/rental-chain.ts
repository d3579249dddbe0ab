/**
 * What a rental reads on the chain (claim-deps.ts, `NrgClaimChain`), over the TRON node and TronGrid
 * client of the profile in force: a transaction with its block time, the payer's transfer to
 * `pay_to`, and an energy delegation to the receiver.
 */
import type { TronNodeApi } from '@/lib/tron/node-api';
import type { NrgClaimChain } from './claim-deps';

/** The chain reads of the rental job over `node` (looked up per call: the settings may change). */
export function createRentalChain(node: () => Promise<TronNodeApi>): NrgClaimChain {
  return {
    async transaction(txid) {
      const tronNode = await node();
      const tx = await tronNode.transaction(txid);
      if (!tx || tx.blockTimestampMs !== undefined) return tx;
      // A node's transaction carries no block time; its receipt does, once it is in a block.
      const info = await tronNode.transactionInfo(txid);
      return info ? { ...tx, blockTimestampMs: info.blockTimestampMs } : tx;
    },
    async findPayment(query) {
      return (await node()).findTrxPayment({ ...query, sinceMs: Math.max(0, query.sinceMs) });
    },
    async findDelegation({ receiver, sinceMs }) {
      const page = await (
        await node()
      ).accountTransactions(receiver, {
        onlyTo: true,
        onlyConfirmed: true,
        minTimestamp: Math.max(0, sinceMs),
        orderBy: 'block_timestamp,asc',
        limit: 50,
      });
      return page.transactions.find(
        (tx) =>
          tx.type === 'DelegateResourceContract' &&
          tx.to === receiver &&
          (tx.contractRet === undefined || tx.contractRet === 'SUCCESS'),
      );
    },
  };
}
