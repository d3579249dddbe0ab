/**
 * Gateway payments settled by the sandbox chain: a real USDT (or TRX) transfer of the exact amount
 * completes a payment and triggers its postback; nothing for 30 minutes expires it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TronWeb } from 'tronweb';
import { parseTrx, parseUsdt } from '../../../../lib/tron/units';
import type { KeyPair } from '../../world';
import { payTrx, sendUsdt, startQuietSandbox, walletFor, type Sandbox } from '../tronnrg/testing';
import { gatewayCaller, startPostbackReceiver } from './testing';

let sandbox: Sandbox;
let request: ReturnType<typeof gatewayCaller>;
let customer: KeyPair;
let customerWallet: TronWeb;
const cleanups: (() => Promise<void>)[] = [];
/** Postbacks travel over real HTTP: give them time on a busy machine. */
const SLOW = { timeout: 10_000 };

beforeAll(async () => {
  sandbox = await startQuietSandbox();
  request = gatewayCaller(sandbox);
  customer = sandbox.world.chain.keypair('tronlink');
  customerWallet = walletFor(sandbox.origin, customer);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

afterAll(async () => {
  await sandbox.close();
});

interface Created {
  transaction_id: string;
  wallet_address: string;
  amount_crypto: string;
}

async function createPayment(body: Record<string, unknown>): Promise<Created> {
  const answer = await request('POST', '/api/payment/create', body);
  expect(answer.status).toBe(201);
  return answer.body.data as Created;
}

async function statusOf(transactionId: string): Promise<Record<string, unknown>> {
  return (await request('GET', `/api/payment/${transactionId}/status`)).body.data as Record<string, unknown>;
}

interface PostbackLog {
  transaction_id: string;
  gave_up: boolean;
  attempts: { http_status: number | null; manual: boolean }[];
}

/** The gateway's own record of a payment's postback attempts (written once each attempt has finished). */
async function postbackLog(transactionId: string): Promise<PostbackLog> {
  const log = (await (await fetch(`${sandbox.origin}/__sandbox/gateway/postbacks`)).json()) as PostbackLog[];
  return log.find((entry) => entry.transaction_id === transactionId)!;
}

async function attemptsMade(transactionId: string): Promise<number> {
  return (await postbackLog(transactionId)).attempts.length;
}

async function receiver(statuses?: number[]) {
  const started = await startPostbackReceiver(statuses);
  cleanups.push(started.close);
  return started;
}

describe('payments completed on chain', () => {
  it('completes a USDT payment when the exact amount arrives, with the chain details and a postback', async () => {
    const postbacks = await receiver();
    const payment = await createPayment({
      transaction_id: 'order_usdt_1',
      asset: 'USDT',
      amount_usd: '100.50',
      postback_url: postbacks.url,
    });
    const exact = parseUsdt(payment.amount_crypto);

    // One base unit short is someone else's transfer: the payment stays pending.
    await sendUsdt(customerWallet, sandbox.world, customer, payment.wallet_address, exact - 1n);
    sandbox.world.chain.produceBlock();
    expect((await statusOf('order_usdt_1')).status).toBe('pending');

    const txid = await sendUsdt(customerWallet, sandbox.world, customer, payment.wallet_address, exact);
    sandbox.world.chain.produceBlock();
    const block = await customerWallet.trx.getTransactionInfo(txid);

    const status = await statusOf('order_usdt_1');
    expect(status).toMatchObject({
      transaction_id: 'order_usdt_1',
      status: 'completed',
      asset: 'USDT',
      amount_usd: '100.50',
      amount_crypto: payment.amount_crypto,
      amount_received: payment.amount_crypto,
      wallet_address: payment.wallet_address,
      blockchain: {
        txid,
        from_address: customer.address,
        block_timestamp: block.blockTimeStamp,
        block_number: block.blockNumber,
      },
    });
    expect(sandbox.world.chain.usdtBalance(payment.wallet_address)).toBeGreaterThanOrEqual(exact);

    await expect.poll(() => postbacks.received.length, SLOW).toBe(1);
    expect(postbacks.received[0]!.body).toEqual(status);
    const completed = await request('GET', '/api/payments?status=completed&asset=USDT');
    expect(
      (completed.body.data as { payments: { transaction_id: string }[] }).payments.map(
        (p) => p.transaction_id,
      ),
    ).toEqual(['order_usdt_1']);

    const resent = await request('POST', '/api/payment/order_usdt_1/resend-postback');
    expect(resent.body).toEqual({
      success: true,
      data: { postback_sent: true, message: 'Postback sent successfully' },
    });
    expect(postbacks.received).toHaveLength(2);
  });

  it('completes a TRX payment from a plain TRX transfer', async () => {
    const payment = await createPayment({ transaction_id: 'order_trx_1', asset: 'TRX', amount_usd: '10.00' });
    expect(payment.amount_crypto).toMatch(/^40\.00\d{4}00$/);
    const txid = await payTrx(customerWallet, payment.wallet_address, parseTrx(payment.amount_crypto));
    sandbox.world.chain.produceBlock();
    const status = await statusOf('order_trx_1');
    expect(status).toMatchObject({ status: 'completed', amount_received: payment.amount_crypto });
    expect((status.blockchain as Record<string, unknown>).txid).toBe(txid);
    const ledger = sandbox.world.ledger
      .entries()
      .filter((e) => e.service === 'gateway' && e.kind === 'payment');
    expect(ledger.map((e) => e.ref)).toContain('order_trx_1');
  });

  it('does not complete a USDT payment from a TRX transfer of the same number', async () => {
    const payment = await createPayment({
      transaction_id: 'order_usdt_2',
      asset: 'USDT',
      amount_usd: '5.00',
    });
    await payTrx(customerWallet, payment.wallet_address, parseTrx(payment.amount_crypto));
    sandbox.world.chain.produceBlock();
    expect((await statusOf('order_usdt_2')).status).toBe('pending');
  });

  it('marks a payment failed when its exact transfer fails on chain', async () => {
    const payment = await createPayment({
      transaction_id: 'order_failed_1',
      asset: 'USDT',
      amount_usd: '7.00',
    });
    const sender = sandbox.world.chain.keypair('gateway-blacklisted-customer');
    sandbox.world.chain.mint(sender.address, { trxSun: 100_000_000n, usdt: 50_000_000n });
    sandbox.world.chain.setBlacklisted(sender.address, true);
    const senderWallet = walletFor(sandbox.origin, sender);
    const txid = await sendUsdt(
      senderWallet,
      sandbox.world,
      sender,
      payment.wallet_address,
      parseUsdt(payment.amount_crypto),
    );
    sandbox.world.chain.produceBlock();
    const status = await statusOf('order_failed_1');
    expect(status).toMatchObject({ status: 'failed', blockchain: { txid, from_address: sender.address } });
    expect(status.amount_received).toBeUndefined();
    const unprocessed = (await request('GET', '/api/payments/unprocessed')).body.data as {
      transaction_id: string;
    }[];
    expect(unprocessed.map((p) => p.transaction_id)).toContain('order_failed_1');
  });
});

describe('payments nobody pays', () => {
  it('expires after 30 minutes, is listed as unprocessed, and a late transfer does not revive it', async () => {
    const payment = await createPayment({ transaction_id: 'order_12346', asset: 'TRX', amount_usd: '50.00' });
    sandbox.world.clock.advance(29 * 60);
    expect((await statusOf('order_12346')).status).toBe('pending');
    sandbox.world.clock.advance(61);
    const status = await statusOf('order_12346');
    expect(status).toMatchObject({ status: 'expired', asset: 'TRX', amount_usd: '50.00' });
    expect(status.blockchain).toBeUndefined();

    const unprocessed = await request('GET', '/api/payments/unprocessed');
    const listed = (unprocessed.body.data as Record<string, unknown>[]).find(
      (p) => p.transaction_id === 'order_12346',
    );
    expect(listed).toMatchObject({
      status: 'expired',
      amount_crypto: payment.amount_crypto,
      wallet_address: payment.wallet_address,
      created_at: expect.any(String),
      expires_at: expect.any(String),
    });
    const expired = await request('GET', '/api/payments?status=expired&asset=TRX');
    expect((expired.body.data as { total: number }).total).toBeGreaterThanOrEqual(1);

    // A block at the new time, so the wallet's transaction is not built on a stale reference block.
    sandbox.world.chain.produceBlock();
    await payTrx(customerWallet, payment.wallet_address, parseTrx(payment.amount_crypto));
    sandbox.world.chain.produceBlock();
    expect((await statusOf('order_12346')).status).toBe('expired');
    expectErrorCode(
      await request('POST', '/api/payment/order_12346/resend-postback'),
      'PAYMENT_NOT_COMPLETED',
    );
  });
});

describe('postback retries', () => {
  it('retries a refused postback after 1, 5 and 15 minutes, then lists the payment as unprocessed', async () => {
    const postbacks = await receiver([500]);
    const payment = await createPayment({
      transaction_id: 'order_postback_1',
      asset: 'USDT',
      amount_usd: '3.00',
      postback_url: postbacks.url,
    });
    await sendUsdt(
      customerWallet,
      sandbox.world,
      customer,
      payment.wallet_address,
      parseUsdt(payment.amount_crypto),
    );
    sandbox.world.chain.produceBlock();
    // Each retry is timed from the end of the attempt before it, so wait for the gateway to record it.
    await expect.poll(() => attemptsMade('order_postback_1'), SLOW).toBe(1);

    for (const [minutes, attempts] of [
      [1, 2],
      [5, 3],
      [15, 4],
    ] as const) {
      sandbox.world.clock.advance(minutes * 60 - 10);
      // Not before its time...
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(postbacks.received).toHaveLength(attempts - 1);
      sandbox.world.clock.advance(10);
      // ...and then once.
      await expect.poll(() => attemptsMade('order_postback_1'), SLOW).toBe(attempts);
    }
    sandbox.world.clock.advance(60 * 60);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(postbacks.received).toHaveLength(4);

    const entry = await postbackLog('order_postback_1');
    expect(entry.gave_up).toBe(true);
    expect(entry.attempts.map((a) => a.http_status)).toEqual([500, 500, 500, 500]);
    const unprocessed = (await request('GET', '/api/payments/unprocessed')).body.data as {
      transaction_id: string;
    }[];
    expect(unprocessed.map((p) => p.transaction_id)).toContain('order_postback_1');

    const resent = await request('POST', '/api/payment/order_postback_1/resend-postback');
    expect(resent.body).toEqual({
      success: true,
      data: { postback_sent: false, message: 'Postback failed: HTTP 500' },
    });
  });

  it('delivers to the sandbox receiver, which tells what arrived and answers as told', async () => {
    const control = (path: string, body?: unknown) =>
      fetch(`${sandbox.origin}/__sandbox/gateway/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const received = async () =>
      ((await (await control('received')).json()) as { received: { status: number; body: unknown }[] })
        .received;
    expect((await control('receiver/status', { status: 500 })).status).toBe(200);
    const payment = await createPayment({
      transaction_id: 'order_receiver_1',
      asset: 'USDT',
      amount_usd: '4.00',
      postback_url: `${sandbox.origin}/__sandbox/gateway/receiver`,
    });
    await sendUsdt(
      customerWallet,
      sandbox.world,
      customer,
      payment.wallet_address,
      parseUsdt(payment.amount_crypto),
    );
    sandbox.world.chain.produceBlock();
    await expect.poll(async () => (await received()).length, SLOW).toBe(1);
    expect((await received())[0]).toMatchObject({
      status: 500,
      body: { transaction_id: 'order_receiver_1', status: 'completed' },
    });

    await control('receiver/status', { status: 200 });
    const resent = await request('POST', '/api/payment/order_receiver_1/resend-postback');
    expect(resent.body).toEqual({
      success: true,
      data: { postback_sent: true, message: 'Postback sent successfully' },
    });
    expect((await received()).map((r) => r.status)).toEqual([500, 200]);
    await control('receiver/status', { status: 200 });
  });

  it('stops retrying once the merchant answers 200', async () => {
    const postbacks = await receiver([503, 200]);
    const payment = await createPayment({
      transaction_id: 'order_postback_2',
      asset: 'USDT',
      amount_usd: '4.00',
      postback_url: postbacks.url,
    });
    await sendUsdt(
      customerWallet,
      sandbox.world,
      customer,
      payment.wallet_address,
      parseUsdt(payment.amount_crypto),
    );
    sandbox.world.chain.produceBlock();
    await expect.poll(() => attemptsMade('order_postback_2'), SLOW).toBe(1);
    sandbox.world.clock.advance(60);
    await expect.poll(() => attemptsMade('order_postback_2'), SLOW).toBe(2);
    sandbox.world.clock.advance(60 * 60);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(postbacks.received).toHaveLength(2);
    const unprocessed = (await request('GET', '/api/payments/unprocessed')).body.data as {
      transaction_id: string;
    }[];
    expect(unprocessed.map((p) => p.transaction_id)).not.toContain('order_postback_2');
  });
});

describe('POST /__sandbox/reset', () => {
  it('forgets payments and added wallets and cancels pending postback retries', async () => {
    const postbacks = await receiver([500]);
    const payment = await createPayment({
      transaction_id: 'order_before_reset',
      asset: 'USDT',
      amount_usd: '2.00',
      postback_url: postbacks.url,
    });
    await sendUsdt(
      customerWallet,
      sandbox.world,
      customer,
      payment.wallet_address,
      parseUsdt(payment.amount_crypto),
    );
    sandbox.world.chain.produceBlock();
    await expect.poll(() => postbacks.received.length, SLOW).toBe(1);
    await request('POST', '/api/partner/wallets', {
      address: sandbox.world.chain.keypair('gateway-reset-wallet').address,
    });

    expect((await fetch(`${sandbox.origin}/__sandbox/reset`, { method: 'POST' })).status).toBe(200);
    sandbox.world.clock.advance(30 * 60);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(postbacks.received).toHaveLength(1);
    expect((await request('GET', '/api/payment/order_before_reset/status')).status).toBe(404);
    expect((await request('GET', '/api/payments')).body.data).toMatchObject({ total: 0 });
    const wallets = (await request('GET', '/api/partner/wallets')).body.data as { usage_count: number }[];
    expect(wallets).toHaveLength(2);
    expect(wallets.every((w) => w.usage_count === 0)).toBe(true);
  });
});

function expectErrorCode(answer: Awaited<ReturnType<typeof request>>, code: string) {
  expect(answer.body.error).toBe(code);
}
