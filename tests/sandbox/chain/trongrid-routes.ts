import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { jsonResponse } from '../core/json';
import { displayAddress, isAddress, toBase58Address, toHexAddress } from './address';
import type { SimChain, TxRecord } from './chain';
import { accountJson } from './node-json';
import { rawDataJson } from './transaction-json';
import { decodeTransferCall, USDT_DECIMALS, USDT_NAME, USDT_SYMBOL, usdtBalanceOf } from './usdt';

/**
 * The TronGrid v1 subset under `/tron/v1`: an account, its transactions and its TRC20 transfers,
 * shaped `{data, success, meta}` with fingerprint paging. TronGrid indexes blocks, so only
 * transactions in a block are listed (the sandbox's blocks are final at once: nothing is ever
 * "unconfirmed" here, and `only_unconfirmed=true` lists nothing).
 */

const booleanQuery = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');
const listQuery = z.object({
  only_confirmed: booleanQuery,
  only_unconfirmed: booleanQuery,
  only_to: booleanQuery,
  only_from: booleanQuery,
  limit: z.coerce.number().int().min(1).max(200).default(20),
  order_by: z.enum(['block_timestamp,desc', 'block_timestamp,asc']).default('block_timestamp,desc'),
  min_timestamp: z.coerce.number().int().min(0).optional(),
  max_timestamp: z.coerce.number().int().min(0).optional(),
  fingerprint: z.string().optional(),
  contract_address: z.string().optional(),
  visible: booleanQuery,
});
type ListQuery = z.output<typeof listQuery>;

/** Registers the TronGrid routes (paths relative to the node's `/tron` mount). */
export function registerTronGridEndpoints(routes: Hono, chain: SimChain) {
  routes.get('/v1/accounts/:address', (c) => {
    const address = addressParam(c);
    if (!address) return invalidAddress();
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
    if (!address) return invalidAddress();
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
        inWindow(q, record)
      );
    });
    return page(c, chain, q, matches, (record) => tronGridTransaction(record, q.visible));
  });

  routes.get('/v1/accounts/:address/transactions/trc20', (c) => {
    const address = addressParam(c);
    if (!address) return invalidAddress();
    const query = listQuery.safeParse(c.req.query());
    if (!query.success) return badRequest(query.error.issues[0]?.message ?? 'invalid query');
    const q = query.data;
    if (
      q.contract_address &&
      (!isAddress(q.contract_address) || toHexAddress(q.contract_address) !== chain.usdtContractHex)
    ) {
      return page(c, chain, q, [], () => ({}));
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
      return wanted && inWindow(q, record) ? [{ record, from, ...transfer }] : [];
    });
    return page(c, chain, q, transfers, ({ record, from, to, amount }) => ({
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

function addressParam(c: Context): string | undefined {
  const raw = c.req.param('address') ?? '';
  return isAddress(raw) ? toHexAddress(raw) : undefined;
}

function invalidAddress() {
  return badRequest('Invalid address');
}

function badRequest(error: string) {
  return jsonResponse({ success: false, error, statusCode: 400n }, { status: 400 });
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

function inWindow(q: ListQuery, record: TxRecord): boolean {
  const time = record.block?.timestamp ?? 0;
  if (q.only_unconfirmed) return false;
  return (
    (q.min_timestamp === undefined || time >= q.min_timestamp) &&
    (q.max_timestamp === undefined || time <= q.max_timestamp)
  );
}

/** Orders, pages by fingerprint (an opaque offset) and wraps a list in TronGrid's envelope. */
function page<T>(c: Context, chain: SimChain, q: ListQuery, items: T[], render: (item: T) => unknown) {
  const ordered = q.order_by === 'block_timestamp,asc' ? items : [...items].reverse();
  const offset = q.fingerprint
    ? Number.parseInt(Buffer.from(q.fingerprint, 'base64url').toString('utf8'), 10) || 0
    : 0;
  const slice = ordered.slice(offset, offset + q.limit);
  const nextOffset = offset + slice.length;
  const meta: Record<string, unknown> = { at: BigInt(chain.now()), page_size: BigInt(slice.length) };
  if (nextOffset < ordered.length) {
    const fingerprint = Buffer.from(String(nextOffset), 'utf8').toString('base64url');
    const next = new URL(c.req.url);
    next.searchParams.set('fingerprint', fingerprint);
    meta.fingerprint = fingerprint;
    meta.links = { next: next.toString() };
  }
  return jsonResponse({ data: slice.map(render), success: true, meta });
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
