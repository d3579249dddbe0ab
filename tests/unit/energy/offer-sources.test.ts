import { beforeEach, describe, expect, it } from 'vitest';
import { serveShippedMessages } from '../shipped-messages';
import { offerFor, readNeed, type OfferDeps, type OfferRequest } from '../../../lib/energy/offer-sources';
import { DOCUMENTED_TERMS, type RentalQuote } from '../../../lib/energy/quote';
import { offerFromWire, rankOffers, OFFER_SOURCES, type OfferWire } from '../../../lib/energy/offers';
import { quoteProblem } from '../../../lib/energy/texts';

const ACCOUNT = 'TJRabPrwbZy45sbavfcjinPJC18kjpRTv8';
const RECEIVER = 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf';
const TRX = 1_000_000n;
const request: OfferRequest = {
  receiver: RECEIVER,
  sizing: { kind: 'preset', preset: 'usdtTransfer' },
  period: '1H',
};

/** Fakes of every source, answering like the sandbox does for 65,000 energy. */
function fakes(overrides: Partial<OfferDeps> & { feeSun?: bigint; activated?: boolean } = {}): OfferDeps {
  const activated = overrides.activated ?? true;
  return {
    account: async () => ACCOUNT,
    wantedEnergy: async () => ({ wantedEnergy: 65_000, sizedExactly: false }),
    receiver: async () => ({ activated, energyAvailable: 0 }),
    energyFeeSun: async () => overrides.feeSun ?? 100n,
    tronNrgQuote: async () =>
      activated
        ? { ok: true, value: { priceSun: 4n * TRX, energy: 65_000, minimumApplied: false } as RentalQuote }
        : { ok: false, problem: quoteProblem('receiver_not_activated') },
    tronNrgTerms: async () => DOCUMENTED_TERMS,
    twoAml: {
      quote: async ({ energy }) => ({
        amountSun: TRX + BigInt(energy) * 90n,
        energy,
        orderingAvailable: true,
      }),
      walletSun: async () => 100n * TRX,
    },
    tronZap: async () => ({
      calculateSun: async ({ energy }) => (BigInt(energy) * 84_100n + 999n) / 1000n,
      balanceSun: async () => 200n * TRX,
    }),
    text: (key) => key,
    failure: () => 'the service failed',
    ...overrides,
  };
}

async function offers(deps: OfferDeps, req: OfferRequest = request): Promise<OfferWire[]> {
  const need = readNeed(deps, req);
  return Promise.all(
    OFFER_SOURCES.map(async (source) => {
      const outcome = await offerFor(deps, source, req, need);
      if (!outcome.ok) throw new Error(outcome.problem.code);
      return outcome.value;
    }),
  );
}

const bySource = (wires: OfferWire[]) => Object.fromEntries(wires.map((wire) => [wire.source, wire]));

describe('offer sources', () => {
  beforeEach(serveShippedMessages);

  it('prices every source for the same energy and ranks them cheapest first', async () => {
    const wires = await offers(fakes());
    const prices = Object.fromEntries(wires.map((w) => [w.source, w.state === 'priced' ? w.priceSun : null]));
    expect(prices).toEqual({ tronnrg: '4000000', twoaml: '6850000', tronzap: '5466500', burn: '6500000' });
    const ranked = rankOffers(wires.map(offerFromWire), BigInt(wires[0]!.need.burnSun));
    expect(ranked.map((o) => o.source)).toEqual(['tronnrg', 'tronzap', 'burn', 'twoaml']);
    expect(ranked[0]!.best).toBe(true);
  });

  it('prices burning at the chain energy fee: change the fee and the price changes', async () => {
    const at100 = bySource(await offers(fakes({ feeSun: 100n }))).burn!;
    const at210 = bySource(await offers(fakes({ feeSun: 210n }))).burn!;
    expect(at100.state === 'priced' && at100.priceSun).toBe('6500000');
    expect(at210.state === 'priced' && at210.priceSun).toBe('13650000');
    expect(at210.need.burnSun).toBe('13650000');
    // With burning dearer, every provider saves more.
    const ranked = rankOffers((await offers(fakes({ feeSun: 210n }))).map(offerFromWire), 13_650_000n);
    expect(ranked.find((o) => o.source === 'tronnrg')!.savingSun).toBe(9_650_000n);
  });

  it('blocks TronNRG and 2aml with activate_receiver for an unactivated receiver, still priced', async () => {
    const wires = bySource(await offers(fakes({ activated: false })));
    for (const source of ['tronnrg', 'twoaml'] as const) {
      const wire = wires[source]!;
      expect(wire.state).toBe('priced');
      expect(wire.state === 'priced' && wire.blocker).toBe('activate_receiver');
    }
    const ranked = rankOffers(Object.values(wires).map(offerFromWire), 6_500_000n);
    expect(ranked.filter((o) => o.best)).toEqual([]);
  });

  it('asks to sign in to 2aml, or to top up its wallet, and keeps the public price', async () => {
    const signedOut = fakes();
    signedOut.twoAml = { ...signedOut.twoAml, walletSun: async () => null };
    const out = bySource(await offers(signedOut)).twoaml!;
    expect(out.state === 'priced' && [out.blocker, out.priceSun]).toEqual(['sign_in', '6850000']);

    const poor = fakes();
    poor.twoAml = { ...poor.twoAml, walletSun: async () => 5n * TRX };
    const low = bySource(await offers(poor)).twoaml!;
    expect(low.state === 'priced' && low.blocker).toBe('top_up_twoaml');
  });

  it('orders 2aml at its 10,000 minimum when less is needed', async () => {
    const small = fakes({ wantedEnergy: async () => ({ wantedEnergy: 3_000, sizedExactly: false }) });
    const wire = bySource(await offers(small)).twoaml!;
    expect(wire.state === 'priced' && [wire.energy, wire.minimumApplied, wire.priceSun]).toEqual([
      10_000,
      true,
      '1900000',
    ]);
  });

  it('without a TronZap key shows the fix, and the other sources unchanged', async () => {
    const wires = bySource(await offers(fakes({ tronZap: async () => null })));
    expect(wires.tronzap).toMatchObject({ state: 'failed', blocker: 'add_tronzap_key' });
    expect(wires.tronnrg!.state).toBe('priced');
    expect(wires.twoaml!.state).toBe('priced');
  });

  it('a failing source fails alone', async () => {
    const broken = fakes();
    broken.twoAml = {
      ...broken.twoAml,
      quote: async () => {
        throw new Error('503');
      },
    };
    const wires = bySource(await offers(broken));
    expect(wires.twoaml).toMatchObject({ state: 'failed', message: 'the service failed' });
    expect(['tronnrg', 'tronzap', 'burn'].map((s) => wires[s]!.state)).toEqual([
      'priced',
      'priced',
      'priced',
    ]);
  });

  it('refuses the request itself once for every source when nothing can be priced', async () => {
    const noAccount = fakes({ account: async () => null });
    expect(await offerFor(noAccount, 'burn', request)).toMatchObject({
      ok: false,
      problem: { code: 'not_connected' },
    });
    const enough = fakes({ receiver: async () => ({ activated: true, energyAvailable: 70_000 }) });
    expect(await offerFor(enough, 'twoaml', request)).toMatchObject({
      ok: false,
      problem: { code: 'receiver_has_enough' },
    });
    const bad = { ...request, receiver: 'not-an-address' };
    expect(await offerFor(fakes(), 'tronnrg', bad)).toMatchObject({
      ok: false,
      problem: { code: 'receiver_invalid' },
    });
  });

  it('asks each provider once while the chain is read, when the receiver needs the whole amount', async () => {
    const asked: number[] = [];
    let chainRead: () => void = () => undefined;
    const deps = fakes({
      receiver: () =>
        new Promise((resolve) => (chainRead = () => resolve({ activated: true, energyAvailable: 0 }))),
      tronZap: async () => ({
        calculateSun: async ({ energy }) => (asked.push(energy), (BigInt(energy) * 84_100n + 999n) / 1000n),
        balanceSun: async () => 200n * TRX,
      }),
    });
    const outcome = offerFor(deps, 'tronzap', request);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // TronZap was asked before the chain answered.
    expect(asked).toEqual([65_000]);
    chainRead();
    const wire = await outcome;
    expect(wire.ok && wire.value.state === 'priced' && wire.value.priceSun).toBe('5466500');
    expect(wire.ok && wire.value.need.burnSun).toBe('6500000');
    expect(asked).toEqual([65_000]);
  });

  it('prices again for the real need when the receiver has energy or is not activated', async () => {
    const asked: number[] = [];
    const zap = async () => ({
      calculateSun: async ({ energy }: { energy: number }) => (asked.push(energy), BigInt(energy) * 100n),
      balanceSun: async () => 200n * TRX,
    });
    const some = bySource(
      await offers(
        fakes({ receiver: async () => ({ activated: true, energyAvailable: 20_000 }), tronZap: zap }),
      ),
    );
    expect(some.tronzap!.state === 'priced' && some.tronzap!.priceSun).toBe('4500000');
    expect(some.tronzap!.need.neededEnergy).toBe(45_000);
    expect(asked).toEqual([65_000, 45_000]);
    expect(some.twoaml!.state === 'priced' && some.twoaml!.energy).toBe(45_000);

    const inactive = bySource(await offers(fakes({ activated: false })));
    for (const source of ['tronnrg', 'twoaml', 'tronzap'] as const)
      expect(inactive[source]!.state === 'priced' && inactive[source]!.blocker).toBe('activate_receiver');
  });

  it('TronZap sells 1 hour or 1 day only', async () => {
    const wire = bySource(await offers(fakes(), { ...request, period: '3D' })).tronzap!;
    expect(wire.state).toBe('failed');
    const day = bySource(await offers(fakes(), { ...request, period: '1D' })).tronzap!;
    expect(day.state === 'priced' && day.periodHours).toBe(24);
  });
});
