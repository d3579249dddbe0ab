import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TronWeb } from 'tronweb';
import type { ChainTx } from '../world';
import { startTestSandbox, type TestSandbox } from '../core/test-sandbox';

/**
 * `world.chain` as the simulated services use it (wallet-like helpers, the read model, listeners),
 * checked against what a client sees over the node's HTTP API.
 */

let sandbox: TestSandbox;
let tronWeb: TronWeb;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  tronWeb = sandbox.tronWeb('tronlink');
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await sandbox.control('/reset', {});
});

const chain = () => sandbox.world.chain;

describe('wallet helpers', () => {
  it('sendTrx is pending until the next block, then confirmed and visible to clients', async () => {
    const user = chain().keypair('tronlink');
    const service = TronWeb.createRandom().address;
    const seen: ChainTx[] = [];
    const stop = chain().onConfirmed((tx) => seen.push(tx));

    const txid = await chain().sendTrx(user.privateKey, service, 4_000_000n);
    expect(chain().transaction(txid)).toMatchObject({
      status: 'pending',
      kind: 'trx_transfer',
      amount: 4_000_000n,
    });
    expect(chain().transfers({ to: service })).toEqual([]);

    await sandbox.mine();
    stop();
    const confirmed = chain().transaction(txid);
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      contractRet: 'SUCCESS',
      from: user.address,
      to: service,
      feeSun: 1_100_000n,
      blockNumber: chain().blockNumber(),
    });
    expect(seen.map((tx) => tx.txid)).toEqual([txid]);
    expect(
      chain()
        .transfers({ to: service, kind: 'trx_transfer' })
        .map((tx) => tx.txid),
    ).toEqual([txid]);
    expect(chain().isActivated(service)).toBe(true);
    expect((await tronWeb.trx.getTransaction(txid)).ret?.[0]?.contractRet).toBe('SUCCESS');
  });

  it('sendUsdt reports the energy a transfer used and what it cost', async () => {
    const user = chain().keypair('tronlink');
    const holder = chain().keypair('stranger').address;
    expect(chain().estimateUsdtTransferEnergy(user.address, holder)).toBe(64_285);

    const txid = await chain().sendUsdt(user.privateKey, holder, 2_000_000n);
    await sandbox.mine();
    expect(chain().transaction(txid)).toMatchObject({
      kind: 'usdt_transfer',
      status: 'confirmed',
      amount: 2_000_000n,
      energyUsed: 64_285,
    });
    expect(chain().transaction(txid)?.feeSun).toBeGreaterThanOrEqual(6_428_500n);
    expect(chain().usdtBalance(holder)).toBe(5_002_000_000n);
  });

  it('marks a reverted USDT transfer as failed and keeps it out of transfers()', async () => {
    const user = chain().keypair('tronlink');
    chain().setBlacklisted(user.address, true);
    const txid = await chain().sendUsdt(user.privateKey, chain().keypair('stranger').address, 1n);
    await sandbox.mine();
    expect(chain().transaction(txid)).toMatchObject({ status: 'failed', contractRet: 'REVERT' });
    expect(chain().transfers({ kind: 'usdt_transfer' })).toEqual([]);
  });

  it('throws the node’s refusal code when a helper transaction is refused', async () => {
    const poor = chain().keypair('tronlink2');
    await expect(
      chain().sendTrx(poor.privateKey, chain().keypair('tronlink').address, 10_000_000_000n),
    ).rejects.toMatchObject({
      code: 'CONTRACT_VALIDATE_ERROR',
    });
  });

  it('delegates staked energy in energy units, locked for the given time', async () => {
    const provider = TronWeb.createRandom();
    const providerKey = provider.privateKey.replace(/^0x/, '');
    const receiver = chain().keypair('tronlink').address;
    chain().mint(provider.address, { trxSun: 10_000_000n });
    chain().stake(provider.address, 'ENERGY', 20_000_000_000n);

    const txid = await chain().delegateResource(providerKey, receiver, 'ENERGY', 65_000, 600);
    await sandbox.mine();
    expect(chain().transaction(txid)).toMatchObject({
      kind: 'delegate_resource',
      status: 'confirmed',
      resource: 'ENERGY',
      amount: 65_000n,
      to: receiver,
    });
    expect(chain().resources(receiver).energyLimit).toBe(65_000);
    expect(chain().resources(provider.address).energyLimit).toBe(200_000 - 65_000);
    const delegation = await tronWeb.trx.getDelegatedResourceV2(provider.address, receiver);
    const entry = delegation.delegatedResource[0];
    expect(entry?.frozen_balance_for_energy).toBe(6_500_000_000);
    expect(entry?.expire_time_for_energy).toBeGreaterThan(chain().now() + 590_000);
  });
});

describe('reads', () => {
  it('recovers the signer of a signMessageV2 signature, as TronNRG checks claims', async () => {
    const message = `${'ab'.repeat(32)}:${chain().keypair('tronlink2').address}`;
    const signature = await tronWeb.trx.signMessageV2(message);
    expect(chain().recoverMessageSigner(message, signature)).toBe(chain().keypair('tronlink').address);
    expect(chain().recoverMessageSigner(message + 'x', signature)).not.toBe(
      chain().keypair('tronlink').address,
    );
    expect(chain().recoverMessageSigner(message, '0x1234')).toBeNull();
  });

  it('reports resources of a never-activated address as empty', () => {
    const fresh = chain().keypair('fresh').address;
    expect(chain().isActivated(fresh)).toBe(false);
    expect(chain().resources(fresh)).toEqual({
      energyLimit: 0,
      energyUsed: 0,
      netLimit: 0,
      netUsed: 0,
      freeNetLimit: 0,
      freeNetUsed: 0,
    });
  });

  it('filters transfers by sender and time', async () => {
    const user = chain().keypair('tronlink');
    const other = chain().keypair('tronlink2').address;
    const first = await chain().sendTrx(user.privateKey, other, 1_000_000n);
    await sandbox.mine();
    await sandbox.control('/clock', { advanceSeconds: 60 });
    const since = chain().now();
    const second = await chain().sendTrx(user.privateKey, other, 2_000_000n);
    await sandbox.mine();
    expect(
      chain()
        .transfers({ from: user.address })
        .map((tx) => tx.txid),
    ).toEqual([first, second]);
    expect(
      chain()
        .transfers({ from: user.address, sinceMs: since })
        .map((tx) => tx.txid),
    ).toEqual([second]);
  });
});
