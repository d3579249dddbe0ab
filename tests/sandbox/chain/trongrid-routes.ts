import type { Hono } from 'hono';
import { jsonResponse } from '../core/json';
import { displayAddress, isAddress, toBase58Address, toHexAddress } from './address';
import type { SimChain, TxRecord } from './chain';
import { accountJson } from './node-json';
import { rawDataJson } from './transaction-json';
import { addressParam, badRequest, inWindow, listQuery, page } from './trongrid-paging';
import { decodeTransferCall, USDT_DECIMALS, USDT_NAME, USDT_SYMBOL, usdtBalanceOf } from './usdt';

/** The TronGrid v1 account routes under `/tron/v1`: an account, its transactions and its TRC20 transfers. */

/** Registers the TronGrid routes (paths relative to the node's `/tron` mount). */
export function registerTronGridEndpoints(routes: Hono, chain: SimChain) {
  routes.get('/v1/accounts/:address', (c) => {
    const address = addressParam(c);
    if (!address) return badRequest('Invalid address');
    const account = chain.view(true).accounts.get(address);
    const data = account
      ? [
          {
            ...accountJson(account, chain.now(), false),
            trc20: trc20Holdings(chain, address),
          },
        ]
      : [];
    return jsonResponse({
      data,
      success: true,
      meta: { at: BigInt(chain.now()), page_size: BigInt(data.length) },
    });
  });

  routes.get('/v1/accounts/:address/transactions', (c) => {
    const address = addressParam(c);
    if (!address) return badRequest('Invalid address');
    const query = listQuery.safeParse(c.req.query());
    if (!query.success) return badRequest(query.error.issues[0]?.message ?? 'invalid query');
    const q = query.data;
    const matches = chain.confirmedRecords().filter((record) => {
      const { owner, to } = parties(record);
      const involved = owner === address || to === address;
      return (
        involved &&
        (!q.only_from || owner === address) &&
        (!q.only_to || to === address) &&
        inWindow(q, record.block?.timestamp ?? 0)
      );
    });
    return page(c, chain.now(), q, matches, (record) => tronGridTransaction(record, q.visible));
  });

  routes.get('/v1/accounts/:address/transactions/trc20', (c) => {
    const address = addressParam(c);
    if (!address) return badRequest('Invalid address');
    const query = listQuery.safeParse(c.req.query());
    if (!query.success) return badRequest(query.error.issues[0]?.message ?? 'invalid query');
    const q = query.data;
    if (
      q.contract_address &&
      (!isAddress(q.contract_address) || toHexAddress(q.contract_address) !== chain.usdtContractHex)
    ) {
      return page(c, chain.now(), q, [], () => ({}));
    }
    // Only transfers that succeeded emit the Transfer event TronGrid indexes.
    const transfers = chain.confirmedRecords().flatMap((record) => {
      const call = record.raw.contract;
      if (call.type !== 'TriggerSmartContract' || call.contract !== chain.usdtContractHex) return [];
      if (record.outcome.contractRet !== 'SUCCESS') return [];
      const transfer = decodeTransferCall(call.data);
      if (!transfer) return [];
      const from = call.owner;
      const involved = from === address || transfer.to === address;
      const wanted =
        involved && (!q.only_from || from === address) && (!q.only_to || transfer.to === address);
      return wanted && inWindow(q, record.block?.timestamp ?? 0) ? [{ record, from, ...transfer }] : [];
    });
    return page(c, chain.now(), q, transfers, ({ record, from, to, amount }) => ({
      transaction_id: record.txid,
      token_info: {
        symbol: USDT_SYMBOL,
        address: chain.usdtContract,
        decimals: Number(USDT_DECIMALS),
        name: USDT_NAME,
      },
      block_timestamp: BigInt(record.block?.timestamp ?? 0),
      from: toBase58Address(from),
      to: toBase58Address(to),
      type: 'Transfer',
      value: amount.toString(),
    }));
  });
}

/** Owner and counterparty of a transaction, in hex. */
function parties(record: TxRecord): { owner: string; to?: string } {
  const call = record.raw.contract;
  switch (call.type) {
    case 'TransferContract':
      return { owner: call.owner, to: call.to };
    case 'TriggerSmartContract':
      return { owner: call.owner, to: call.contract };
    case 'DelegateResourceContract':
    case 'UnDelegateResourceContract':
      return { owner: call.owner, to: call.receiver };
    default:
      return { owner: call.owner };
  }
}

/** A transaction as TronGrid lists it: the node's JSON plus its receipt figures. */
function tronGridTransaction(record: TxRecord, visible: boolean) {
  const { outcome } = record;
  return {
    ret: [{ contractRet: outcome.contractRet, fee: outcome.fee }],
    signature: record.signatures,
    txID: record.txid,
    net_usage: BigInt(outcome.netUsage),
    raw_data_hex: record.rawHex,
    net_fee: outcome.netFee,
    energy_usage: BigInt(outcome.energyUsage),
    blockNumber: BigInt(record.block?.number ?? 0),
    block_timestamp: BigInt(record.block?.timestamp ?? 0),
    energy_fee: outcome.energyFee,
    energy_usage_total: BigInt(outcome.energyUsageTotal),
    raw_data: rawDataJson(record.raw, visible),
    internal_transactions: [],
  };
}

function trc20Holdings(chain: SimChain, address: string) {
  const balance = usdtBalanceOf(chain.view(true), address);
  return balance > 0n ? [{ [displayAddress(chain.usdtContractHex, true)]: balance.toString() }] : [];
}
