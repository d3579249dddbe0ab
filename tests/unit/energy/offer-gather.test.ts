import { describe, expect, it } from 'vitest';
import { gatherOffers, type OfferAnswerOf } from '../../../lib/energy/offer-gather';
import type { OfferSource, OfferWire } from '../../../lib/energy/offers';

const need = {
  receiver: 'TReceiver',
  receiverActivated: true,
  receiverEnergyAvailable: 0,
  wantedEnergy: 65_000,
  neededEnergy: 65_000,
  energyFeeSun: '100',
  burnSun: '6500000',
  sizedExactly: false,
};
const priced = (source: OfferSource, priceSun: string): OfferAnswerOf => ({
  ok: true,
  value: { source, need, state: 'priced', priceSun, energy: 65_000, periodHours: 1 } as OfferWire,
});
const after = <T>(ms: number, value: T) => new Promise<T>((done) => setTimeout(() => done(value), ms));

describe('gatherOffers', () => {
  it('hands each answer on as it arrives: a slow source holds no other', async () => {
    const seen: { source: OfferSource; at: number }[] = [];
    const start = Date.now();
    const delays: Record<OfferSource, number> = { tronnrg: 5, twoaml: 300, tronzap: 10, burn: 0 };
    await gatherOffers(
      (source) => after(delays[source], priced(source, '1')),
      (source) => seen.push({ source, at: Date.now() - start }),
    );
    expect(seen.map((s) => s.source)).toEqual(['burn', 'tronnrg', 'tronzap', 'twoaml']);
    // The three quick sources were shown long before the slow one answered.
    for (const quick of seen.slice(0, 3)) expect(quick.at).toBeLessThan(200);
    expect(seen[3]!.at).toBeGreaterThanOrEqual(290);
  });

  it('shows a failing source as failed and the others priced', async () => {
    const answers = new Map<OfferSource, OfferAnswerOf>();
    await gatherOffers(
      (source) =>
        source === 'twoaml' ? Promise.reject(new Error('port closed')) : after(1, priced(source, '2')),
      (source, answer) => answers.set(source, answer),
      { timeoutMessage: 'no answer' },
    );
    const twoAml = answers.get('twoaml');
    expect(twoAml?.ok && twoAml.value.state).toBe('failed');
    expect(twoAml?.ok && twoAml.value.state === 'failed' && twoAml.value.message).toBe('no answer');
    for (const source of ['tronnrg', 'tronzap', 'burn'] as const) {
      const answer = answers.get(source);
      expect(answer?.ok && answer.value.state).toBe('priced');
    }
  });

  it('marks a source failed after the timeout, then shows its late answer', async () => {
    const seen: string[] = [];
    await gatherOffers(
      (source) => after(source === 'tronzap' ? 120 : 1, priced(source, '3')),
      (source, answer) => seen.push(`${source}:${answer.ok ? answer.value.state : 'refused'}`),
      { timeoutMs: 50, timeoutMessage: 'slow' },
    );
    expect(seen.filter((s) => s.startsWith('tronzap'))).toEqual(['tronzap:failed', 'tronzap:priced']);
    expect(seen.indexOf('tronzap:failed')).toBe(3);
  });
});
