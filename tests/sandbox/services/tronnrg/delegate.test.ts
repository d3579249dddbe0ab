/**
 * TronNRG over real HTTP with a real TronWeb: pay TRX to `pay_to`, sign `{tx_hash}:{delegate_to}`,
 * claim with `POST /delegate`; every documented error code and status, refunds that arrive on chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TronWeb } from 'tronweb';
import type { KeyPair } from '../../world';
import { payTrx, postJson, sendUsdt, startQuietSandbox, walletFor, type Sandbox } from './testing';

let sandbox: Sandbox;
let payer: KeyPair;
let payerWallet: TronWeb;
let payTo: string;

beforeAll(async () => {
  sandbox = await startQuietSandbox();
  payer = sandbox.world.chain.keypair('tronlink');
  payerWallet = walletFor(sandbox.origin, payer);
  const supply = (await (await fetch(`${sandbox.origin}/tronnrg/supply`)).json()) as { pay_to: string };
  payTo = supply.pay_to;
});

afterAll(async () => {
  await sandbox.close();
});

const TRX = 1_000_000n;

/** Pays `sun` from the seeded TronLink user and seals the block. */
async function confirmedPayment(sun: bigint, to = payTo, wallet = payerWallet): Promise<string> {
  const txid = await payTrx(wallet, to, sun);
  sandbox.world.chain.produceBlock();
  return txid;
}

let clientNumber = 0;

/** Claims as a client of its own (a distinct forwarded IP), so the 20/s per-IP limit never interferes. */
async function claim(txHash: string, delegateTo: string, signer: TronWeb = payerWallet) {
  const signature = await signer.trx.signMessageV2(`${txHash}:${delegateTo}`);
  clientNumber += 1;
  return postJson(
    `${sandbox.origin}/tronnrg/delegate`,
    { tx_hash: txHash, delegate_to: delegateTo, signature },
    { 'x-forwarded-for': `198.51.100.${clientNumber % 250}` },
  );
}

/** Advances past the refund delay, lets the refund broadcast, and seals it into a block. */
async function settleRefunds(): Promise<void> {
  const before = sandbox.world.ledger
    .entries()
    .filter((e) => e.service === 'tronnrg' && e.kind === 'refund').length;
  sandbox.world.clock.advance(5);
  await expect
    .poll(
      () =>
        sandbox.world.ledger.entries().filter((e) => e.service === 'tronnrg' && e.kind === 'refund').length,
      { timeout: 10_000 },
    )
    .toBeGreaterThan(before);
  sandbox.world.chain.produceBlock();
}

async function trxBalance(address: string): Promise<bigint> {
  return BigInt(await payerWallet.trx.getBalance(address));
}

describe('GET /supply and GET /health', () => {
  it('names a sandbox-owned pay_to address and the documented bounds', async () => {
    const response = await fetch(`${sandbox.origin}/tronnrg/supply`);
    expect(response.status).toBe(200);
    const supply = (await response.json()) as Record<string, unknown>;
    expect(supply.pay_to).toBe(sandbox.world.chain.keypair('tronnrg-pay-to').address);
    expect(supply.pay_to).not.toBe('TFqUiCu1JwLHHnBNeaaVKH7Csm4aA3YhZx');
    expect(supply).toMatchObject({ energy_per_trx: 16_250, min_trx: 4, max_trx: 1000, min_energy: 65_000 });
    expect(supply.max_energy).toBe(16_250_000);
  });

  it('answers the documented liveness body', async () => {
    const response = await fetch(`${sandbox.origin}/tronnrg/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('POST /delegate', () => {
  it('delegates trx × 16,250 energy on the chain, after which a USDT transfer burns no TRX', async () => {
    // The receiver holds TRX and USDT but no energy: without the rental its transfer would burn ~6.4 TRX.
    const receiver = sandbox.world.chain.keypair('nrg-flow-receiver');
    sandbox.world.chain.mint(receiver.address, { trxSun: 20n * TRX, usdt: 50n * TRX });
    const stranger = sandbox.world.chain.keypair('nrg-flow-usdt-holder');
    sandbox.world.chain.mint(stranger.address, { trxSun: 1n * TRX, usdt: 1n * TRX });

    const txHash = await confirmedPayment(4n * TRX);
    const { status, body } = await claim(txHash, receiver.address);

    expect(status).toBe(200);
    expect(body).toMatchObject({ energy: 65_000, cost: 4, status: 'delegated' });
    expect(body.ref).toMatch(/^nrg_d_\d+$/);
    const delegations = body.delegations as { tx: string; energy: number }[];
    expect(delegations).toHaveLength(1);
    expect(delegations[0]!.tx).toMatch(/^[0-9a-f]{64}$/);

    sandbox.world.chain.produceBlock();
    const delegation = await payerWallet.trx.getTransaction(delegations[0]!.tx);
    expect(delegation.raw_data.contract[0]!.type).toBe('DelegateResourceContract');
    const resources = await payerWallet.trx.getAccountResources(receiver.address);
    expect(resources.EnergyLimit).toBeGreaterThanOrEqual(65_000);

    const trxBefore = await trxBalance(receiver.address);
    const receiverWallet = walletFor(sandbox.origin, receiver);
    const usdtTx = await sendUsdt(receiverWallet, sandbox.world, receiver, stranger.address, 10n * TRX);
    sandbox.world.chain.produceBlock();
    const info = await receiverWallet.trx.getTransactionInfo(usdtTx);
    expect(info.receipt?.result).toBe('SUCCESS');
    expect(info.fee ?? 0).toBe(0);
    expect(await trxBalance(receiver.address)).toBe(trxBefore);
  });

  it('answers 404 payment_verification_failed while the payment is not in a block, then delegates', async () => {
    const txHash = await payTrx(payerWallet, payTo, 5n * TRX);
    const early = await claim(txHash, payer.address);
    expect(early.status).toBe(404);
    expect(early.body.error).toBe('payment_verification_failed');
    expect(typeof early.body.message).toBe('string');

    sandbox.world.chain.produceBlock();
    const retried = await claim(txHash, payer.address);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ energy: 81_250, cost: 5, status: 'delegated' });
  });

  it('answers 404 for a hash the chain has never seen', async () => {
    const { status, body } = await claim('ab'.repeat(32), payer.address);
    expect(status).toBe(404);
    expect(body.error).toBe('payment_verification_failed');
  });

  it('delegates fractional payments linearly, rounding the energy down', async () => {
    const txHash = await confirmedPayment(4_100_001n);
    const { status, body } = await claim(txHash, payer.address);
    expect(status).toBe(200);
    // floor(4.100001 × 16,250) = 66,625
    expect(body).toMatchObject({ energy: 66_625, cost: 4.100001 });
  });

  it('refuses a second claim of the same hash with hash_already_used (409)', async () => {
    const txHash = await confirmedPayment(4n * TRX);
    expect((await claim(txHash, payer.address)).status).toBe(200);
    const again = await claim(txHash, payer.address);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('hash_already_used');
  });

  it('delegates once when two claims of one hash arrive together', async () => {
    const txHash = await confirmedPayment(4n * TRX);
    const results = await Promise.all([claim(txHash, payer.address), claim(txHash, payer.address)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const delegations = sandbox.world.ledger
      .entries()
      .filter(
        (e) =>
          e.service === 'tronnrg' &&
          e.kind === 'delegation' &&
          e.ref === results.find((r) => r.status === 200)?.body.ref,
      );
    expect(delegations).toHaveLength(1);
  });

  it('refuses a claim signed by someone other than the payer with signature_mismatch (403)', async () => {
    const txHash = await confirmedPayment(4n * TRX);
    const thief = walletFor(sandbox.origin, sandbox.world.chain.keypair('tronlink2'));
    const { status, body } = await claim(txHash, payer.address, thief);
    expect(status).toBe(403);
    expect(body.error).toBe('signature_mismatch');
    // The hash is not spent by a thief's attempt: the payer can still claim it.
    expect((await claim(txHash, payer.address)).status).toBe(200);
  });

  it('checks the fields in order: invalid_tx_hash, invalid_address, missing_signature, invalid_signature', async () => {
    const url = `${sandbox.origin}/tronnrg/delegate`;
    const hash = 'cd'.repeat(32);
    const cases: [unknown, number, string][] = [
      [
        { tx_hash: 'YOUR_PAYMENT_TX_HASH', delegate_to: payer.address, signature: '0x00' },
        400,
        'invalid_tx_hash',
      ],
      [{ delegate_to: payer.address, signature: '0x00' }, 400, 'invalid_tx_hash'],
      [{ tx_hash: hash, delegate_to: 'TWalletThatNeedsEnergy', signature: '0x00' }, 400, 'invalid_address'],
      [{ tx_hash: hash, delegate_to: payer.address }, 400, 'missing_signature'],
      [{ tx_hash: hash, delegate_to: payer.address, signature: '' }, 400, 'missing_signature'],
      [{ tx_hash: hash, delegate_to: payer.address, signature: 'YOUR_SIGNATURE' }, 401, 'invalid_signature'],
    ];
    for (const [request, status, error] of cases) {
      const response = await postJson(url, request);
      expect({ status: response.status, error: response.body.error }).toEqual({ status, error });
      expect(typeof response.body.message).toBe('string');
    }
  });

  it('answers 400 payment_verification_failed for a payment to another address', async () => {
    const elsewhere = sandbox.world.chain.keypair('tronlink2').address;
    const txHash = await confirmedPayment(4n * TRX, elsewhere);
    const { status, body } = await claim(txHash, payer.address);
    expect(status).toBe(400);
    expect(body.error).toBe('payment_verification_failed');
    expect(body.refund).toBeUndefined();
  });

  it('answers 400 payment_verification_failed for a USDT transfer to pay_to', async () => {
    const txHash = await sendUsdt(payerWallet, sandbox.world, payer, payTo, 4n * TRX);
    sandbox.world.chain.produceBlock();
    const { status, body } = await claim(txHash, payer.address);
    expect(status).toBe(400);
    expect(body.error).toBe('payment_verification_failed');
  });

  it('refunds a payment below the 4 TRX minimum (below_minimum with a refund, as documented)', async () => {
    const txHash = await confirmedPayment(3n * TRX);
    const balanceAfterPaying = await trxBalance(payer.address);
    const { status, body } = await claim(txHash, payer.address);
    expect(status).toBe(400);
    expect(body.error).toBe('below_minimum');
    expect(body.refund).toEqual({ type: 'queued', to: payer.address, amount: 3 });
    const entries = () => sandbox.world.ledger.entries().filter((e) => e.ref === body.ref);
    expect(entries().map((e) => e.kind)).toEqual(['payment']);

    await settleRefunds();
    expect(await trxBalance(payer.address)).toBe(balanceAfterPaying + 3n * TRX);
    expect(entries().map((e) => [e.kind, e.amount])).toEqual([
      ['payment', '3'],
      ['refund', '3'],
    ]);
    // The hash is spent: a second claim is refused, not refunded again.
    const again = await claim(txHash, payer.address);
    expect(again.body.error).toBe('hash_already_used');
  });

  it('rejects a payment above 1,000 TRX before delegating and refunds it', async () => {
    const txHash = await confirmedPayment(1_001n * TRX);
    const balanceAfterPaying = await trxBalance(payer.address);
    const { status, body } = await claim(txHash, payer.address);
    expect(status).toBe(400);
    expect(body.error).toBe('delegation_failed');
    expect(body.refund).toEqual({ type: 'queued', to: payer.address, amount: 1001 });
    expect(sandbox.world.ledger.entries().some((e) => e.kind === 'delegation' && e.ref === body.ref)).toBe(
      false,
    );

    await settleRefunds();
    expect(await trxBalance(payer.address)).toBe(balanceAfterPaying + 1_001n * TRX);
  });

  it('answers delegation_failed (500) with the documented refund object when the provider fails', async () => {
    await postJson(`${sandbox.origin}/__sandbox/tronnrg/fail-next`, { error: 'delegation_failed' });
    const txHash = await confirmedPayment(4n * TRX);
    const balanceAfterPaying = await trxBalance(payer.address);

    const { status, body } = await claim(txHash, payer.address);
    expect(status).toBe(500);
    expect(body).toMatchObject({
      error: 'delegation_failed',
      message: 'Energy delegation failed. Your payment will be refunded.',
      refund: { type: 'queued', to: payer.address, amount: 4 },
    });
    expect(body.ref).toMatch(/^nrg_d_\d+$/);

    await settleRefunds();
    const refund = sandbox.world.ledger.entries().find((e) => e.kind === 'refund' && e.ref === body.ref);
    const refundTx = await payerWallet.trx.getTransaction(refund!.txid!);
    expect(refundTx.raw_data.contract[0]!.type).toBe('TransferContract');
    expect(await trxBalance(payer.address)).toBe(balanceAfterPaying + 4n * TRX);
    // Refunded means spent: the hash cannot be claimed again.
    expect((await claim(txHash, payer.address)).status).toBe(409);
  });

  it('refunds with delegation_failed (400) when delegate_to does not exist on chain yet', async () => {
    const txHash = await confirmedPayment(4n * TRX);
    const fresh = sandbox.world.chain.keypair('nrg-never-activated').address;
    const { status, body } = await claim(txHash, fresh);
    expect(status).toBe(400);
    expect(body.error).toBe('delegation_failed');
    expect(body.refund).toMatchObject({ type: 'queued', to: payer.address, amount: 4 });
  });

  it('answers server_error (500) on an unexpected failure', async () => {
    await postJson(`${sandbox.origin}/__sandbox/tronnrg/fail-next`, { error: 'server_error' });
    const { status, body } = await postJson(`${sandbox.origin}/tronnrg/delegate`, {});
    expect(status).toBe(500);
    expect(body.error).toBe('server_error');
    expect(typeof body.message).toBe('string');
  });

  it('records the payment, the delegation and the refunds in the ledger', () => {
    const kinds = new Set(
      sandbox.world.ledger
        .entries()
        .filter((e) => e.service === 'tronnrg')
        .map((e) => e.kind),
    );
    expect(kinds).toEqual(new Set(['payment', 'delegation', 'refund']));
  });

  it('forgets queued failures and refunds not yet sent on POST /__sandbox/reset', async () => {
    await postJson(`${sandbox.origin}/__sandbox/tronnrg/fail-next`, { error: 'delegation_failed' });
    const underpaid = await confirmedPayment(1n * TRX);
    expect((await claim(underpaid, payer.address)).body.refund).toBeDefined();

    expect((await postJson(`${sandbox.origin}/__sandbox/reset`, {})).status).toBe(200);
    sandbox.world.clock.advance(10);
    await new Promise((resolve) => setTimeout(resolve, 50));
    sandbox.world.chain.produceBlock();
    expect(sandbox.world.ledger.entries().filter((e) => e.service === 'tronnrg')).toEqual([]);

    const txHash = await confirmedPayment(4n * TRX);
    const { status, body } = await claim(txHash, payer.address);
    expect(status).toBe(200);
    expect(body.ref).toBe('nrg_d_1');
  });

  // Last: it spends this second's budget for every later request from 127.0.0.1.
  it('answers rate_limited (429) past 20 requests a second from one IP', async () => {
    // Batches of 30 at once: on a busy machine a batch may straddle a second, so try a few.
    let limited: Response | undefined;
    for (let batch = 0; batch < 10 && !limited; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 30 }, () => fetch(`${sandbox.origin}/tronnrg/health`)),
      );
      limited = responses.find((r) => r.status === 429);
    }
    expect(limited).toBeDefined();
    expect(await limited!.json()).toMatchObject({ error: 'rate_limited', message: expect.any(String) });
    expect(limited!.headers.get('retry-after')).toBe('1');
    // The limit is per IP: another client is still served.
    const other = await fetch(`${sandbox.origin}/tronnrg/health`, {
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    expect(other.status).toBe(200);
  });
});
