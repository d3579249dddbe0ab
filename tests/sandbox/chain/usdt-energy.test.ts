import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TronWeb } from 'tronweb';
import { startTestSandbox, type TestSandbox } from '../core/test-sandbox';

/** USDT-TRC20 transfers through a real TronWeb: balances, energy burned or taken from delegation. */

const USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const TRX = 1_000_000;

let sandbox: TestSandbox;
let tronWeb: TronWeb;
let sender: string;
let holder: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  tronWeb = sandbox.tronWeb('tronlink');
  sender = sandbox.world.chain.keypair('tronlink').address;
  holder = sandbox.world.chain.keypair('stranger').address;
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await sandbox.control('/reset', {});
});

/** A USDT transfer the way the extension's users' wallets make it: build, sign, broadcast. */
async function sendUsdt(wallet: TronWeb, to: string, amount: number, feeLimit = 100 * TRX) {
  const from = wallet.defaultAddress.base58 as string;
  const built = await wallet.transactionBuilder.triggerSmartContract(
    USDT,
    'transfer(address,uint256)',
    { feeLimit },
    [
      { type: 'address', value: to },
      { type: 'uint256', value: amount },
    ],
    from,
  );
  expect(built.result.result).toBe(true);
  const signed = await wallet.trx.sign(built.transaction);
  const answer = await wallet.trx.sendRawTransaction(signed);
  expect(answer.result).toBe(true);
  return signed.txID;
}

/** A method of the USDT contract as `contract().at()` loads it from the node's ABI. */
async function usdtMethod(name: string) {
  const method = (await tronWeb.contract().at(USDT)).methods[name];
  if (!method) throw new Error(`the USDT ABI has no ${name}`);
  return method;
}

async function usdtBalance(address: string): Promise<bigint> {
  const balanceOf = await usdtMethod('balanceOf');
  return BigInt(String(await balanceOf(address).call()));
}

describe('the USDT contract as contract().at() sees it', () => {
  it('answers name, symbol, decimals, balances and the blacklist', async () => {
    expect(await (await usdtMethod('symbol'))().call()).toBe('USDT');
    expect(await (await usdtMethod('name'))().call()).toBe('Tether USD');
    expect(Number(await (await usdtMethod('decimals'))().call())).toBe(6);
    expect(await usdtBalance(sender)).toBe(1_000_000_000n);
    const isBlackListed = await usdtMethod('isBlackListed');
    expect(await isBlackListed(sender).call()).toBe(false);
    await sandbox.control('/blacklist', { address: sender, blacklisted: true });
    expect(await isBlackListed(sender).call()).toBe(true);
  });
});

describe('USDT transfers without energy', () => {
  it('moves USDT to a holder and burns 100 sun for each of the 64,285 energy', async () => {
    const trxBefore = await tronWeb.trx.getBalance(sender);
    const receiverBefore = await usdtBalance(holder);

    const txid = await sendUsdt(tronWeb, holder, 12_500_000);
    expect(await tronWeb.trx.getTransactionInfo(txid)).toEqual({});
    await sandbox.mine();

    expect(await usdtBalance(sender)).toBe(1_000_000_000n - 12_500_000n);
    expect(await usdtBalance(holder)).toBe(receiverBefore + 12_500_000n);
    const info = await tronWeb.trx.getTransactionInfo(txid);
    expect(info.receipt.result).toBe('SUCCESS');
    expect(info.receipt.energy_usage_total).toBe(64_285);
    expect(info.receipt.energy_fee).toBe(6_428_500);
    expect(info.receipt.net_usage).toBeGreaterThan(300);
    expect(info.receipt.net_usage).toBeLessThan(360);
    expect(info.fee).toBe(6_428_500);
    expect(await tronWeb.trx.getBalance(sender)).toBe(trxBefore - 6_428_500);
    // The Transfer event, as explorers and TronGrid read it.
    expect(info.log?.[0]?.topics[0]).toBe('ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef');
    expect(BigInt('0x' + info.log?.[0]?.data)).toBe(12_500_000n);
  });

  it('burns about 13 TRX when the receiver holds no USDT yet (130,285 energy)', async () => {
    const newcomer = sandbox.world.chain.keypair('tronlink2').address;
    const trxBefore = await tronWeb.trx.getBalance(sender);

    const txid = await sendUsdt(tronWeb, newcomer, 1_000_000);
    await sandbox.mine();

    const info = await tronWeb.trx.getTransactionInfo(txid);
    expect(info.receipt.energy_usage_total).toBe(130_285);
    expect(info.receipt.energy_fee).toBe(13_028_500);
    expect(await tronWeb.trx.getBalance(sender)).toBe(trxBefore - 13_028_500);
    expect(await usdtBalance(newcomer)).toBe(1_000_000n);
  });

  it('estimates the energy a transfer needs, as the node does', async () => {
    const toHolder = await tronWeb.transactionBuilder.estimateEnergy(
      USDT,
      'transfer(address,uint256)',
      {},
      [
        { type: 'address', value: holder },
        { type: 'uint256', value: 1 },
      ],
      sender,
    );
    expect(toHolder.energy_required).toBe(64_285);
    const constant = await tronWeb.transactionBuilder.triggerConstantContract(
      USDT,
      'transfer(address,uint256)',
      {},
      [
        { type: 'address', value: TronWeb.createRandom().address },
        { type: 'uint256', value: 1 },
      ],
      sender,
    );
    expect(constant.energy_used).toBe(130_285);
  });

  it('fails with OUT_OF_ENERGY and burns the whole fee limit when the limit is too low', async () => {
    const trxBefore = await tronWeb.trx.getBalance(sender);
    const txid = await sendUsdt(tronWeb, holder, 1_000_000, 2 * TRX);
    await sandbox.mine();

    const info = await tronWeb.trx.getTransactionInfo(txid);
    expect(info.result).toBe('FAILED');
    expect(info.receipt.result).toBe('OUT_OF_ENERGY');
    expect(info.receipt.energy_fee).toBe(2 * TRX);
    expect(await tronWeb.trx.getBalance(sender)).toBe(trxBefore - 2 * TRX);
    expect(await usdtBalance(sender)).toBe(1_000_000_000n);
  });

  it('reverts a transfer from a blacklisted address, keeping the USDT where it was', async () => {
    await sandbox.control('/blacklist', { address: sender, blacklisted: true });
    const txid = await sendUsdt(tronWeb, holder, 1_000_000);
    await sandbox.mine();

    const info = await tronWeb.trx.getTransactionInfo(txid);
    expect(info.receipt.result).toBe('REVERT');
    expect(tronWeb.toUtf8(info.resMessage ?? '')).toBe('REVERT opcode executed');
    expect(await usdtBalance(sender)).toBe(1_000_000_000n);
    const tx = await tronWeb.trx.getTransaction(txid);
    expect(tx.ret?.[0]?.contractRet).toBe('REVERT');
  });

  it('reverts a transfer to a blacklisted address too', async () => {
    await sandbox.control('/blacklist', { address: holder, blacklisted: true });
    const txid = await sendUsdt(tronWeb, holder, 1_000_000);
    await sandbox.mine();
    expect((await tronWeb.trx.getTransactionInfo(txid)).receipt.result).toBe('REVERT');
  });

  it('reverts a transfer of more USDT than the sender holds', async () => {
    const txid = await sendUsdt(tronWeb, holder, 1_000_000_001);
    await sandbox.mine();
    expect((await tronWeb.trx.getTransactionInfo(txid)).receipt.result).toBe('REVERT');
  });
});

describe('USDT transfers with delegated energy', () => {
  /** A provider who stakes TRX for energy and delegates it, all through real transactions. */
  async function delegateEnergyTo(receiver: string, trxToDelegate: number, lockPeriodBlocks?: number) {
    const provider = TronWeb.createRandom();
    const providerKey = provider.privateKey.replace(/^0x/, '');
    await sandbox.control('/faucet', { address: provider.address, trx: String(trxToDelegate + 100) });
    const wallet = new TronWeb({ fullHost: `${sandbox.origin}/tron`, privateKey: providerKey });
    const freeze = await wallet.transactionBuilder.freezeBalanceV2(
      trxToDelegate * TRX,
      'ENERGY',
      provider.address,
    );
    expect((await wallet.trx.sendRawTransaction(await wallet.trx.sign(freeze))).result).toBe(true);
    const delegate = await wallet.transactionBuilder.delegateResource(
      trxToDelegate * TRX,
      receiver,
      'ENERGY',
      provider.address,
      lockPeriodBlocks !== undefined,
      lockPeriodBlocks,
    );
    const answer = await wallet.trx.sendRawTransaction(await wallet.trx.sign(delegate));
    expect(answer.result).toBe(true);
    await sandbox.mine();
    return { wallet, address: provider.address };
  }

  it('burns no TRX when enough energy was delegated to the sender first', async () => {
    // 6,500 staked TRX give 65,000 energy in the sandbox (10 energy per TRX).
    const provider = await delegateEnergyTo(sender, 6_500);
    const resources = await tronWeb.trx.getAccountResources(sender);
    expect(resources.EnergyLimit).toBe(65_000);
    const trxBefore = await tronWeb.trx.getBalance(sender);

    const txid = await sendUsdt(tronWeb, holder, 3_000_000);
    await sandbox.mine();

    const info = await tronWeb.trx.getTransactionInfo(txid);
    expect(info.receipt.energy_fee).toBeUndefined();
    expect(info.receipt.energy_usage).toBe(64_285);
    expect(info.fee).toBeUndefined();
    expect(await tronWeb.trx.getBalance(sender)).toBe(trxBefore);
    const after = await tronWeb.trx.getAccountResources(sender);
    expect(after.EnergyUsed).toBe(64_285);
    const delegated = await tronWeb.trx.getDelegatedResourceV2(provider.address, sender);
    expect(delegated.delegatedResource[0]?.frozen_balance_for_energy).toBe(6_500 * TRX);
  });

  it('burns only the energy the delegation does not cover', async () => {
    await delegateEnergyTo(sender, 6_500);
    const txid = await sendUsdt(tronWeb, sandbox.world.chain.keypair('tronlink2').address, 1_000_000);
    await sandbox.mine();

    const info = await tronWeb.trx.getTransactionInfo(txid);
    expect(info.receipt.energy_usage).toBe(65_000);
    expect(info.receipt.energy_fee).toBe((130_285 - 65_000) * 100);
  });

  it('lets used energy recover over 24 hours', async () => {
    await delegateEnergyTo(sender, 6_500);
    await sendUsdt(tronWeb, holder, 1_000_000);
    await sandbox.mine();
    expect((await tronWeb.trx.getAccountResources(sender)).EnergyUsed).toBe(64_285);

    await sandbox.control('/clock', { advanceSeconds: 12 * 3600 });
    const halfway = (await tronWeb.trx.getAccountResources(sender)).EnergyUsed ?? 0;
    expect(halfway).toBeGreaterThan(32_000);
    expect(halfway).toBeLessThan(32_300);

    await sandbox.control('/clock', { advanceSeconds: 12 * 3600 });
    expect((await tronWeb.trx.getAccountResources(sender)).EnergyUsed).toBeUndefined();
  });

  it('keeps a locked delegation until its lock ends, then lets the provider take it back', async () => {
    // 100 blocks = 300 s of lock.
    const provider = await delegateEnergyTo(sender, 6_500, 100);
    const undelegate = async () => {
      const tx = await provider.wallet.transactionBuilder.undelegateResource(
        6_500 * TRX,
        sender,
        'ENERGY',
        provider.address,
      );
      return provider.wallet.trx.sendRawTransaction(await provider.wallet.trx.sign(tx));
    };

    const early = await undelegate();
    expect(early.code).toBe('CONTRACT_VALIDATE_ERROR');
    expect(tronWeb.toUtf8(early.message ?? '')).toContain('insufficient delegatedFrozenBalance');

    await sandbox.control('/clock', { advanceSeconds: 301 });
    expect((await undelegate()).result).toBe(true);
    await sandbox.mine();
    expect((await tronWeb.trx.getAccountResources(sender)).EnergyLimit).toBeUndefined();
  });

  it('refuses to delegate more than the provider has staked', async () => {
    const provider = await delegateEnergyTo(sender, 100);
    const tx = await provider.wallet.transactionBuilder
      .delegateResource(200 * TRX, holder, 'ENERGY', provider.address)
      .catch((error: unknown) => error);
    // TronWeb builds delegations locally; the node refuses the broadcast.
    const signed = await provider.wallet.trx.sign(tx as never);
    const answer = await provider.wallet.trx.sendRawTransaction(signed);
    expect(answer.code).toBe('CONTRACT_VALIDATE_ERROR');
    expect(tronWeb.toUtf8(answer.message ?? '')).toContain(
      'delegateBalance must be less than or equal to available',
    );
  });
});
