import { describe, expect, it } from 'vitest';
import { rankOffers, tenthsOfSunPerEnergy, type Offer } from '../../../lib/energy/offers';
import { burnCostSun } from '../../../lib/energy/quote';

const TRX = 1_000_000n;
const priced = (source: Offer['source'], trx: bigint, energy: number, extra: Partial<Offer> = {}): Offer =>
  ({ source, state: 'priced', priceSun: trx * TRX, energy, periodHours: 1, ...extra }) as Offer;

describe('rankOffers', () => {
  const burnSun = burnCostSun(65_000, 100n);

  it('puts the cheapest usable offer first and marks it best', () => {
    const ranked = rankOffers(
      [
        priced('burn', 6n, 65_000, { periodHours: 0 }),
        priced('tronnrg', 4n, 65_000),
        priced('tronzap', 3n, 65_000),
      ],
      burnSun,
    );
    expect(ranked.map((offer) => offer.source)).toEqual(['tronzap', 'tronnrg', 'burn']);
    expect(ranked.map((offer) => offer.best)).toEqual([true, false, false]);
    expect(ranked[0]!.savingSun).toBe(3_500_000n);
    expect(ranked[2]!.savingSun).toBe(0n);
  });

  it('ranks a cheaper offer that needs a fix after every usable one, and none of them best', () => {
    const ranked = rankOffers(
      [
        priced('twoaml', 2n, 65_000, { blocker: 'sign_in' }),
        priced('tronnrg', 4n, 65_000),
        { source: 'tronzap', state: 'failed', message: 'down' },
        { source: 'burn', state: 'loading' },
      ],
      burnSun,
    );
    expect(ranked.map((offer) => offer.source)).toEqual(['tronnrg', 'twoaml', 'burn', 'tronzap']);
    expect(ranked.filter((offer) => offer.best).map((offer) => offer.source)).toEqual(['tronnrg']);
    expect(ranked[1]!.savingSun).toBe(4_500_000n);
  });

  it('has no best offer when nothing can be used yet', () => {
    const ranked = rankOffers(
      [priced('twoaml', 2n, 65_000, { blocker: 'top_up_twoaml' }), { source: 'tronnrg', state: 'loading' }],
      burnSun,
    );
    expect(ranked.some((offer) => offer.best)).toBe(false);
  });

  it('breaks a tie on price by energy per sun, then by the longer period, then by source order', () => {
    const ranked = rankOffers(
      [
        priced('tronzap', 4n, 65_000, { periodHours: 24 }),
        priced('twoaml', 4n, 65_000, { periodHours: 1 }),
        priced('tronnrg', 4n, 70_000),
      ],
      burnSun,
    );
    expect(ranked.map((offer) => offer.source)).toEqual(['tronnrg', 'tronzap', 'twoaml']);
    const again = rankOffers([priced('twoaml', 4n, 65_000), priced('tronnrg', 4n, 65_000)], burnSun);
    expect(again.map((offer) => offer.source)).toEqual(['tronnrg', 'twoaml']);
  });

  it('shows a negative saving when burning is cheaper', () => {
    const [offer] = rankOffers([priced('tronnrg', 4n, 65_000)], burnCostSun(10_000, 100n));
    expect(offer!.savingSun).toBe(1n * TRX - 4n * TRX);
  });
});

describe('the price of burning', () => {
  it("follows the chain's energy fee, not a constant", () => {
    expect(burnCostSun(65_000, 100n)).toBe(6_500_000n);
    expect(burnCostSun(65_000, 210n)).toBe(13_650_000n);
    expect(burnCostSun(65_000, 420n)).toBe(27_300_000n);
  });
});

describe('tenthsOfSunPerEnergy', () => {
  it('keeps one decimal of sun per energy unit, rounded half up', () => {
    expect(tenthsOfSunPerEnergy(4n * TRX, 65_000)).toBe(615n);
    expect(tenthsOfSunPerEnergy(3n, 2)).toBe(15n);
    expect(tenthsOfSunPerEnergy(1n, 0)).toBeUndefined();
  });
});
