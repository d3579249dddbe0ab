import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { ENERGY, fundedWallet, seededTwoAml, useTwoAmlSandbox } from './testing/harness';
import {
  createdOrderSchema,
  energyHistoryRowSchema,
  energyWalletSummarySchema,
  errorEnvelopeSchema,
  expectContract,
  orderSchema,
  pageSchema,
  quoteSchema,
} from './testing/contract-schemas';

/** The receiver of the documented examples; the tests activate it on the chain first. */
const EXAMPLE_RECEIVER = 'TGzz8gjYiYRqpfmDwnLxfgPuLVNmpCswVp';
const EXAMPLE_ORDER = {
  orderId: 'ORD-20260413-TRON-0001',
  receiver: EXAMPLE_RECEIVER,
  energy: 65000,
  period: '1D',
  idempotencyKey: 'tron-rent-create-0001',
};

const sandbox = useTwoAmlSandbox();
let token: string;
beforeEach(async () => {
  sandbox.world.chain.mint(EXAMPLE_RECEIVER, { trxSun: 1_000_000n });
  token = await sandbox.login('alice@example.com', 'alice-pass-1');
});

async function balance(): Promise<{ availableBalanceTrx: string; reservedBalanceTrx: string }> {
  const response = await sandbox.call('GET', `${ENERGY}/wallet/summary`, { token });
  return expectContract(energyWalletSummarySchema, response.body);
}

async function getOrder(energyOrderId: string) {
  const response = await sandbox.call('GET', `${ENERGY}/orders/${energyOrderId}`, { token });
  expect(response.status).toBe(200);
  return expectContract(orderSchema, response.body);
}

type Order = Awaited<ReturnType<typeof getOrder>>;

/** Polls the order until `done` holds (the delegation is broadcast asynchronously after confirmation). */
async function waitForOrder(energyOrderId: string, done: (order: Order) => boolean): Promise<Order> {
  let last: Order | undefined;
  await expect
    .poll(
      async () => {
        last = await getOrder(energyOrderId);
        return done(last);
      },
      { timeout: 5000, interval: 20 },
    )
    .toBe(true);
  return last!;
}

/** Runs an order to its end: confirmation after 3 s of sandbox time, then one block for the delegation. */
async function driveOrder(energyOrderId: string): Promise<Order> {
  sandbox.advance(3);
  await waitForOrder(
    energyOrderId,
    (order) => order.status !== 'processing' || order.transactionHash !== null,
  );
  await sandbox.mine();
  return waitForOrder(energyOrderId, (order) => order.status !== 'processing');
}

describe('quote', () => {
  it('prices the documented example at 14.520000 TRX without a token', async () => {
    const response = await sandbox.call(
      'GET',
      `${ENERGY}/quote?receiver=${EXAMPLE_RECEIVER}&energy=65000&period=1D`,
    );
    expect(response.status).toBe(200);
    expect(expectContract(quoteSchema, response.body)).toEqual({
      receiver: EXAMPLE_RECEIVER,
      energy: 65000,
      duration: 1,
      period: '1D',
      amountTrx: '14.520000',
      currency: 'TRX',
      orderingAvailable: true,
    });
  });

  it('understands duration as well as period, and defaults to one day', async () => {
    const cases: [string, number, string][] = [
      ['&duration=0', 0, '1H'],
      ['&period=1H', 0, '1H'],
      ['&period=3D', 3, '3D'],
      ['&duration=30', 30, '30D'],
      ['&period=3d&duration=3', 3, '3D'],
      ['', 1, '1D'],
    ];
    const prices: string[] = [];
    for (const [lease, duration, period] of cases) {
      const response = await sandbox.call(
        'GET',
        `${ENERGY}/quote?receiver=${EXAMPLE_RECEIVER}&energy=65000${lease}`,
      );
      expect(response.status, lease).toBe(200);
      expect(expectContract(quoteSchema, response.body)).toMatchObject({ duration, period });
      prices.push(response.body.amountTrx);
    }
    expect(prices[5]).toBe('14.520000');
    // Longer leases cost more.
    expect(Number(prices[0])).toBeLessThan(Number(prices[5]));
    expect(Number(prices[2])).toBeLessThan(Number(prices[3]));
  });

  it('refuses too little energy, unknown periods, disagreeing period and duration, and bad receivers', async () => {
    const queries = [
      `receiver=${EXAMPLE_RECEIVER}&energy=9999&period=1D`,
      `receiver=${EXAMPLE_RECEIVER}&energy=65000&period=2H`,
      `receiver=${EXAMPLE_RECEIVER}&energy=65000&period=31D`,
      `receiver=${EXAMPLE_RECEIVER}&energy=65000&duration=31`,
      `receiver=${EXAMPLE_RECEIVER}&energy=65000&period=1D&duration=3`,
      `receiver=TGzz8gjYiYRqpfmDwnLxfgPuLVNmpCswVq&energy=65000`,
      `energy=65000`,
      `receiver=${EXAMPLE_RECEIVER}&energy=lots`,
    ];
    for (const query of queries) {
      const response = await sandbox.call('GET', `${ENERGY}/quote?${query}`);
      expect(response.status, query).toBe(400);
      expect(expectContract(errorEnvelopeSchema, response.body).error.message).toBe(
        'Quote request is invalid.',
      );
    }
  });
});

describe('create order', () => {
  it('accepts the documented example, reserving its price from the wallet', async () => {
    const response = await sandbox.call('POST', `${ENERGY}/orders`, { token, body: EXAMPLE_ORDER });
    expect(response.status).toBe(201);
    const order = expectContract(createdOrderSchema, response.body);
    expect(order).toMatchObject({
      orderId: 'ORD-20260413-TRON-0001',
      status: 'pending_confirmation',
      receiver: EXAMPLE_RECEIVER,
      energy: 65000,
      duration: 1,
      period: '1D',
      amountTrx: '14.520000',
      chargedAmountTrx: '14.520000',
      walletAvailableBalanceTrx: '85.480000',
      idempotencyStatus: 'completed',
    });
    expect(order.energyOrderId).toMatch(/^ITRX-ORDER-\d{4,}$/);
    expect(await balance()).toEqual({
      availableBalanceTrx: '85.480000',
      reservedBalanceTrx: '14.520000',
      status: 'active',
      currency: 'TRX',
    });
  });

  it('moves pending_confirmation -> processing -> completed and delegates the energy on chain', async () => {
    const created = (await sandbox.call('POST', `${ENERGY}/orders`, { token, body: EXAMPLE_ORDER })).body;
    sandbox.advance(2);
    expect((await getOrder(created.energyOrderId)).status).toBe('pending_confirmation');

    sandbox.advance(1);
    const processing = await waitForOrder(created.energyOrderId, (order) => order.transactionHash !== null);
    expect(processing.status).toBe('processing');
    expect(await balance()).toMatchObject({
      availableBalanceTrx: '85.480000',
      reservedBalanceTrx: '0.000000',
    });
    expect(processing.transactionHash).toMatch(/^[0-9a-f]{64}$/);

    await sandbox.mine();
    const completed = await waitForOrder(created.energyOrderId, (order) => order.status !== 'processing');
    expect(completed.status).toBe('completed');
    expect(completed.message).toBe('Order completed successfully.');
    const delegation = sandbox.world.chain.transaction(completed.transactionHash!);
    expect(delegation).toMatchObject({
      kind: 'delegate_resource',
      to: EXAMPLE_RECEIVER,
      resource: 'ENERGY',
      amount: 65000n,
    });
    expect(delegation?.from).toBe(sandbox.world.chain.keypair('2aml-energy-pool').address);
    expect(sandbox.world.chain.resources(EXAMPLE_RECEIVER).energyLimit).toBe(65000);

    const ledger = sandbox.world.ledger.entries().filter((entry) => entry.ref === created.energyOrderId);
    expect(ledger.map((entry) => entry.kind)).toEqual(['charge', 'delegation']);
    expect(ledger[0]).toMatchObject({ service: '2aml-energy', amount: '14.520000', unit: 'TRX' });
    expect(ledger[1]).toMatchObject({ amount: '65000', unit: 'energy', txid: completed.transactionHash });

    const history = await sandbox.call('GET', `${ENERGY}/wallet/history`, { token });
    const rows = expectContract(pageSchema(energyHistoryRowSchema), history.body).data;
    expect(rows.map((row) => row.type)).toEqual(['energy_charge', 'energy_reservation']);
    expect(rows[0]).toMatchObject({
      direction: 'debit',
      amountTrx: '14.52000000',
      availableBalanceTrx: '85.48000000',
      reservedBalanceTrx: '0.00000000',
      orderId: 'ORD-20260413-TRON-0001',
      energyOrderId: created.energyOrderId,
    });
  });

  it('replays a retry with the same idempotency key without charging again', async () => {
    const first = await sandbox.call('POST', `${ENERGY}/orders`, { token, body: EXAMPLE_ORDER });
    await driveOrder(first.body.energyOrderId);
    const retry = await sandbox.call('POST', `${ENERGY}/orders`, { token, body: EXAMPLE_ORDER });
    expect(retry.status).toBe(200);
    const replayed = expectContract(createdOrderSchema, retry.body);
    expect(replayed.energyOrderId).toBe(first.body.energyOrderId);
    expect(replayed.idempotencyStatus).toBe('replayed');
    expect(replayed.status).toBe('completed');
    expect((await balance()).availableBalanceTrx).toBe('85.480000');
    expect(sandbox.world.ledger.entries().filter((entry) => entry.kind === 'charge')).toHaveLength(1);
  });

  it('answers 409 to a duplicate that arrives while the first request is still being processed', async () => {
    await sandbox.call('POST', '/__sandbox/2aml/latency', { body: { createMs: 150 } });
    const [a, b] = await Promise.all([
      sandbox.call('POST', `${ENERGY}/orders`, { token, body: EXAMPLE_ORDER }),
      sandbox.call('POST', `${ENERGY}/orders`, { token, body: EXAMPLE_ORDER }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const conflict = a.status === 409 ? a : b;
    expect(expectContract(errorEnvelopeSchema, conflict.body).error.message).toBe(
      'An order with this idempotency key is already being processed.',
    );
    expect((await balance()).availableBalanceTrx).toBe('85.480000');
  });

  it('refuses reusing an idempotency key for a different order, and reusing an orderId', async () => {
    await sandbox.call('POST', `${ENERGY}/orders`, { token, body: EXAMPLE_ORDER });
    const differentBody = await sandbox.call('POST', `${ENERGY}/orders`, {
      token,
      body: { ...EXAMPLE_ORDER, energy: 131000 },
    });
    expect(differentBody.status).toBe(400);
    const sameOrderId = await sandbox.call('POST', `${ENERGY}/orders`, {
      token,
      body: { ...EXAMPLE_ORDER, idempotencyKey: 'another-key' },
    });
    expect(sameOrderId.status).toBe(400);
    expectContract(errorEnvelopeSchema, sameOrderId.body);
    expect((await balance()).availableBalanceTrx).toBe('85.480000');
  });

  it('refuses an order the wallet cannot cover', async () => {
    const response = await sandbox.call('POST', `${ENERGY}/orders`, {
      token,
      body: { ...EXAMPLE_ORDER, energy: 500_000 },
    });
    expect(response.status).toBe(400);
    expect(expectContract(errorEnvelopeSchema, response.body).error.message).toBe(
      'Insufficient wallet balance for this order.',
    );
    expect(response.body.path).toBe('/external/tron-energy/orders');
    // The same key may be used again once the wallet is funded: nothing was stored for it.
    const retry = await sandbox.call('POST', `${ENERGY}/orders`, { token, body: EXAMPLE_ORDER });
    expect(retry.status).toBe(201);
  });

  it('refuses invalid payloads with the documented message', async () => {
    const bodies = [
      { ...EXAMPLE_ORDER, orderId: undefined },
      { ...EXAMPLE_ORDER, energy: 9000 },
      { ...EXAMPLE_ORDER, receiver: 'not-an-address' },
      { ...EXAMPLE_ORDER, period: '7H' },
      { ...EXAMPLE_ORDER, duration: 3 },
      { ...EXAMPLE_ORDER, callbackUrl: 'ftp://example.com/hook' },
      { ...EXAMPLE_ORDER, energy: '65000' },
    ];
    for (const body of bodies) {
      const response = await sandbox.call('POST', `${ENERGY}/orders`, { token, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.message).toBe('Order request is invalid.');
    }
  });

  it('needs a session', async () => {
    const response = await sandbox.call('POST', `${ENERGY}/orders`, { body: EXAMPLE_ORDER });
    expect(response.status).toBe(401);
  });

  it('answers 503 during an outage, while quotes say ordering is unavailable', async () => {
    await sandbox.call('POST', '/__sandbox/2aml/availability', {
      body: { namespace: 'tron-energy', unavailable: true },
    });
    const response = await sandbox.call('POST', `${ENERGY}/orders`, { token, body: EXAMPLE_ORDER });
    expect(response.status).toBe(503);
    expect(expectContract(errorEnvelopeSchema, response.body).error.message).toBe(
      'TRON energy service is temporarily unavailable.',
    );
    const quote = await sandbox.call(
      'GET',
      `${ENERGY}/quote?receiver=${EXAMPLE_RECEIVER}&energy=65000&period=1D`,
    );
    expect(quote.body.orderingAvailable).toBe(false);
    expect((await balance()).availableBalanceTrx).toBe('100.000000');
  });
});

describe('orders that cannot be completed', () => {
  it('fail for a receiver that was never activated, releasing the reservation', async () => {
    const receiver = seededTwoAml(sandbox.world).neverActivatedReceiver as string;
    const created = await sandbox.call('POST', `${ENERGY}/orders`, {
      token,
      body: { ...EXAMPLE_ORDER, receiver, idempotencyKey: undefined },
    });
    expect(created.status).toBe(201);
    await driveOrder(created.body.energyOrderId);
    const order = await getOrder(created.body.energyOrderId);
    expect(order.status).toBe('failed');
    expect(order.chargedAmountTrx).toBe('0.000000');
    expect(order.transactionHash).toBeNull();
    expect(await balance()).toMatchObject({
      availableBalanceTrx: '100.000000',
      reservedBalanceTrx: '0.000000',
    });
    const ledger = sandbox.world.ledger.entries().filter((entry) => entry.ref === order.energyOrderId);
    expect(ledger.map((entry) => entry.kind)).toEqual(['charge', 'refund']);
  });

  it('are refunded when the delegation fails after the charge', async () => {
    const receiver = fundedWallet(sandbox.world, 'refund-receiver', 1_000_000n).address;
    await sandbox.call('POST', '/__sandbox/2aml/energy/outcome', { body: { receiver, outcome: 'refunded' } });
    const created = await sandbox.call('POST', `${ENERGY}/orders`, {
      token,
      body: { ...EXAMPLE_ORDER, receiver, idempotencyKey: undefined },
    });
    sandbox.advance(3);
    expect((await getOrder(created.body.energyOrderId)).status).toBe('processing');
    expect((await balance()).availableBalanceTrx).toBe('85.480000');
    sandbox.advance(2);
    const order = await getOrder(created.body.energyOrderId);
    expect(order.status).toBe('refunded');
    expect(order.chargedAmountTrx).toBe('14.520000');
    expect(await balance()).toMatchObject({
      availableBalanceTrx: '100.000000',
      reservedBalanceTrx: '0.000000',
    });
    const history = await sandbox.call('GET', `${ENERGY}/wallet/history`, { token });
    expect(history.body.data.map((row: { type: string }) => row.type)).toEqual([
      'energy_refund',
      'energy_charge',
      'energy_reservation',
    ]);
  });

  it('fail on a forced provider failure', async () => {
    await sandbox.call('POST', '/__sandbox/2aml/energy/outcome', {
      body: { receiver: EXAMPLE_RECEIVER, outcome: 'failed' },
    });
    const created = await sandbox.call('POST', `${ENERGY}/orders`, { token, body: EXAMPLE_ORDER });
    await driveOrder(created.body.energyOrderId);
    expect((await getOrder(created.body.energyOrderId)).status).toBe('failed');
    expect((await balance()).availableBalanceTrx).toBe('100.000000');
  });
});

describe('list and get', () => {
  it('lists orders by latest update and pages them', async () => {
    const first = await sandbox.call('POST', `${ENERGY}/orders`, {
      token,
      body: { ...EXAMPLE_ORDER, orderId: 'A', idempotencyKey: undefined },
    });
    sandbox.advance(1);
    const second = await sandbox.call('POST', `${ENERGY}/orders`, {
      token,
      body: { ...EXAMPLE_ORDER, orderId: 'B', idempotencyKey: undefined, duration: 0, period: undefined },
    });
    const list = await sandbox.call('GET', `${ENERGY}/orders?page=1&limit=20`, { token });
    const page = expectContract(pageSchema(orderSchema), list.body);
    expect(page.data.map((order) => order.orderId)).toEqual(['B', 'A']);
    expect(page.data[0]).toMatchObject({ period: '1H', duration: 0 });

    // The first order completes later than the second was created, so it moves to the top.
    sandbox.advance(2);
    await waitForOrder(first.body.energyOrderId, (order) => order.transactionHash !== null);
    const reordered = await sandbox.call('GET', `${ENERGY}/orders?limit=1`, { token });
    expect(reordered.body).toMatchObject({ total: 2, page: 1, limit: 1 });
    expect(reordered.body.data[0].energyOrderId).toBe(first.body.energyOrderId);
    expect(second.body.energyOrderId).not.toBe(first.body.energyOrderId);
  });

  it("answers 404 for another customer's order and for unknown ids", async () => {
    const created = await sandbox.call('POST', `${ENERGY}/orders`, { token, body: EXAMPLE_ORDER });
    const other = (
      await sandbox.call('POST', `${ENERGY}/auth/register`, {
        body: { email: 'mallory@example.com', password: 'secret123' },
      })
    ).body.accessToken;
    for (const [id, bearer] of [
      [created.body.energyOrderId, other],
      ['ITRX-ORDER-9999', token],
    ]) {
      const response = await sandbox.call('GET', `${ENERGY}/orders/${id}`, { token: bearer });
      expect(response.status).toBe(404);
      expect(expectContract(errorEnvelopeSchema, response.body).error.message).toBe('Order not found.');
    }
    const otherList = await sandbox.call('GET', `${ENERGY}/orders`, { token: other });
    expect(otherList.body.total).toBe(0);
  });
});

describe('callbacks', () => {
  it('posts the terminal order to callbackUrl', async () => {
    const received: unknown[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push(JSON.parse(body));
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const created = await sandbox.call('POST', `${ENERGY}/orders`, {
        token,
        body: { ...EXAMPLE_ORDER, callbackUrl: `http://127.0.0.1:${port}/hook`, note: 'for the shop' },
      });
      await driveOrder(created.body.energyOrderId);
      await expect.poll(() => received.length, { timeout: 3000 }).toBe(1);
      expect(received[0]).toMatchObject({ energyOrderId: created.body.energyOrderId, status: 'completed' });
    } finally {
      server.close();
    }
  });
});
