import type { Hono } from 'hono';
import { toBase58Address } from './address';
import type { SimChain, TxRecord } from './chain';
import { addressParam, badRequest, inWindow, listQuery, page } from './trongrid-paging';
import { TRANSFER_TOPIC, type LogEntry } from './usdt';

/**
 * TronGrid's event API under `/tron`, which TronWeb's `tronWeb.event` calls on the same host:
 * `/healthcheck`, `/v1/transactions/:txid/events` and `/v1/contracts/:address/events`. The only
 * contract is USDT, so the only event is its `Transfer`.
 */
export function registerTronGridEvents(routes: Hono, chain: SimChain) {
  routes.get('/healthcheck', (c) => c.json({ ok: true }));

  routes.get('/v1/transactions/:txid/events', (c) => {
    const query = listQuery.safeParse(c.req.query());
    if (!query.success) return badRequest(query.error.issues[0]?.message ?? 'invalid query');
    const record = chain.txRecord(c.req.param('txid'), true);
    const events = record ? eventsOf(record) : [];
    return page(c, chain.now(), { ...query.data, order_by: 'block_timestamp,asc' }, events, (e) => e);
  });

  routes.get('/v1/contracts/:address/events', (c) => {
    const contract = addressParam(c);
    if (!contract) return badRequest('Invalid contract address');
    const query = listQuery.safeParse(c.req.query());
    if (!query.success) return badRequest(query.error.issues[0]?.message ?? 'invalid query');
    const q = query.data;
    const events = chain
      .confirmedRecords()
      .flatMap(eventsOf)
      .filter(
        (e) =>
          e.contract_address === toBase58Address(contract) &&
          (!q.event_name || e.event_name === q.event_name) &&
          (q.block_number === undefined || Number(e.block_number) === q.block_number) &&
          inWindow(q, Number(e.block_timestamp)),
      );
    return page(c, chain.now(), q, events, (e) => e);
  });
}

/** The events a confirmed transaction emitted, as TronGrid decodes them. */
function eventsOf(record: TxRecord) {
  if (!record.block || record.outcome.contractRet !== 'SUCCESS') return [];
  return record.outcome.logs.flatMap((log, index) => {
    const transfer = decodeTransferLog(log);
    if (!transfer) return [];
    const contract = toBase58Address('41' + log.address);
    return [
      {
        block_number: BigInt(record.block?.number ?? 0),
        block_timestamp: BigInt(record.block?.timestamp ?? 0),
        caller_contract_address: contract,
        contract_address: contract,
        event_index: index,
        event_name: 'Transfer',
        result: { 0: transfer.from, 1: transfer.to, 2: transfer.value, ...transfer },
        result_type: { from: 'address', to: 'address', value: 'uint256' },
        event: 'Transfer(address indexed from, address indexed to, uint256 value)',
        transaction_id: record.txid,
      },
    ];
  });
}

/** A `Transfer` log's fields: addresses as TronGrid prints them (`0x` + 20 bytes), value as a decimal string. */
function decodeTransferLog(log: LogEntry): { from: string; to: string; value: string } | undefined {
  const [topic, from, to] = log.topics;
  if (topic !== TRANSFER_TOPIC || !from || !to) return undefined;
  return { from: '0x' + from.slice(24), to: '0x' + to.slice(24), value: BigInt('0x' + log.data).toString() };
}
