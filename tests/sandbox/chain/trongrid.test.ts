import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TronWeb } from 'tronweb';
import { startTestSandbox, type TestSandbox } from '../core/test-sandbox';

/** The TronGrid v1 subset: account history and TRC20 transfers as an explorer-like client lists them. */

const USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

let sandbox: TestSandbox;
let tronWeb: TronWeb;
let user: string;
let friend: string;
const txids: string[] = [];
let usdtTxid = '';

interface Listing<T> {
  data: T[];
  success: boolean;
  meta: { at: number; page_size: number; fingerprint?: string; links?: { next: string } };
}

async function list<T>(path: string): Promise<Listing<T>> {
  const response = await fetch(`${sandbox.origin}/tron/v1${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Listing<T>;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  tronWeb = sandbox.tronWeb('tronlink');
  user = sandbox.world.chain.keypair('tronlink').address;
  friend = sandbox.world.chain.keypair('tronlink2').address;
  // Three TRX payments in three blocks, one the other way, then a USDT transfer.
  for (const amount of [1_000_000, 2_000_000, 3_000_000]) {
    txids.push((await tronWeb.trx.sendTransaction(friend, amount)).txid);
    await sandbox.mine();
  }
  txids.push((await sandbox.tronWeb('tronlink2').trx.sendTransaction(user, 500_000)).txid);
  const contract = await tronWeb.contract().at(USDT);
  const transfer = contract.methods.transfer;
  if (!transfer) throw new Error('the USDT ABI has no transfer');
  usdtTxid = await transfer(friend, 7_000_000).send({ feeLimit: 100_000_000 });
  await sandbox.mine();
});

afterAll(async () => {
  await sandbox.close();
});

describe('GET /v1/accounts/:address/transactions', () => {
  it('lists an account’s transactions newest first, with receipts', async () => {
    const page = await list<{ txID: string; ret: Array<{ contractRet: string }>; net_usage: number }>(
      `/accounts/${user}/transactions`,
    );
    expect(page.success).toBe(true);
    expect(page.data.map((t) => t.txID)).toEqual([usdtTxid, ...[...txids].reverse()]);
    expect(page.data[1]?.ret[0]?.contractRet).toBe('SUCCESS');
  });

  it('filters by direction and orders oldest first on request', async () => {
    const incoming = await list<{ txID: string }>(`/accounts/${user}/transactions?only_to=true`);
    expect(incoming.data.map((t) => t.txID)).toEqual([txids[3]]);
    const outgoing = await list<{ txID: string }>(
      `/accounts/${user}/transactions?only_from=true&order_by=block_timestamp,asc`,
    );
    expect(outgoing.data.map((t) => t.txID)).toEqual([...txids.slice(0, 3), usdtTxid]);
  });

  it('pages with a fingerprint and a next link', async () => {
    const first = await list<{ txID: string }>(`/accounts/${user}/transactions?limit=2`);
    expect(first.data).toHaveLength(2);
    expect(first.meta.fingerprint).toBeTruthy();
    const follow = async (page: Listing<{ txID: string }>) =>
      (await (await fetch(page.meta.links?.next ?? '')).json()) as Listing<{ txID: string }>;
    const second = await follow(first);
    expect(second.data.map((t) => t.txID)).toEqual([txids[2], txids[1]]);
    const third = await follow(second);
    expect(third.data.map((t) => t.txID)).toEqual([txids[0]]);
    expect(third.meta.fingerprint).toBeUndefined();
  });

  it('filters by time window', async () => {
    const all = await list<{ block_timestamp: number }>(
      `/accounts/${user}/transactions?order_by=block_timestamp,asc`,
    );
    const cut = all.data[2]?.block_timestamp ?? 0;
    const late = await list<{ block_timestamp: number }>(
      `/accounts/${user}/transactions?min_timestamp=${cut}`,
    );
    expect(late.data.every((t) => t.block_timestamp >= cut)).toBe(true);
    expect(late.data.length).toBeLessThan(all.data.length);
  });

  it('answers 400 for an invalid address', async () => {
    const response = await fetch(`${sandbox.origin}/tron/v1/accounts/Tnotanaddress/transactions`);
    expect(response.status).toBe(400);
  });
});

describe('GET /v1/accounts/:address/transactions/trc20', () => {
  it('lists USDT transfers for both sides with token info and a decimal-string value', async () => {
    for (const address of [user, friend]) {
      const page = await list<{
        transaction_id: string;
        from: string;
        to: string;
        value: string;
        token_info: { symbol: string };
      }>(`/accounts/${address}/transactions/trc20`);
      expect(page.data).toEqual([
        expect.objectContaining({
          transaction_id: usdtTxid,
          from: user,
          to: friend,
          value: '7000000',
          type: 'Transfer',
        }),
      ]);
      expect(page.data[0]?.token_info.symbol).toBe('USDT');
    }
    const incoming = await list(`/accounts/${user}/transactions/trc20?only_to=true`);
    expect(incoming.data).toEqual([]);
  });
});

describe('GET /v1/accounts/:address', () => {
  it('shows the account with its TRC20 balances', async () => {
    const page = await list<{ balance: number; trc20: Array<Record<string, string>> }>(`/accounts/${friend}`);
    expect(page.data[0]?.trc20).toEqual([{ [USDT]: '7000000' }]);
    expect(page.data[0]?.balance).toBe(await tronWeb.trx.getBalance(friend));
  });
});

describe('events, as tronWeb.event reads them from the same host', () => {
  it('returns the Transfer event of a USDT transaction', async () => {
    const events = await tronWeb.event.getEventsByTransactionID(usdtTxid);
    expect(events.data).toHaveLength(1);
    const [event] = events.data ?? [];
    expect(event).toMatchObject({ event_name: 'Transfer', contract_address: USDT, transaction_id: usdtTxid });
    expect(event?.result.value).toBe('7000000');
    expect(event?.result.to).toBe('0x' + tronWeb.address.toHex(friend).slice(2).toLowerCase());
  });

  it('lists a contract’s events by name, newest first', async () => {
    const events = await tronWeb.event.getEventsByContractAddress(USDT, { eventName: 'Transfer' });
    expect(events.data?.[0]?.transaction_id).toBe(usdtTxid);
    const none = await tronWeb.event.getEventsByContractAddress(USDT, { eventName: 'Approval' });
    expect(none.data).toEqual([]);
  });

  it('has no events for a plain TRX transfer', async () => {
    expect((await tronWeb.event.getEventsByTransactionID(txids[0] ?? '')).data).toEqual([]);
  });
});
