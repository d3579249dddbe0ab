import { describe, expect, it } from 'vitest';
import { buildQuote, quoteToWire, type QuoteFacts, DOCUMENTED_TERMS } from '@/lib/energy/quote';

const TRX = 1_000_000n;
const PAYER = 'TGABsdK6xFXWp6DP3QBgXHyfYzEJbN1AXc';
const RECEIVER = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const DOCUMENTED_PAY_TO = 'TFqUiCu1JwLHHnBNeaaVKH7Csm4aA3YhZx';

function facts(overrides: Partial<QuoteFacts> = {}): QuoteFacts {
  return {
    payer: PAYER,
    payerBalanceSun: 100n * TRX,
    paymentFeeSun: 0n,
    receiver: RECEIVER,
    receiverActivated: true,
    receiverEnergyAvailable: 0,
    wantedEnergy: 65_000,
    customEnergy: false,
    terms: DOCUMENTED_TERMS,
    termsLive: true,
    energyFeeSun: 100n,
    payTo: DOCUMENTED_PAY_TO,
    documentedPayTo: DOCUMENTED_PAY_TO,
    ...overrides,
  };
}

describe('a rental quote', () => {
  it('prices a USDT transfer and shows what burning would cost', () => {
    const result = buildQuote(facts());
    expect(result).toMatchObject({
      ok: true,
      quote: {
        neededEnergy: 65_000,
        energy: 65_000,
        priceSun: 4n * TRX,
        burnSun: 6_500_000n,
        savingSun: 2_500_000n,
      },
    });
    if (result.ok)
      expect(quoteToWire(result.quote)).toMatchObject({ priceSun: '4000000', burnSun: '6500000' });
  });

  it('buys only what the receiver still lacks', () => {
    const result = buildQuote(facts({ wantedEnergy: 131_000, receiverEnergyAvailable: 60_000 }));
    expect(result).toMatchObject({
      ok: true,
      quote: { neededEnergy: 71_000, priceSun: 5n * TRX, energy: 81_250 },
    });
  });

  it('tells the person when burning the little energy left would be cheaper', () => {
    const result = buildQuote(facts({ receiverEnergyAvailable: 50_000 }));
    expect(result).toMatchObject({
      ok: true,
      quote: { neededEnergy: 15_000, priceSun: 4n * TRX, minimumApplied: true },
    });
    if (result.ok) expect(result.quote.savingSun).toBe(1_500_000n - 4n * TRX);
  });

  it('refuses what cannot or need not be sent', () => {
    expect(buildQuote(facts({ receiverEnergyAvailable: 70_000 }))).toEqual({
      ok: false,
      problem: 'receiver_has_enough',
    });
    expect(buildQuote(facts({ receiverActivated: false }))).toEqual({
      ok: false,
      problem: 'receiver_not_activated',
    });
    expect(buildQuote(facts({ wantedEnergy: 1_000, customEnergy: true }))).toEqual({
      ok: false,
      problem: 'energy_below_minimum',
    });
    expect(buildQuote(facts({ wantedEnergy: 20_000_000, customEnergy: true }))).toEqual({
      ok: false,
      problem: 'energy_above_maximum',
    });
    expect(buildQuote(facts({ wantedEnergy: 0 }))).toEqual({ ok: false, problem: 'energy_invalid' });
  });

  it('refuses a price the payer cannot cover, counting the bandwidth the payment burns', () => {
    expect(buildQuote(facts({ payerBalanceSun: 3n * TRX }))).toEqual({
      ok: false,
      problem: 'balance_insufficient',
    });
    expect(buildQuote(facts({ payerBalanceSun: 4n * TRX }))).toMatchObject({ ok: true });
    expect(buildQuote(facts({ payerBalanceSun: 4n * TRX, paymentFeeSun: 300_000n }))).toEqual({
      ok: false,
      problem: 'balance_insufficient',
    });
  });

  it('flags a pay_to that is not the documented address, only where one is documented', () => {
    const other = 'TGABsdK6xFXWp6DP3QBgXHyfYzEJbN1AXc';
    expect(buildQuote(facts({ payTo: other }))).toMatchObject({
      ok: true,
      quote: { payToUndocumented: true },
    });
    expect(buildQuote(facts())).toMatchObject({ ok: true, quote: { payToUndocumented: false } });
    expect(buildQuote(facts({ payTo: other, documentedPayTo: undefined }))).toMatchObject({
      ok: true,
      quote: { payToUndocumented: false },
    });
  });
});
