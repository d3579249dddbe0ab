import { beforeEach, describe, expect, it } from 'vitest';
import { AML, ENERGY, fundedWallet, seededTwoAml, useTwoAmlSandbox } from './testing/harness';
import {
  amlDepositSchema,
  amlHistoryRowSchema,
  amlTopupSchema,
  amlWalletSummarySchema,
  energyDepositSchema,
  energyHistoryRowSchema,
  energyTopupSchema,
  energyWalletSummarySchema,
  errorEnvelopeSchema,
  expectContract,
  pageSchema,
} from './testing/contract-schemas';

const sandbox = useTwoAmlSandbox();
let token: string;
beforeEach(async () => {
  token = await sandbox.login('alice@example.com', 'alice-pass-1');
});

async function depositAddress(): Promise<string> {
  return (await sandbox.call('GET', `${ENERGY}/wallet/deposit-instructions`, { token })).body.depositAddress;
}

/** Sends `trxSun` from a fresh funded wallet to `to` and returns the txid (still pending). */
async function sendTrx(to: string, trxSun: bigint, from = 'payer'): Promise<string> {
  const payer = fundedWallet(sandbox.world, from, 1_000_000_000n);
  return sandbox.world.chain.sendTrx(payer.privateKey, to, trxSun);
}

describe('wallet summary', () => {
  it('shows the seeded balance; the AML namespace adds the credit balance', async () => {
    const energy = await sandbox.call('GET', `${ENERGY}/wallet/summary`, { token });
    expect(energy.status).toBe(200);
    expect(expectContract(energyWalletSummarySchema, energy.body)).toEqual({
      availableBalanceTrx: '100.000000',
      reservedBalanceTrx: '0.000000',
      status: 'active',
      currency: 'TRX',
    });
    const aml = await sandbox.call('GET', `${AML}/wallet/summary`, { token });
    expect(expectContract(amlWalletSummarySchema, aml.body).amlCreditsBalance).toBe(5);
  });
});

describe('deposit instructions', () => {
  it("gives the user's own deposit address from the chain's deterministic keys", async () => {
    const energy = await sandbox.call('GET', `${ENERGY}/wallet/deposit-instructions`, { token });
    const body = expectContract(energyDepositSchema, energy.body);
    const alice = seededTwoAml(sandbox.world).users.alice;
    expect(body.depositAddress).toBe(sandbox.world.chain.keypair(`2aml-deposit:${alice.userId}`).address);
    expect(body.minDepositTrx).toBe('1.000000');
    expect(body.memoRequired).toBe(false);

    const aml = await sandbox.call('GET', `${AML}/wallet/deposit-instructions`, { token });
    expect(expectContract(amlDepositSchema, aml.body)).toMatchObject({
      depositAddress: body.depositAddress,
      depositRouteStatus: 'active',
    });

    const dan = await sandbox.call('POST', `${ENERGY}/auth/register`, {
      body: { email: 'dan@example.com', password: 'secret123' },
    });
    const other = await sandbox.call('GET', `${ENERGY}/wallet/deposit-instructions`, {
      token: dan.body.accessToken,
    });
    expect(other.body.depositAddress).not.toBe(body.depositAddress);
  });
});

describe('reconcile', () => {
  it('credits a confirmed transfer to the deposit address exactly once', async () => {
    const txHash = await sendTrx(await depositAddress(), 25_000_000n);
    const pending = await sandbox.call('POST', `${ENERGY}/wallet/topups/reconcile`, {
      token,
      body: { txHash },
    });
    expect(pending.status).toBe(400);
    expectContract(errorEnvelopeSchema, pending.body);
    expect(pending.body.error.message).toMatch(/not confirmed/);

    await sandbox.mine();
    const first = await sandbox.call('POST', `${ENERGY}/wallet/topups/reconcile`, {
      token,
      body: { txHash },
    });
    expect(first.status).toBe(200);
    expect(expectContract(energyTopupSchema, first.body.topup)).toMatchObject({
      txHash,
      amountTrx: '25.00000000',
      status: 'credited',
      senderAddress: sandbox.world.chain.keypair('payer').address,
    });
    expect(expectContract(energyWalletSummarySchema, first.body.wallet).availableBalanceTrx).toBe(
      '125.000000',
    );

    const second = await sandbox.call('POST', `${AML}/wallet/topups/reconcile`, { token, body: { txHash } });
    expect(second.status).toBe(200);
    expect(expectContract(amlTopupSchema, second.body.topup).txHash).toBe(txHash);
    expect(expectContract(amlWalletSummarySchema, second.body.wallet).availableBalanceTrx).toBe('125.000000');

    const credits = sandbox.world.ledger
      .entries()
      .filter((entry) => entry.kind === 'credit' && entry.txid === txHash);
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({ amount: '25.000000', unit: 'TRX', account: 'alice@example.com' });
  });

  it('refuses transfers below the minimum deposit', async () => {
    const txHash = await sendTrx(await depositAddress(), 999_999n);
    await sandbox.mine();
    const response = await sandbox.call('POST', `${ENERGY}/wallet/topups/reconcile`, {
      token,
      body: { txHash },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('minimum deposit');
    expect((await sandbox.call('GET', `${ENERGY}/wallet/summary`, { token })).body.availableBalanceTrx).toBe(
      '100.000000',
    );
  });

  it('refuses unknown transactions, transfers to another address and malformed hashes', async () => {
    const unknown = await sandbox.call('POST', `${ENERGY}/wallet/topups/reconcile`, {
      token,
      body: { txHash: '6c1a7b4bfe2d7d84b4eb58a9f1e0f5bb0a5f1f9a9d406b6fd4c0f5e9f4f6a001' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('not found');

    const elsewhere = await sendTrx(sandbox.world.chain.keypair('someone-else').address, 5_000_000n);
    await sandbox.mine();
    const wrongTarget = await sandbox.call('POST', `${AML}/wallet/topups/reconcile`, {
      token,
      body: { txHash: elsewhere },
    });
    expect(wrongTarget.status).toBe(400);
    expect(wrongTarget.body.error.message).toContain('deposit address');

    const malformed = await sandbox.call('POST', `${AML}/wallet/topups/reconcile`, {
      token,
      body: { txHash: 'abc' },
    });
    expect(malformed.status).toBe(400);
    expectContract(errorEnvelopeSchema, malformed.body);
  });

  it("does not let another customer claim alice's deposit", async () => {
    const txHash = await sendTrx(await depositAddress(), 5_000_000n);
    await sandbox.mine();
    const eveToken = (
      await sandbox.call('POST', `${ENERGY}/auth/register`, {
        body: { email: 'eve@example.com', password: 'secret123' },
      })
    ).body.accessToken;
    const response = await sandbox.call('POST', `${ENERGY}/wallet/topups/reconcile`, {
      token: eveToken,
      body: { txHash },
    });
    expect(response.status).toBe(400);
  });

  it('credits deposits on its own two minutes after confirmation, so a later reconcile does not double it', async () => {
    const txHash = await sendTrx(await depositAddress(), 3_000_000n);
    await sandbox.mine();
    sandbox.advance(119);
    expect((await sandbox.call('GET', `${ENERGY}/wallet/summary`, { token })).body.availableBalanceTrx).toBe(
      '100.000000',
    );
    sandbox.advance(2);
    expect((await sandbox.call('GET', `${ENERGY}/wallet/summary`, { token })).body.availableBalanceTrx).toBe(
      '103.000000',
    );
    const reconcile = await sandbox.call('POST', `${ENERGY}/wallet/topups/reconcile`, {
      token,
      body: { txHash },
    });
    expect(reconcile.body.wallet.availableBalanceTrx).toBe('103.000000');
  });
});

describe('top-ups and history', () => {
  it('lists top-ups newest first, with topupId in the AML namespace only', async () => {
    const address = await depositAddress();
    const older = await sendTrx(address, 2_000_000n, 'payer-1');
    await sandbox.mine();
    sandbox.advance(5);
    const newer = await sendTrx(address, 4_000_000n, 'payer-2');
    await sandbox.mine();
    for (const txHash of [older, newer]) {
      await sandbox.call('POST', `${ENERGY}/wallet/topups/reconcile`, { token, body: { txHash } });
    }
    const energy = await sandbox.call('GET', `${ENERGY}/wallet/topups?page=1&limit=20`, { token });
    const energyPage = expectContract(pageSchema(energyTopupSchema), energy.body);
    expect(energyPage.data.map((row) => row.txHash)).toEqual([newer, older]);
    expect(energyPage).toMatchObject({ total: 2, page: 1, limit: 20 });

    const aml = await sandbox.call('GET', `${AML}/wallet/topups?page=2&limit=1`, { token });
    const amlPage = expectContract(pageSchema(amlTopupSchema), aml.body);
    expect(amlPage.data.map((row) => row.txHash)).toEqual([older]);
    expect(amlPage).toMatchObject({ total: 2, page: 2, limit: 1 });
  });

  it('shows top-ups in both histories with balances after each row', async () => {
    const txHash = await sendTrx(await depositAddress(), 25_000_000n);
    await sandbox.mine();
    await sandbox.call('POST', `${ENERGY}/wallet/topups/reconcile`, { token, body: { txHash } });

    const energy = await sandbox.call('GET', `${ENERGY}/wallet/history?page=1&limit=20`, { token });
    const energyRow = expectContract(pageSchema(energyHistoryRowSchema), energy.body).data[0];
    expect(energyRow).toMatchObject({
      type: 'topup',
      direction: 'credit',
      status: 'completed',
      amountTrx: '25.00000000',
      availableBalanceTrx: '125.00000000',
      reservedBalanceTrx: '0.00000000',
    });

    const aml = await sandbox.call('GET', `${AML}/wallet/history`, { token });
    const amlRow = expectContract(pageSchema(amlHistoryRowSchema), aml.body).data[0];
    expect(amlRow).toMatchObject({ type: 'topup', txHash, planCode: null, checkRequestId: null });
  });

  it('refuses invalid pagination', async () => {
    const response = await sandbox.call('GET', `${ENERGY}/wallet/history?page=0`, { token });
    expect(response.status).toBe(400);
    expectContract(errorEnvelopeSchema, response.body);
  });
});
