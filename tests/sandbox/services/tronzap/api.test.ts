/**
 * TronZap over real HTTP: signed POST calls (`Authorization: Bearer` + `X-Signature`), `{code: 0,
 * result}` or HTTP 200 `{code, error}`; transactions that really delegate or activate on the chain.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TronWeb } from 'tronweb';
import { trxFromJsonNumber } from '../../../../lib/tron/units';
import { startQuietSandbox, walletFor, type Sandbox } from '../tronnrg/testing';

interface SeededAccount {
  name: string;
  token: string;
  secret: string;
  balanceTrx: string | null;
}

let sandbox: Sandbox;
let main: SeededAccount;
let noWallet: SeededAccount;
let reader: TronWeb;
let user: string;
/** Deliveries are async on the chain: give them time on a busy machine. */
const SLOW = { timeout: 10_000 };

beforeAll(async () => {
  sandbox = await startQuietSandbox();
  const seeded = sandbox.world.seeded.tronzap as { accounts: SeededAccount[] };
  main = seeded.accounts.find((a) => a.name === 'main')!;
  noWallet = seeded.accounts.find((a) => a.name === 'no-wallet')!;
  user = sandbox.world.chain.keypair('tronlink').address;
  reader = walletFor(sandbox.origin, sandbox.world.chain.keypair('tronlink'));
});

afterAll(async () => {
  await sandbox.close();
});

type ZapAnswer = { httpStatus: number; code: number; result?: Record<string, unknown>; error?: string };

/** A signed call exactly as the documented examples build it: sha256hex(body + secret). */
async function call(path: string, body: unknown, account = main, rawBody?: string): Promise<ZapAnswer> {
  const text = rawBody ?? JSON.stringify(body);
  const signature = createHash('sha256')
    .update(text + account.secret)
    .digest('hex');
  const response = await fetch(`${sandbox.origin}/tronzap${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${account.token}`,
      'x-signature': signature,
      'content-type': 'application/json',
    },
    body: text,
  });
  return { httpStatus: response.status, ...((await response.json()) as Omit<ZapAnswer, 'httpStatus'>) };
}

/** The account balance in sun, read the way a client must read TronZap's JSON numbers. */
async function balanceSun(): Promise<bigint> {
  return trxFromJsonNumber((await call('/v1/balance', {})).result!.balance as number);
}

/** Seals blocks until the transaction reaches a final status (it starts one sandbox second after creation). */
async function settle(id: string): Promise<Record<string, unknown>> {
  sandbox.world.clock.advance(2);
  let last: Record<string, unknown> = {};
  await expect
    .poll(async () => {
      sandbox.world.chain.produceBlock();
      last = (await call('/v1/transaction/check', { id })).result!;
      return last.status;
    }, SLOW)
    .toMatch(/^(success|failed)$/);
  return last;
}

describe('reading endpoints', () => {
  it('/v1/services lists energy for 1 and 24 hours, bandwidth for 1 hour, and the activation price', async () => {
    const answer = await call('/v1/services', {});
    expect(answer).toMatchObject({ httpStatus: 200, code: 0 });
    const result = answer.result!;
    const energy = result.energy as Record<string, number>[];
    expect(energy.map((tier) => tier.duration)).toEqual([1, 24]);
    for (const tier of energy) {
      expect(tier).toMatchObject({ min_amount: expect.any(Number), max_amount: expect.any(Number) });
      expect(typeof tier.price).toBe('number');
      expect(typeof tier.price_65k).toBe('number');
      expect(typeof tier.price_131k).toBe('number');
    }
    expect((result.bandwidth as Record<string, number>[]).map((tier) => tier.duration)).toEqual([1]);
    expect(result.activate_address).toEqual({ price: 1.4 });
  });

  it('/v1/balance shows the seeded TRX balance', async () => {
    const answer = await call('/v1/balance', {});
    expect(answer.code).toBe(0);
    expect(main.balanceTrx).toBe('200');
    expect(trxFromJsonNumber(answer.result!.balance as number)).toBe(200_000_000n);
  });

  it('/v1/calculate prices energy for an address and duration', async () => {
    const answer = await call('/v1/calculate', { address: user, amount: 65_000, duration: 1 });
    expect(answer.code).toBe(0);
    expect(answer.result).toMatchObject({
      address: user,
      amount: 65_000,
      duration: 1,
      price: 5.4665,
      activation_fee: 0,
      total: 5.4665,
    });
    const fresh = sandbox.world.chain.keypair('zap-calc-fresh').address;
    const forFresh = await call('/v1/calculate', { address: fresh, amount: 65_000, duration: 24 });
    expect(forFresh.result).toMatchObject({ duration: 24, activation_fee: 1.4 });
  });

  it('/v1/estimate-energy estimates a USDT transfer from the chain', async () => {
    const holder = sandbox.world.chain.keypair('zap-usdt-holder');
    sandbox.world.chain.mint(holder.address, { trxSun: 1_000_000n, usdt: 1_000_000n });
    const fresh = sandbox.world.chain.keypair('zap-estimate-fresh').address;
    const toHolder = await call('/v1/estimate-energy', {
      from_address: user,
      to_address: holder.address,
      contract_address: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    });
    const toFresh = await call('/v1/estimate-energy', { from_address: user, to_address: fresh });
    expect(toHolder.code).toBe(0);
    expect(toHolder.result).toMatchObject({ from_address: user, to_address: holder.address });
    expect(toHolder.result!.energy).toBe(
      sandbox.world.chain.estimateUsdtTransferEnergy(user, holder.address),
    );
    expect(toFresh.result!.energy as number).toBeGreaterThan(toHolder.result!.energy as number);
    expect(typeof toHolder.result!.price).toBe('number');
  });

  it('/v1/address-info shows activation, resources and balances from the chain', async () => {
    const answer = await call('/v1/address-info', { address: user });
    expect(answer.code).toBe(0);
    expect(answer.result).toMatchObject({
      address: user,
      activated: true,
      resources: { energy: expect.any(Number), bandwidth: expect.any(Number) },
    });
    const balances = answer.result!.balances as Record<string, number>;
    expect(trxFromJsonNumber(balances.TRX!)).toBe(BigInt(await reader.trx.getBalance(user)));
    expect(trxFromJsonNumber(balances.USDT!)).toBe(sandbox.world.chain.usdtBalance(user));
  });
});

describe('POST /v1/transaction/new', () => {
  it('creates the documented example, goes new → pending → success, delegates on chain and charges the balance', async () => {
    const before = await balanceSun();
    const created = await call('/v1/transaction/new', {
      external_id: 'my-external-id-123',
      service: 'energy',
      params: { address: user, energy_amount: 65000, duration: 1 },
    });
    expect(created).toMatchObject({ httpStatus: 200, code: 0 });
    const tx = created.result!;
    expect(tx).toMatchObject({
      external_id: 'my-external-id-123',
      params: { address: user, energy_amount: 65000, duration: 1 },
      status: 'new',
      amount: 5.4665,
      hash: null,
    });
    expect(typeof tx.id).toBe('string');
    expect(tx.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(await balanceSun()).toBe(before - 5_466_500n);

    sandbox.world.clock.advance(2);
    await expect
      .poll(async () => (await call('/v1/transaction/check', { id: tx.id })).result!.status, SLOW)
      .toBe('pending');
    const done = await settle(tx.id as string);
    expect(done.status).toBe('success');
    expect(done.hash).toMatch(/^[0-9a-f]{64}$/);

    const onChain = await reader.trx.getTransaction(done.hash as string);
    expect(onChain.raw_data.contract[0]!.type).toBe('DelegateResourceContract');
    const resources = await reader.trx.getAccountResources(user);
    expect(resources.EnergyLimit).toBeGreaterThanOrEqual(65_000);
  });

  it('takes the energy from amount or energy_amount, and refuses an order with neither, uncharged', async () => {
    const before = await balanceSun();
    const neither = await call('/v1/transaction/new', {
      service: 'energy',
      params: { address: user, duration: 1 },
    });
    expect(neither).toMatchObject({ httpStatus: 200, code: 11 });
    expect(await balanceSun()).toBe(before);

    const byAmount = await call('/v1/transaction/new', {
      service: 'energy',
      params: { address: user, amount: 65_000, duration: 1 },
    });
    expect(byAmount).toMatchObject({ code: 0, result: { amount: 5.4665 } });
    const both = await call('/v1/transaction/new', {
      service: 'energy',
      params: { address: user, amount: 65_000, energy_amount: 65_000, duration: 1 },
    });
    expect(both).toMatchObject({ code: 0, result: { amount: 5.4665 } });
    expect(await balanceSun()).toBe(before - 2n * 5_466_500n);
  });

  it('returns the existing transaction, uncharged, for a repeated external_id', async () => {
    const first = await call('/v1/transaction/new', {
      external_id: 'zap-repeat-1',
      service: 'bandwidth',
      params: { address: user, amount: 1_000, duration: 1 },
    });
    const balance = await balanceSun();
    const again = await call('/v1/transaction/new', {
      external_id: 'zap-repeat-1',
      service: 'bandwidth',
      params: { address: user, amount: 1_000, duration: 1 },
    });
    expect(again.result!.id).toBe(first.result!.id);
    expect(await balanceSun()).toBe(balance);
    const byExternalId = await call('/v1/transaction/check', { external_id: 'zap-repeat-1' });
    expect(byExternalId.result!.id).toBe(first.result!.id);
  });

  it('delivers bandwidth as a BANDWIDTH delegation', async () => {
    const created = await call('/v1/transaction/new', {
      service: 'bandwidth',
      params: { address: user, amount: 345, duration: 1 },
    });
    expect(created.result).toMatchObject({ status: 'new', amount: 0.207, external_id: null });
    const done = await settle(created.result!.id as string);
    expect(done.status).toBe('success');
    const onChain = await reader.trx.getTransaction(done.hash as string);
    expect(onChain.raw_data.contract[0]!.type).toBe('DelegateResourceContract');
  });

  it('activates a new address (activate_address), after which it exists on chain', async () => {
    const fresh = sandbox.world.chain.keypair('zap-activate-me').address;
    const created = await call('/v1/transaction/new', {
      external_id: 'my-external-id-activate',
      service: 'activate_address',
      params: { address: fresh },
    });
    expect(created.result).toMatchObject({ status: 'new', amount: 1.4 });
    const done = await settle(created.result!.id as string);
    expect(done.status).toBe('success');
    expect(sandbox.world.chain.isActivated(fresh)).toBe(true);
    const account = await reader.trx.getAccount(fresh);
    expect(account.address).toBeTruthy();
  });

  it('activates then delegates when energy is ordered for a new address with activate_address', async () => {
    const fresh = sandbox.world.chain.keypair('zap-energy-fresh').address;
    const created = await call('/v1/transaction/new', {
      service: 'energy',
      params: { address: fresh, amount: 65_000, duration: 24, activate_address: true },
    });
    // 65,000 energy for 24 h plus the 1.4 TRX activation.
    expect(created.result).toMatchObject({ amount: 7.7375 });
    const done = await settle(created.result!.id as string);
    expect(done.status).toBe('success');
    expect(sandbox.world.chain.isActivated(fresh)).toBe(true);
    expect((await reader.trx.getAccountResources(fresh)).EnergyLimit).toBeGreaterThanOrEqual(65_000);
  });

  it('fails a transaction the provider cannot deliver and gives the money back', async () => {
    const before = await balanceSun();
    await fetch(`${sandbox.origin}/__sandbox/tronzap/fail-next`, {
      method: 'POST',
      body: JSON.stringify({ error: 'transaction_failed' }),
    });
    const created = await call('/v1/transaction/new', {
      service: 'energy',
      params: { address: user, amount: 32_000, duration: 1 },
    });
    expect(await balanceSun()).toBeLessThan(before);
    const done = await settle(created.result!.id as string);
    expect(done.status).toBe('failed');
    expect(await balanceSun()).toBe(before);
  });
});

describe('errors: HTTP 200 with {code, error}', () => {
  const energy = (params: Record<string, unknown>) => ({
    service: 'energy',
    params: { address: user, ...params },
  });

  it.each([
    ['1: an unknown token', () => call('/v1/balance', {}, { ...main, token: 'not-a-token' }), 1],
    ['1: a wrong signature', () => call('/v1/balance', {}, { ...main, secret: 'wrong-secret' }), 1],
    [
      '2: an unknown service',
      () => call('/v1/transaction/new', { service: 'coffee', params: { address: user } }),
      2,
    ],
    ['2: a body that is not JSON', () => call('/v1/transaction/new', null, main, '{not json'), 2],
    ['2: check without id or external_id', () => call('/v1/transaction/check', {}), 2],
    ['5: an account without a wallet', () => call('/v1/balance', {}, noWallet), 5],
    ['10: an invalid address', () => call('/v1/transaction/new', energy({ address: 'TRX_ADDRESS' })), 10],
    ['11: too little energy', () => call('/v1/transaction/new', energy({ amount: 1_000, duration: 1 })), 11],
    ['11: a missing amount', () => call('/v1/transaction/new', energy({ duration: 1 })), 11],
    ['12: a 3-hour duration', () => call('/v1/transaction/new', energy({ amount: 65_000, duration: 3 })), 12],
    ['20: an unknown transaction', () => call('/v1/transaction/check', { id: 'no-such-id' }), 20],
  ])('code %s', async (_label, send, code) => {
    const answer = await send();
    expect(answer.httpStatus).toBe(200);
    expect(answer.code).toBe(code);
    expect(typeof answer.error).toBe('string');
    expect(answer.result).toBeUndefined();
  });

  it('code 12 for bandwidth for 24 hours', async () => {
    const answer = await call('/v1/transaction/new', {
      service: 'bandwidth',
      params: { address: user, amount: 1_000, duration: 24 },
    });
    expect(answer.code).toBe(12);
  });

  it('code 6 when the balance does not cover the order, and nothing is charged', async () => {
    const before = await balanceSun();
    const answer = await call('/v1/transaction/new', energy({ amount: 5_000_000, duration: 24 }));
    expect(answer.code).toBe(6);
    expect(await balanceSun()).toBe(before);
  });

  it('code 5 when an account without a wallet orders', async () => {
    const answer = await call('/v1/transaction/new', energy({ amount: 65_000, duration: 1 }), noWallet);
    expect(answer.code).toBe(5);
  });

  it('code 24 for energy to an address that is not activated, 25 for activating one that is', async () => {
    const fresh = sandbox.world.chain.keypair('zap-not-activated').address;
    expect(
      (await call('/v1/transaction/new', energy({ address: fresh, amount: 65_000, duration: 1 }))).code,
    ).toBe(24);
    expect(
      (await call('/v1/transaction/new', { service: 'activate_address', params: { address: user } })).code,
    ).toBe(25);
  });

  it('code 35 while a service is not available', async () => {
    const toggle = (body: unknown) =>
      fetch(`${sandbox.origin}/__sandbox/tronzap/availability`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
    await toggle({ energy: false });
    try {
      expect((await call('/v1/transaction/new', energy({ amount: 65_000, duration: 1 }))).code).toBe(35);
      expect((await call('/v1/services', {})).result!.energy).toBeUndefined();
    } finally {
      await toggle({ energy: true });
    }
  });

  it('code 500 on an internal error', async () => {
    await fetch(`${sandbox.origin}/__sandbox/tronzap/fail-next`, {
      method: 'POST',
      body: JSON.stringify({ error: 'internal_error' }),
    });
    const answer = await call('/v1/balance', {});
    expect(answer).toMatchObject({ httpStatus: 200, code: 500 });
  });
});

describe('POST /__sandbox/reset', () => {
  it('restores the seeded balance and forgets every transaction', async () => {
    const created = await call('/v1/transaction/new', {
      external_id: 'before-reset',
      service: 'energy',
      params: { address: user, amount: 65_000, duration: 1 },
    });
    expect(created.code).toBe(0);
    const reset = await fetch(`${sandbox.origin}/__sandbox/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(await balanceSun()).toBe(200_000_000n);
    expect((await call('/v1/transaction/check', { id: created.result!.id })).code).toBe(20);
    expect((await call('/v1/transaction/check', { external_id: 'before-reset' })).code).toBe(20);
  });
});
