import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TronWeb } from 'tronweb';
import { startTestSandbox, type TestSandbox } from '../core/test-sandbox';

/** The node's HTTP API as clients other than TronWeb call it: both address forms, GET and POST, errors. */

let sandbox: TestSandbox;
let user: { address: string; hex: string };

const USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const USDT_HEX = '41a614f803b6fd780986a42c78ec9c7f77e6ded13c';

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const { address } = sandbox.world.chain.keypair('tronlink');
  user = { address, hex: TronWeb.address.toHex(address).toLowerCase() };
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await sandbox.control('/reset', {});
});

interface AccountAnswer {
  Error?: string;
  address?: string;
  balance?: number;
  owner_permission?: { keys: Array<{ address: string }> };
}
interface TxAnswer {
  Error?: string;
  visible: boolean;
  txID: string;
  raw_data_hex: string;
  raw_data: { contract: Array<{ parameter: { value: unknown } }> };
}
interface CallAnswer {
  result: { result?: boolean; code?: string; message?: string };
  constant_result: string[];
  energy_used: number;
  transaction: { ret: Array<{ ret?: string }> };
}
interface BlockAnswer {
  blockID: string;
  block_header: { raw_data: { number: number; parentHash: string } };
}

async function post<T = Record<string, unknown>>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${sandbox.origin}/tron${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('address forms', () => {
  it('answers in base58 when asked with visible: true, and in hex otherwise', async () => {
    const visible = await post<AccountAnswer>('/wallet/getaccount', { address: user.address, visible: true });
    expect(visible.address).toBe(user.address);
    expect(visible.balance).toBe(10_000_000_000);
    const hex = await post<AccountAnswer>('/wallet/getaccount', { address: user.hex });
    expect(hex.address).toBe(user.hex);
    expect(hex.owner_permission?.keys[0]?.address).toBe(user.hex);
  });

  it('refuses an address in the form visible does not announce, as the node does', async () => {
    const answer = await post<AccountAnswer>('/wallet/getaccount', { address: user.address });
    expect(answer.Error).toMatch(/address/);
    const reverse = await post<AccountAnswer>('/wallet/getaccount', { address: user.hex, visible: true });
    expect(reverse.Error).toMatch(/address/);
  });

  it('answers GET requests with query parameters like POST ones', async () => {
    const response = await fetch(
      `${sandbox.origin}/tron/wallet/getaccount?address=${user.address}&visible=true`,
    );
    expect(((await response.json()) as { balance: number }).balance).toBe(10_000_000_000);
  });

  it('answers {} for an address that was never activated', async () => {
    const fresh = sandbox.world.chain.keypair('fresh').address;
    expect(await post('/walletsolidity/getaccount', { address: fresh, visible: true })).toEqual({});
    expect(await post('/wallet/getaccountresource', { address: fresh, visible: true })).toEqual({});
  });
});

describe('building transactions over HTTP', () => {
  it('builds an unsigned TRX transfer with createtransaction whose txID is the sha256 of its raw bytes', async () => {
    const to = sandbox.world.chain.keypair('tronlink2').address;
    const tx = await post<TxAnswer>('/wallet/createtransaction', {
      owner_address: user.address,
      to_address: to,
      amount: 1_500_000,
      visible: true,
    });
    expect(tx.visible).toBe(true);
    expect(tx.raw_data.contract[0]?.parameter.value).toEqual({
      amount: 1_500_000,
      owner_address: user.address,
      to_address: to,
    });
    const digest = createHash('sha256').update(Buffer.from(tx.raw_data_hex, 'hex')).digest('hex');
    expect(tx.txID).toBe(digest);
    // The wallet's own integrity check accepts it, so it can be signed and sent.
    const tronWeb = sandbox.tronWeb('tronlink');
    const signed = await tronWeb.trx.sign(tx as never);
    expect((await tronWeb.trx.sendRawTransaction(signed)).result).toBe(true);
  });

  it('refuses to build a transfer the balance cannot cover, with the node error envelope', async () => {
    const answer = await post<TxAnswer>('/wallet/createtransaction', {
      owner_address: user.hex,
      to_address: TronWeb.address.toHex(sandbox.world.chain.keypair('tronlink2').address),
      amount: 20_000_000_000,
    });
    expect(answer.Error).toBe(
      'class org.tron.core.exception.ContractValidateException : Validate TransferContract error, balance is not sufficient.',
    );
  });

  it('refuses a call to an address that holds no contract', async () => {
    const answer = await post<CallAnswer>('/wallet/triggersmartcontract', {
      owner_address: user.hex,
      contract_address: user.hex,
      function_selector: 'transfer(address,uint256)',
      parameter: '',
      fee_limit: 100_000_000,
      call_value: 0,
    });
    expect(answer.result.code).toBe('CONTRACT_VALIDATE_ERROR');
    expect(TronWeb.toUtf8(answer.result.message ?? '')).toBe('No contract or not a valid smart contract');
  });

  it('answers a constant balanceOf call with the ABI-encoded balance', async () => {
    const answer = await post<CallAnswer>('/wallet/triggerconstantcontract', {
      owner_address: user.address,
      contract_address: USDT,
      function_selector: 'balanceOf(address)',
      parameter: '0'.repeat(24) + user.hex.slice(2),
      visible: true,
    });
    expect(answer.result.result).toBe(true);
    expect(BigInt('0x' + (answer.constant_result[0] ?? ''))).toBe(1_000_000_000n);
    expect(answer.energy_used).toBeGreaterThan(0);
  });

  it('reports a reverted constant call with the node message', async () => {
    const answer = await post<CallAnswer>('/wallet/triggerconstantcontract', {
      owner_address: user.hex,
      contract_address: USDT_HEX,
      function_selector: 'mint(uint256)',
      parameter: '0'.repeat(64),
    });
    expect(TronWeb.toUtf8(answer.result.message ?? '')).toBe('REVERT opcode executed');
    expect(answer.transaction.ret[0]?.ret).toBe('FAILED');
  });

  it('answers broadcasttransaction with a readable Error for a body that is not JSON', async () => {
    const answer = await post<{ Error?: string }>('/wallet/broadcasttransaction', '{"raw_data_hex": ');
    expect(answer.Error).toBeDefined();
  });
});

describe('chain data', () => {
  it('lists the fees the extension prices against in getchainparameters', async () => {
    const { chainParameter } = await post<{ chainParameter: Array<{ key: string; value?: number }> }>(
      '/wallet/getchainparameters',
      {},
    );
    const value = (key: string) => chainParameter.find((p) => p.key === key)?.value;
    expect(value('getEnergyFee')).toBe(100);
    expect(value('getTransactionFee')).toBe(1_000);
    expect(value('getCreateNewAccountFeeInSystemContract')).toBe(1_000_000);
    expect(value('getCreateAccountFee')).toBe(100_000);
    expect(value('getFreeNetLimit')).toBe(600);
  });

  it('serves blocks by number and by id, and numbers grow as blocks are produced', async () => {
    const head = await post<BlockAnswer>('/wallet/getnowblock', {});
    await sandbox.mine(2);
    const next = await post<BlockAnswer>('/wallet/getblockbynum', {
      num: head.block_header.raw_data.number + 1,
    });
    expect(next.block_header.raw_data.parentHash).toBe(head.blockID);
    const byId = await post<BlockAnswer>('/wallet/getblockbyid', { value: next.blockID });
    expect(byId.blockID).toBe(next.blockID);
    expect((await post<BlockAnswer>('/wallet/getnowblock', {})).block_header.raw_data.number).toBe(
      head.block_header.raw_data.number + 2,
    );
    expect(await post('/wallet/getblockbynum', { num: 99_999_999 })).toEqual({});
  });

  it('writes int64 fields as strings when asked with int64_as_string, as TronWeb raw reads do', async () => {
    const tronWeb = sandbox.tronWeb('tronlink');
    expect(await tronWeb.trx.raw.getBalance(user.address)).toBe('10000000000');
  });

  it('describes the USDT contract for contract().at(), including its origin and ABI', async () => {
    const contract = await post<{ contract_address: string; abi: { entrys: Array<{ name: string }> } }>(
      '/wallet/getcontract',
      { value: USDT, visible: true },
    );
    expect(contract.contract_address).toBe(USDT);
    const names = contract.abi.entrys.map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining(['transfer', 'balanceOf', 'isBlackListed', 'decimals', 'symbol']),
    );
    expect(await post('/wallet/getcontract', { value: user.address, visible: true })).toEqual({});
  });

  it('answers an unknown endpoint with 404', async () => {
    const response = await fetch(`${sandbox.origin}/tron/wallet/nosuchthing`, { method: 'POST' });
    expect(response.status).toBe(404);
  });
});
