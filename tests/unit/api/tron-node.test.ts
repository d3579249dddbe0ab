import { describe, expect, it } from 'vitest';
import { createTronNodeApi } from '@/lib/tron/node-api';
import { toHexAddress } from '@/lib/tron/address';
import { noSleep, scriptedFetch, type Script, type ScriptedReply } from './scripted-fetch';

const BASE = 'http://127.0.0.1:8787/tron';
const USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const HOLDER = 'TGzz8gjYiYRqpfmDwnLxfgPuLVNmpCswVp';
const PAY_TO = 'TFqUiCu1JwLHHnBNeaaVKH7Csm4aA3YhZx';
const STRANGER = 'TNYmcW4cAyczQzj5QXHBa4FwxMPRw4DgiD';
const TX = 'c3'.repeat(32);
const word = (n: bigint) => n.toString(16).padStart(64, '0');

function clientWith(script: Script | ScriptedReply[]) {
  const { fetch, requests } = scriptedFetch(script);
  return { api: createTronNodeApi({ baseUrl: BASE, usdtContract: USDT, fetch, sleep: noSleep }), requests };
}

/** A TronGrid-listed TRX transfer, addresses in hex as TronGrid prints them. */
function listedTransfer(txid: string, from: string, to: string, amount: number, time: number) {
  return {
    txID: txid,
    ret: [{ contractRet: 'SUCCESS', fee: 0 }],
    blockNumber: 100,
    block_timestamp: time,
    raw_data: {
      contract: [
        {
          type: 'TransferContract',
          parameter: {
            value: { amount, owner_address: toHexAddress(from), to_address: toHexAddress(to) },
            type_url: 'type.googleapis.com/protocol.TransferContract',
          },
        },
      ],
      timestamp: time - 1000,
    },
  };
}

describe('the TRON node reader', () => {
  it('reads a balance in sun and tells an unactivated address apart', async () => {
    const { api, requests } = clientWith([
      { body: { address: HOLDER, balance: 10_000_000_000, create_time: 1_700_000_000_000 } },
      { body: {} },
    ]);
    await expect(api.account(HOLDER)).resolves.toEqual({
      activated: true,
      balanceSun: 10_000_000_000n,
      createTimeMs: 1_700_000_000_000,
    });
    await expect(api.account(STRANGER)).resolves.toEqual({
      activated: false,
      balanceSun: 0n,
      createTimeMs: undefined,
    });
    expect(requests[0]).toMatchObject({
      url: `${BASE}/wallet/getaccount`,
      method: 'POST',
      json: { address: HOLDER, visible: true },
    });
  });

  it('refuses a balance a double cannot hold exactly instead of rounding it', async () => {
    const { api } = clientWith([{ body: `{"address":"${HOLDER}","balance":9007199254740993}` }]);
    await expect(api.account(HOLDER)).rejects.toMatchObject({ code: 'unexpected_response' });
  });

  it('computes the energy and bandwidth left to use now', async () => {
    const { api } = clientWith([
      {
        body: {
          freeNetUsed: 100,
          freeNetLimit: 600,
          NetLimit: 50,
          EnergyUsed: 1_000,
          EnergyLimit: 65_000,
          TotalEnergyLimit: 1,
        },
      },
      { body: {} },
    ]);
    await expect(api.accountResources(HOLDER)).resolves.toMatchObject({
      energyAvailable: 64_000,
      freeBandwidthAvailable: 500,
      stakedBandwidthAvailable: 50,
      bandwidthAvailable: 550,
    });
    // A fresh address has nothing at all.
    await expect(api.accountResources(STRANGER)).resolves.toMatchObject({
      energyAvailable: 0,
      bandwidthAvailable: 0,
    });
  });

  it('reads the burn prices from the chain parameters', async () => {
    const { api } = clientWith([
      {
        body: {
          chainParameter: [
            { key: 'getTransactionFee', value: 1000 },
            { key: 'getEnergyFee', value: 100 },
            { key: 'getCreateNewAccountFeeInSystemContract', value: 1_000_000 },
            { key: 'getAllowUpdateAccountName' },
            { key: 'getRemoveThePowerOfTheGr', value: -1 },
          ],
        },
      },
    ]);
    await expect(api.chainParameters()).resolves.toEqual({
      energyFeeSun: 100n,
      bandwidthFeeSun: 1000n,
      createAccountFeeSun: 1_000_000n,
    });
  });

  it('calls USDT balanceOf and isBlackListed as constant calls', async () => {
    const { api, requests } = clientWith([
      { body: { result: { result: true }, constant_result: [word(1_000_000_000n)], energy_used: 500 } },
      { body: { result: { result: true }, constant_result: [word(1n)] } },
    ]);
    await expect(api.usdtBalance(HOLDER)).resolves.toBe(1_000_000_000n);
    await expect(api.isUsdtBlacklisted(STRANGER)).resolves.toBe(true);
    expect(requests[0]).toMatchObject({
      url: `${BASE}/wallet/triggerconstantcontract`,
      json: {
        owner_address: 'T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb',
        contract_address: USDT,
        function_selector: 'balanceOf(address)',
        parameter: toHexAddress(HOLDER).slice(2).padStart(64, '0'),
        visible: true,
      },
    });
    expect((requests[1]!.json as { function_selector: string }).function_selector).toBe(
      'isBlackListed(address)',
    );
  });

  it('reports a failed or empty constant call as an error, not as false', async () => {
    const { api } = clientWith([
      { body: { result: { code: 'CONTRACT_VALIDATE_ERROR', message: '636f6e7472616374' } } },
      { body: { result: { result: true }, constant_result: [''] } },
    ]);
    await expect(api.isUsdtBlacklisted(HOLDER)).rejects.toMatchObject({ code: 'constant_call_failed' });
    await expect(api.isUsdtBlacklisted(HOLDER)).rejects.toMatchObject({ code: 'constant_call_failed' });
  });

  it('reads the blacklist for many addresses a few at a time, leaving failures out', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const blacklisted = new Set([toHexAddress(STRANGER).slice(2)]);
    const addresses = [HOLDER, STRANGER, PAY_TO, USDT, HOLDER, 'T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb'];
    const { api, requests } = clientWith(async (request) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      const parameter = (request.json as { parameter: string }).parameter;
      if (parameter.endsWith(toHexAddress(PAY_TO).slice(2)))
        return { status: 200, body: { Error: 'node hiccup' } };
      const listed = [...blacklisted].some((body) => parameter.endsWith(body));
      return { body: { result: { result: true }, constant_result: [word(listed ? 1n : 0n)] } };
    });
    const answers = await api.isBlackListed(addresses);
    expect(mostInFlight).toBeLessThanOrEqual(4);
    expect(requests).toHaveLength(5);
    expect([...answers.entries()].sort()).toEqual(
      [
        [HOLDER, false],
        [STRANGER, true],
        [USDT, false],
        ['T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb', false],
      ].sort(),
    );
  });

  it('tells "not yet indexed" from "pending" from "confirmed" from "failed"', async () => {
    const broadcast = {
      txID: TX,
      raw_data: {
        contract: [
          {
            type: 'TransferContract',
            parameter: { value: { amount: 4_000_000, owner_address: HOLDER, to_address: PAY_TO } },
          },
        ],
        timestamp: 1_700_000_000_000,
      },
      visible: true,
    };
    const routes: Record<string, ScriptedReply[]> = {
      '/wallet/gettransactioninfobyid': [
        { body: {} },
        { body: {} },
        { body: { id: TX, blockNumber: 12, blockTimeStamp: 1_700_000_003_000, receipt: { net_usage: 267 } } },
        {
          body: {
            id: TX,
            fee: 6_428_500,
            blockNumber: 13,
            receipt: { result: 'OUT_OF_ENERGY', energy_usage_total: 64_285 },
            result: 'FAILED',
            resMessage: '4f7574206f6620656e65726779',
          },
        },
      ],
      '/wallet/gettransactionbyid': [{ body: {} }, { body: broadcast }],
    };
    const { api, requests } = clientWith((request) =>
      routes[new URL(request.url).pathname.replace('/tron', '')]!.shift()!,
    );
    await expect(api.transactionState(TX)).resolves.toEqual({ state: 'not_found' });
    await expect(api.transactionState(TX)).resolves.toMatchObject({
      state: 'pending',
      transaction: { txid: TX, type: 'TransferContract', from: HOLDER, to: PAY_TO, amountSun: 4_000_000n },
    });
    await expect(api.transactionState(TX)).resolves.toMatchObject({
      state: 'confirmed',
      info: { blockNumber: 12, feeSun: 0n, bandwidthUsed: 267, failed: false },
    });
    await expect(api.transactionState(TX)).resolves.toMatchObject({
      state: 'failed',
      info: { receiptResult: 'OUT_OF_ENERGY', feeSun: 6_428_500n, failureMessage: 'Out of energy' },
    });
    expect(requests[0]!.json).toEqual({ value: TX, visible: true });
  });

  it('asks the solidity node when the caller wants an irreversible answer', async () => {
    const { api, requests } = clientWith([{ body: { id: TX, blockNumber: 5 } }]);
    await api.transactionState(TX, { solidified: true });
    expect(requests[0]!.url).toBe(`${BASE}/walletsolidity/gettransactioninfobyid`);
  });

  it('lists account transactions with the TronGrid filters', async () => {
    const { api, requests } = clientWith([
      {
        body: {
          data: [
            listedTransfer(TX, HOLDER, PAY_TO, 4_000_000, 1_700_000_010_000),
            { internal_tx_id: 'x', data: {} },
          ],
          success: true,
          meta: { at: 1, page_size: 2, fingerprint: 'next-page' },
        },
      },
    ]);
    const page = await api.accountTransactions(HOLDER, {
      onlyFrom: true,
      onlyConfirmed: true,
      minTimestamp: 1_700_000_000_000,
      limit: 50,
    });
    expect(requests[0]!.url).toBe(
      `${BASE}/v1/accounts/${HOLDER}/transactions?only_from=true&only_confirmed=true&min_timestamp=1700000000000&limit=50`,
    );
    expect(page.nextFingerprint).toBe('next-page');
    expect(page.transactions).toEqual([
      {
        txid: TX,
        type: 'TransferContract',
        from: HOLDER,
        to: PAY_TO,
        amountSun: 4_000_000n,
        contractRet: 'SUCCESS',
        timestampMs: 1_700_000_009_000,
        blockNumber: 100,
        blockTimestampMs: 1_700_000_010_000,
      },
    ]);
  });

  it('finds a lost payment by sender, receiver and amount across pages', async () => {
    const since = 1_700_000_000_000;
    const { api, requests } = clientWith([
      {
        body: {
          data: [
            listedTransfer('01'.repeat(32), HOLDER, STRANGER, 4_000_000, since + 1_000),
            listedTransfer('02'.repeat(32), HOLDER, PAY_TO, 5_000_000, since + 2_000),
            listedTransfer('03'.repeat(32), HOLDER, PAY_TO, 4_000_000, since + 3_000),
          ],
          success: true,
          meta: { fingerprint: 'page-2' },
        },
      },
      {
        body: {
          data: [listedTransfer('04'.repeat(32), HOLDER, PAY_TO, 4_000_000, since + 4_000)],
          success: true,
          meta: {},
        },
      },
    ]);
    const found = await api.findTrxPayment({
      from: HOLDER,
      to: PAY_TO,
      amountSun: 4_000_000n,
      sinceMs: since,
      excludeTxids: ['03'.repeat(32)],
    });
    expect(found?.txid).toBe('04'.repeat(32));
    expect(new URL(requests[0]!.url).searchParams.get('order_by')).toBe('block_timestamp,asc');
    expect(new URL(requests[1]!.url).searchParams.get('fingerprint')).toBe('page-2');
  });

  it('returns nothing when no page holds the payment', async () => {
    const { api } = clientWith([{ body: { data: [], success: true, meta: {} } }]);
    await expect(
      api.findTrxPayment({ from: HOLDER, to: PAY_TO, amountSun: 1n, sinceMs: 0 }),
    ).resolves.toBeUndefined();
  });

  it('names node and TronGrid failures by code', async () => {
    const { api } = clientWith([
      { body: { Error: 'class java.lang.IllegalArgumentException : Invalid address' } },
      { status: 400, body: { success: false, error: 'Invalid address', statusCode: 400 } },
    ]);
    await expect(api.account(HOLDER)).rejects.toMatchObject({ code: 'node_error', service: 'tron-node' });
    const limited = createTronNodeApi({
      baseUrl: BASE,
      fetch: scriptedFetch([{ status: 429, body: { success: false, error: 'rate limited' } }]).fetch,
      maxAttempts: 1,
    });
    await expect(limited.accountTransactions(HOLDER)).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(api.accountTransactions(HOLDER)).rejects.toMatchObject({ code: 'node_error', status: 400 });
  });
});
