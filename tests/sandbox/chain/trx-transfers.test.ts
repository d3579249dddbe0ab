import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TronWeb } from 'tronweb';
import { startTestSandbox, type TestSandbox } from '../core/test-sandbox';

/** TRX transfers through a real TronWeb against the sandbox node, and the node's refusals. */

let sandbox: TestSandbox;
let tronWeb: TronWeb;
let sender: string;
let receiver: string;

const TRX = 1_000_000;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  tronWeb = sandbox.tronWeb('tronlink');
  sender = sandbox.world.chain.keypair('tronlink').address;
  receiver = sandbox.world.chain.keypair('tronlink2').address;
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await sandbox.control('/reset', {});
});

/** Balance as the solidity node reports it (what `trx.getBalance` reads). */
const balance = (address: string) => tronWeb.trx.getBalance(address);

describe('TRX transfers with trx.sendTransaction', () => {
  it('moves TRX between existing accounts, paying bandwidth from the free daily allowance', async () => {
    const before = { from: await balance(sender), to: await balance(receiver) };

    const sent = await tronWeb.trx.sendTransaction(receiver, 25 * TRX);
    expect(sent.result).toBe(true);
    await sandbox.mine();

    expect(await balance(sender)).toBe(before.from - 25 * TRX);
    expect(await balance(receiver)).toBe(before.to + 25 * TRX);
    const info = await tronWeb.trx.getTransactionInfo(sent.txid);
    expect(info.fee).toBeUndefined();
    expect(info.receipt.net_usage).toBeGreaterThan(250);
    expect(info.receipt.net_usage).toBeLessThan(290);
    const resources = await tronWeb.trx.getAccountResources(sender);
    expect(resources.freeNetLimit).toBe(600);
    expect(resources.freeNetUsed).toBe(info.receipt.net_usage);
  });

  it('charges 1 TRX to create a new account plus 0.1 TRX for its bandwidth', async () => {
    const fresh = TronWeb.createRandom().address;
    expect(await tronWeb.trx.getAccount(fresh)).toEqual({});
    const before = await balance(sender);

    const sent = await tronWeb.trx.sendTransaction(fresh, 3 * TRX);
    await sandbox.mine();

    expect(await balance(fresh)).toBe(3 * TRX);
    expect(await balance(sender)).toBe(before - 3 * TRX - 1_100_000);
    const info = await tronWeb.trx.getTransactionInfo(sent.txid);
    expect(info.fee).toBe(1_100_000);
    expect(info.receipt.net_fee).toBe(100_000);
    expect((await tronWeb.trx.getAccount(fresh)).create_time).toBeGreaterThan(0);
  });

  it('burns 1,000 sun a byte once the free bandwidth of the day is used up', async () => {
    const first = await tronWeb.trx.sendTransaction(receiver, TRX);
    const second = await tronWeb.trx.sendTransaction(receiver, 2 * TRX);
    const third = await tronWeb.trx.sendTransaction(receiver, 3 * TRX);
    await sandbox.mine();

    const infos = await Promise.all(
      [first, second, third].map((s) => tronWeb.trx.getTransactionInfo(s.txid)),
    );
    // 600 free bytes cover two transfers of ~267; the third burns its bytes.
    expect(infos[0]?.receipt.net_fee).toBeUndefined();
    expect(infos[1]?.receipt.net_fee).toBeUndefined();
    const bytes = infos[2]?.receipt.net_fee ?? 0;
    expect(bytes).toBeGreaterThan(250_000);
    expect(bytes % 1_000).toBe(0);
    expect(infos[2]?.fee).toBe(bytes);
  });
});

describe('transaction visibility', () => {
  it('returns a broadcast transaction at once, but its info only once it is in a block', async () => {
    const sent = await tronWeb.trx.sendTransaction(receiver, TRX);

    const pending = await tronWeb.trx.getTransaction(sent.txid);
    expect(pending.txID).toBe(sent.txid);
    expect(pending.ret).toBeUndefined();
    expect(await tronWeb.trx.getTransactionInfo(sent.txid)).toEqual({});
    expect(await tronWeb.trx.getUnconfirmedTransactionInfo(sent.txid)).toEqual({});
    await expect(tronWeb.trx.getConfirmedTransaction(sent.txid)).rejects.toThrow('Transaction not found');

    await sandbox.mine();
    const confirmed = await tronWeb.trx.getConfirmedTransaction(sent.txid);
    expect(confirmed.ret?.[0]?.contractRet).toBe('SUCCESS');
    const info = await tronWeb.trx.getTransactionInfo(sent.txid);
    expect(info.id).toBe(sent.txid);
    const block = await tronWeb.trx.getCurrentBlock();
    expect(info.blockNumber).toBe(block.block_header.raw_data.number);
    expect(block.transactions?.map((t) => t.txID)).toContain(sent.txid);
  });

  it('shows the new balance on the full node before the block and on the solidity node after it', async () => {
    const before = await balance(sender);
    await tronWeb.trx.sendTransaction(receiver, 7 * TRX);
    expect(await tronWeb.trx.getUnconfirmedBalance(sender)).toBe(before - 7 * TRX);
    expect(await balance(sender)).toBe(before);
    await sandbox.mine();
    expect(await balance(sender)).toBe(before - 7 * TRX);
  });
});

describe('refusals, with the codes a real node answers', () => {
  it('refuses a transaction signed by another key with SIGERROR', async () => {
    const tx = await tronWeb.transactionBuilder.sendTrx(receiver, TRX, sender);
    const intruder = sandbox.world.chain.keypair('stranger').privateKey;
    // trx.sign refuses a foreign key, so sign the txID directly as a malicious client would.
    const forged = tronWeb.utils.crypto.signTransaction(intruder, tx);
    const answer = await tronWeb.trx.sendRawTransaction(forged);
    expect(answer.code).toBe('SIGERROR');
    expect(tronWeb.toUtf8(answer.message ?? '')).toMatch(/^Validate signature error/);
    await sandbox.mine();
    expect(await tronWeb.trx.getTransaction(tx.txID).catch(() => undefined)).toBeUndefined();
  });

  it('refuses a signature that does not match the transaction bytes', async () => {
    const tx = await tronWeb.transactionBuilder.sendTrx(receiver, TRX, sender);
    const signed = await tronWeb.trx.sign(tx);
    const other = await tronWeb.trx.sign(await tronWeb.transactionBuilder.sendTrx(receiver, 2 * TRX, sender));
    const answer = await tronWeb.trx.sendRawTransaction({ ...signed, signature: other.signature });
    expect(answer.code).toBe('SIGERROR');
  });

  it('refuses a replayed transaction with DUP_TRANSACTION_ERROR, before and after its block', async () => {
    const signed = await tronWeb.trx.sign(
      await tronWeb.transactionBuilder.sendTrx(receiver, 4 * TRX, sender),
    );
    expect((await tronWeb.trx.sendRawTransaction(signed)).result).toBe(true);
    expect((await tronWeb.trx.sendRawTransaction(signed)).code).toBe('DUP_TRANSACTION_ERROR');
    await sandbox.mine();
    const before = await balance(receiver);
    expect((await tronWeb.trx.sendRawTransaction(signed)).code).toBe('DUP_TRANSACTION_ERROR');
    await sandbox.mine();
    expect(await balance(receiver)).toBe(before);
  });

  it('refuses an expired transaction with TRANSACTION_EXPIRATION_ERROR', async () => {
    const signed = await tronWeb.trx.sign(await tronWeb.transactionBuilder.sendTrx(receiver, TRX, sender));
    // TronWeb sets expiration 60 s after the head block; two minutes later it is too late.
    await sandbox.control('/clock', { advanceSeconds: 120 });
    const answer = await tronWeb.trx.sendRawTransaction(signed);
    expect(answer.code).toBe('TRANSACTION_EXPIRATION_ERROR');
  });

  it('refuses a transaction that references an unknown block with TAPOS_ERROR', async () => {
    const head = await tronWeb.trx.getCurrentBlock();
    const tx = await tronWeb.transactionBuilder.sendTrx(receiver, TRX, sender, {
      blockHeader: {
        ref_block_bytes: 'ffff',
        ref_block_hash: '0123456789abcdef',
        expiration: head.block_header.raw_data.timestamp + 60_000,
        timestamp: head.block_header.raw_data.timestamp,
      },
    } as never);
    const answer = await tronWeb.trx.sendRawTransaction(await tronWeb.trx.sign(tx));
    expect(answer.code).toBe('TAPOS_ERROR');
  });

  it('refuses a transfer above the balance with CONTRACT_VALIDATE_ERROR and a readable message', async () => {
    const poor = sandbox.tronWeb('tronlink2');
    const available = await poor.trx.getBalance(receiver);
    const signed = await poor.trx.sign(
      await poor.transactionBuilder.sendTrx(sender, available + TRX, receiver),
    );
    const answer = await poor.trx.sendRawTransaction(signed);
    expect(answer.code).toBe('CONTRACT_VALIDATE_ERROR');
    expect(poor.toUtf8(answer.message ?? '')).toBe(
      'Contract validate error : Validate TransferContract error, balance is not sufficient.',
    );
  });

  it('refuses a transfer from an account that was never activated', async () => {
    const nobody = TronWeb.createRandom();
    const wallet = new TronWeb({
      fullHost: `${sandbox.origin}/tron`,
      privateKey: nobody.privateKey.replace(/^0x/, ''),
    });
    const head = await wallet.trx.getCurrentBlock();
    const tx = await wallet.transactionBuilder.sendTrx(receiver, TRX, nobody.address, {
      blockHeader: {
        ref_block_bytes: (head.block_header.raw_data.number & 0xffff).toString(16).padStart(4, '0'),
        ref_block_hash: head.blockID.slice(16, 32),
        expiration: head.block_header.raw_data.timestamp + 60_000,
        timestamp: head.block_header.raw_data.timestamp,
      },
    } as never);
    const answer = await wallet.trx.sendRawTransaction(await wallet.trx.sign(tx));
    expect(answer.code).toBe('CONTRACT_VALIDATE_ERROR');
    expect(wallet.toUtf8(answer.message ?? '')).toContain('does not exist');
  });
});

describe('hex broadcasts', () => {
  it('accepts a signed transaction as protobuf hex through broadcasthex', async () => {
    const signed = await tronWeb.trx.sign(
      await tronWeb.transactionBuilder.sendTrx(receiver, 5 * TRX, sender),
    );
    const hex = tronWeb.utils.transaction.txJsonToPb(signed);
    for (const signature of signed.signature)
      hex.addSignature(Uint8Array.from(Buffer.from(signature, 'hex')));
    const serialized = Buffer.from(hex.serializeBinary()).toString('hex');
    const answer = await tronWeb.trx.sendHexTransaction(serialized);
    expect(answer.result).toBe(true);
    expect(answer.txid).toBe(signed.txID);
    expect((answer as { transaction: { txID: string } }).transaction.txID).toBe(signed.txID);
  });
});
