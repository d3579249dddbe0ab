import { beforeEach, describe, expect, it } from 'vitest';
import { AML, useTwoAmlSandbox } from './testing/harness';
import {
  amlHistoryRowSchema,
  catalogSchema,
  creditHistoryRowSchema,
  creditSummarySchema,
  errorEnvelopeSchema,
  expectContract,
  pageSchema,
  purchaseSchema,
} from './testing/contract-schemas';

const sandbox = useTwoAmlSandbox();
let alice: string;
beforeEach(async () => {
  alice = await sandbox.login('alice@example.com', 'alice-pass-1');
});

async function registerUser(email: string): Promise<string> {
  return (await sandbox.call('POST', `${AML}/auth/register`, { body: { email, password: 'secret123' } })).body
    .accessToken;
}

describe('catalog', () => {
  it('lists the four packs with the per-check fee and a 10% referral discount for a referred customer', async () => {
    const response = await sandbox.call('GET', `${AML}/credits/catalog`, { token: alice });
    expect(response.status).toBe(200);
    const catalog = expectContract(catalogSchema, response.body);
    expect(catalog.feePerCheckTrx).toBe('8.000000');
    expect(catalog.walletBalanceBillingEnabled).toBe(true);
    expect(catalog.creditPackBillingEnabled).toBe(true);
    expect(catalog.planCatalog.map((plan) => plan.code)).toEqual([
      'pack_1',
      'pack_10',
      'pack_50',
      'pack_100',
    ]);
    const pack10 = catalog.planCatalog.find((plan) => plan.code === 'pack_10');
    expect(pack10).toEqual({
      code: 'pack_10',
      credits: 10,
      priceTrx: '80.000000',
      pricePerCreditTrx: '8.000000',
      expirationPolicy: { mode: 'fixed_days', expiresInDays: 30 },
      active: true,
      pricingPreview: {
        listPriceTrx: '80.000000',
        finalPriceTrx: '72.000000',
        discountRatePercent: 10,
        discountAmountTrx: '8.000000',
        referralDiscountApplied: true,
      },
    });
    // Bigger packs are cheaper per credit.
    const perCredit = catalog.planCatalog.map((plan) => Number(plan.pricePerCreditTrx));
    expect([...perCredit].sort((a, b) => b - a)).toEqual(perCredit);
  });

  it('shows no discount to a customer who was not referred', async () => {
    const token = await registerUser('plain@example.com');
    const catalog = (await sandbox.call('GET', `${AML}/credits/catalog`, { token })).body;
    for (const plan of catalog.planCatalog) {
      expect(plan.pricingPreview).toMatchObject({
        discountRatePercent: 0,
        discountAmountTrx: '0.000000',
        referralDiscountApplied: false,
        finalPriceTrx: plan.priceTrx,
      });
    }
  });

  it('needs a session', async () => {
    expect((await sandbox.call('GET', `${AML}/credits/catalog`)).status).toBe(401);
  });
});

describe('summary and history', () => {
  it("shows alice's five bonus credits", async () => {
    const summary = await sandbox.call('GET', `${AML}/credits/summary`, { token: alice });
    expect(expectContract(creditSummarySchema, summary.body)).toEqual({
      amlCreditsBalance: 5,
      amlCreditsPurchased: 0,
      amlCreditsConsumed: 0,
      amlCreditsExpired: 0,
      amlCreditsBonus: 5,
      walletAvailableBalanceTrx: '100.000000',
      walletReservedBalanceTrx: '0.000000',
      expirationPolicy: { mode: 'fixed_days', expiresInDays: 30 },
    });
    const history = await sandbox.call('GET', `${AML}/credits/history`, { token: alice });
    const rows = expectContract(pageSchema(creditHistoryRowSchema), history.body).data;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'bonus', credits: 5, planCode: null, amountTrx: '0.00000000' });
  });

  it('filters history by type and refuses unknown types', async () => {
    await sandbox.call('POST', `${AML}/credits/purchases`, { token: alice, body: { planCode: 'pack_1' } });
    await sandbox.call('POST', `${AML}/checks`, {
      token: alice,
      body: {
        targetWallet: sandbox.world.chain.keypair('someone').address,
        targetNetwork: 'tron',
        billingMode: 'credit_pack',
      },
    });
    const all = await sandbox.call('GET', `${AML}/credits/history?page=1&limit=20`, { token: alice });
    expect(all.body.data.map((row: { type: string }) => row.type).sort()).toEqual([
      'bonus',
      'consumption',
      'purchase',
    ]);
    for (const type of ['purchase', 'consumption', 'bonus']) {
      const filtered = await sandbox.call('GET', `${AML}/credits/history?page=1&limit=20&type=${type}`, {
        token: alice,
      });
      const rows = expectContract(pageSchema(creditHistoryRowSchema), filtered.body).data;
      expect(rows.map((row) => row.type)).toEqual([type]);
    }
    const consumption = (
      await sandbox.call('GET', `${AML}/credits/history?type=consumption`, { token: alice })
    ).body.data[0];
    expect(consumption.checkRequestId).toEqual(expect.any(Number));
    const bad = await sandbox.call('GET', `${AML}/credits/history?type=gift`, { token: alice });
    expect(bad.status).toBe(400);
    expectContract(errorEnvelopeSchema, bad.body);
  });

  it('expires unused credits after 30 days', async () => {
    sandbox.advance(30 * 24 * 3600 + 1);
    const token = await sandbox.login('alice@example.com', 'alice-pass-1');
    const summary = (await sandbox.call('GET', `${AML}/credits/summary`, { token })).body;
    expect(summary).toMatchObject({ amlCreditsBalance: 0, amlCreditsExpired: 5 });
    const expiry = await sandbox.call('GET', `${AML}/credits/history?type=expiry`, { token });
    expect(expiry.body.data).toHaveLength(1);
    expect(expiry.body.data[0]).toMatchObject({ type: 'expiry', credits: 5 });
    expect((await sandbox.call('GET', `${AML}/wallet/summary`, { token })).body.amlCreditsBalance).toBe(0);
  });
});

describe('purchase', () => {
  it('buys pack_10 at the discounted price from the wallet', async () => {
    const response = await sandbox.call('POST', `${AML}/credits/purchases`, {
      token: alice,
      body: { planCode: 'pack_10', idempotencyKey: 'buy-pack-10' },
    });
    expect(response.status).toBe(201);
    const purchase = expectContract(purchaseSchema, response.body);
    expect(purchase).toMatchObject({
      plan: { code: 'pack_10', credits: 10, priceTrx: '80.000000' },
      pricing: { listPriceTrx: '80.000000', finalPriceTrx: '72.000000', discountAmountTrx: '8.000000' },
      purchasedCredits: 10,
      amlCreditsBalance: 15,
      walletAvailableBalanceTrx: '28.000000',
      walletReservedBalanceTrx: '0.000000',
      idempotencyStatus: 'completed',
    });
    const expiresInDays = (Date.parse(purchase.expiresAt) - sandbox.world.clock.now()) / 86_400_000;
    expect(expiresInDays).toBeCloseTo(30, 2);

    const history = await sandbox.call('GET', `${AML}/wallet/history`, { token: alice });
    const row = expectContract(pageSchema(amlHistoryRowSchema), history.body).data[0];
    expect(row).toMatchObject({
      type: 'aml_credit_purchase',
      direction: 'debit',
      amountTrx: '72.00000000',
      planCode: 'pack_10',
    });

    const ledger = sandbox.world.ledger.entries().filter((entry) => entry.service === '2aml-aml');
    expect(ledger.map((entry) => [entry.kind, entry.amount, entry.unit])).toEqual([
      ['charge', '72.000000', 'TRX'],
      ['credit', '10', 'credits'],
    ]);
  });

  it('replays a retry with the same idempotency key', async () => {
    const body = { planCode: 'pack_1', idempotencyKey: 'buy-1' };
    await sandbox.call('POST', `${AML}/credits/purchases`, { token: alice, body });
    const retry = await sandbox.call('POST', `${AML}/credits/purchases`, { token: alice, body });
    expect(retry.status).toBe(200);
    expect(expectContract(purchaseSchema, retry.body).idempotencyStatus).toBe('replayed');
    const summary = (await sandbox.call('GET', `${AML}/credits/summary`, { token: alice })).body;
    expect(summary).toMatchObject({
      amlCreditsBalance: 6,
      amlCreditsPurchased: 1,
      walletAvailableBalanceTrx: '92.800000',
    });

    const other = await sandbox.call('POST', `${AML}/credits/purchases`, {
      token: alice,
      body: { ...body, planCode: 'pack_10' },
    });
    expect(other.status).toBe(400);
  });

  it('answers 409 to an overlapping duplicate purchase', async () => {
    await sandbox.call('POST', '/__sandbox/2aml/latency', { body: { createMs: 150 } });
    const body = { planCode: 'pack_1', idempotencyKey: 'buy-twice' };
    const responses = await Promise.all([
      sandbox.call('POST', `${AML}/credits/purchases`, { token: alice, body }),
      sandbox.call('POST', `${AML}/credits/purchases`, { token: alice, body }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
  });

  it('refuses unknown plans and purchases the wallet cannot cover', async () => {
    const unknown = await sandbox.call('POST', `${AML}/credits/purchases`, {
      token: alice,
      body: { planCode: 'pack_5' },
    });
    expect(unknown.status).toBe(400);
    expectContract(errorEnvelopeSchema, unknown.body);
    const tooBig = await sandbox.call('POST', `${AML}/credits/purchases`, {
      token: alice,
      body: { planCode: 'pack_50' },
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.message).toContain('Insufficient wallet balance');
    expect(
      (await sandbox.call('GET', `${AML}/credits/summary`, { token: alice })).body.amlCreditsBalance,
    ).toBe(5);
  });

  it('answers 403 while credit-pack billing is switched off', async () => {
    await sandbox.call('POST', '/__sandbox/2aml/billing', { body: { creditPackBillingEnabled: false } });
    const catalog = (await sandbox.call('GET', `${AML}/credits/catalog`, { token: alice })).body;
    expect(catalog.creditPackBillingEnabled).toBe(false);
    const response = await sandbox.call('POST', `${AML}/credits/purchases`, {
      token: alice,
      body: { planCode: 'pack_1' },
    });
    expect(response.status).toBe(403);
    expectContract(errorEnvelopeSchema, response.body);
  });
});
