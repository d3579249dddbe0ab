import { describe, expect, it } from 'vitest';
import {
  burnCostSun,
  DOCUMENTED_TERMS,
  energyBounds,
  priceForEnergy,
  type RentalTerms,
  energyStillNeeded,
  presetForRecipient,
  SIZING_PRESETS,
} from '@/lib/energy/quote';

const TRX = 1_000_000n;

describe('the price of a rental', () => {
  it('charges whole TRX: ceil(energy / 16,250)', () => {
    expect(priceForEnergy(65_000, DOCUMENTED_TERMS)).toEqual({
      priceSun: 4n * TRX,
      energy: 65_000,
      minimumApplied: false,
    });
    expect(priceForEnergy(65_001, DOCUMENTED_TERMS)).toEqual({
      priceSun: 5n * TRX,
      energy: 81_250,
      minimumApplied: false,
    });
    // A transfer to a new USDT holder: 131,000 needs 8.06 TRX, so 9 TRX buys 146,250.
    expect(priceForEnergy(131_000, DOCUMENTED_TERMS)).toEqual({
      priceSun: 9n * TRX,
      energy: 146_250,
      minimumApplied: false,
    });
  });

  it('raises a small order to the 4 TRX minimum and says so', () => {
    expect(priceForEnergy(10_000, DOCUMENTED_TERMS)).toEqual({
      priceSun: 4n * TRX,
      energy: 65_000,
      minimumApplied: true,
    });
  });

  it('takes the largest order and refuses anything beyond it', () => {
    expect(priceForEnergy(16_250_000, DOCUMENTED_TERMS)).toMatchObject({
      priceSun: 1_000n * TRX,
      energy: 16_250_000,
    });
    expect(priceForEnergy(16_250_001, DOCUMENTED_TERMS)).toBe('energy_above_maximum');
  });

  it('refuses energy that is not a positive whole number', () => {
    for (const bad of [0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(priceForEnergy(bad, DOCUMENTED_TERMS)).toBe('energy_invalid');
    }
  });

  it('follows live terms, paying a fractional minimum as the next whole TRX', () => {
    const live: RentalTerms = { energyPerTrx: 20_000, minPaymentSun: 4_500_000n, maxPaymentSun: 50n * TRX };
    expect(priceForEnergy(20_000, live)).toEqual({
      priceSun: 5n * TRX,
      energy: 100_000,
      minimumApplied: true,
    });
    expect(priceForEnergy(1_000_000, live)).toMatchObject({ priceSun: 50n * TRX });
    expect(priceForEnergy(1_000_001, live)).toBe('energy_above_maximum');
    expect(energyBounds(live)).toEqual({ min: 90_000, max: 1_000_000 });
  });

  it('prices burning at the chain fee per energy, in sun', () => {
    expect(burnCostSun(65_000, 100n)).toBe(6_500_000n);
    expect(burnCostSun(0, 100n)).toBe(0n);
  });
});

describe('sizing', () => {
  it('picks 65,000 for a recipient that holds USDT and 131,000 for one that holds none', () => {
    expect(SIZING_PRESETS[presetForRecipient(1n)]).toBe(65_000);
    expect(SIZING_PRESETS[presetForRecipient(0n)]).toBe(131_000);
  });

  it('takes off the energy the receiver already has', () => {
    expect(energyStillNeeded(65_000, 20_000)).toBe(45_000);
    expect(energyStillNeeded(65_000, 65_000)).toBe(0);
    expect(energyStillNeeded(65_000, 100_000)).toBe(0);
    expect(energyStillNeeded(65_000, -1)).toBe(65_000);
  });
});
