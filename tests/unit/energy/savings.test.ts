/**
 * What each finished rental saved against burning the same energy at the chain's fee of the time,
 * for the three kinds that rent energy, and the total the Energy tab shows.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { JobRecord } from '@/lib/jobs/schema';
import { savingOf, savingsItem, totalSavedSun } from '@/lib/energy/savings';
import { recordRentalSaving, buildEnergyView } from '@/lib/energy/rentals';
import { rentalHistoryItem, type RentalHistoryEntry } from '@/lib/energy/claim-data';

const ADDRESS = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

function job(kind: string, state: string, data: Record<string, unknown>, id = `${kind}-1`): JobRecord {
  return {
    id,
    kind,
    state,
    terminal: true,
    createdAt: 1_000,
    updatedAt: 2_000,
    nextRunAt: null,
    attempts: 0,
    error: null,
    data,
    log: [{ state, at: 2_000 }],
  };
}

const tronNrg = (id = 'nrg-1') =>
  job(
    'nrg-claim',
    'delegated',
    {
      payer: ADDRESS,
      receiver: ADDRESS,
      priceSun: '4000000',
      energy: 65_000,
      receipt: { energy: 65_000, costSun: '4000000', delegations: [], recovered: false },
    },
    id,
  );
const zapEnergy = () =>
  job('zap-tx', 'ready', { service: 'energy', receiver: ADDRESS, amount: 65_000, priceSun: '5466500' });
const twoAmlOrder = () =>
  job('energy-order', 'ready', {
    receiver: ADDRESS,
    energy: 65_000,
    priceSun: '6000000',
    chargedSun: '5900000',
  });

beforeEach(() => fakeBrowser.reset());

describe('rental savings', () => {
  it('is the energy burned at the fee of the time minus what the rental cost, per source', () => {
    // 65,000 energy at 100 sun burns 6.5 TRX.
    expect(savingOf(tronNrg(), 100n, 5)).toMatchObject({ savedSun: '2500000', paidSun: '4000000' });
    expect(savingOf(zapEnergy(), 100n, 5)?.savedSun).toBe('1033500');
    // 2aml's charge wins over the quoted price.
    expect(savingOf(twoAmlOrder(), 100n, 5)?.savedSun).toBe('600000');
    // At 420 sun per energy (the fee before August 2025) the same rental saved far more.
    expect(savingOf(tronNrg(), 420n, 5)?.savedSun).toBe('23300000');
  });

  it('records nothing for a rental that did not deliver, bandwidth, or an activation', () => {
    expect(savingOf(job('nrg-claim', 'failed', tronNrg().data), 100n, 5)).toBeNull();
    expect(
      savingOf(job('zap-tx', 'ready', { service: 'bandwidth', amount: 345, priceSun: '207000' }), 100n, 5),
    ).toBeNull();
    expect(
      savingOf(job('zap-tx', 'ready', { service: 'activate_address', priceSun: '1400000' }), 100n, 5),
    ).toBeNull();
    expect(savingOf(job('energy-order', 'failed', twoAmlOrder().data), 100n, 5)).toBeNull();
  });

  it('writes one record per rental at the fee read when it finished, and adds them up', async () => {
    let reads = 0;
    const fee = async () => {
      reads++;
      return 100n;
    };
    await recordRentalSaving(tronNrg(), fee, 10);
    await recordRentalSaving(tronNrg(), async () => 999n, 11);
    await recordRentalSaving(zapEnergy(), fee, 12);
    await recordRentalSaving(twoAmlOrder(), fee, 13);

    const records = await savingsItem.get();
    expect(records.map((r) => [r.kind, r.energyFeeSun])).toEqual([
      ['energy-order', '100'],
      ['zap-tx', '100'],
      ['nrg-claim', '100'],
    ]);
    expect(reads).toBe(3);
    expect(totalSavedSun(records)).toBe(2_500_000n + 1_033_500n + 600_000n);
  });

  it('keeps no record when the fee cannot be read, rather than guessing one', async () => {
    await recordRentalSaving(tronNrg(), async () => {
      throw new Error('node down');
    });
    expect(await savingsItem.get()).toEqual([]);
  });

  it('shows each row its saving and the total, and nothing for a row older than savings', async () => {
    const row = (jobId: string, createdAt: number): RentalHistoryEntry => ({
      jobId,
      createdAt,
      updatedAt: createdAt,
      state: 'delegated',
      terminal: true,
      payer: ADDRESS,
      receiver: ADDRESS,
      energy: 65_000,
      priceSun: '4000000',
      error: null,
    });
    await rentalHistoryItem.set([row('nrg-new', 2_000), row('nrg-old', 1_000)]);
    await recordRentalSaving(tronNrg('nrg-new'), async () => 100n);
    await recordRentalSaving(zapEnergy(), async () => 100n);

    const view = await buildEnergyView();

    expect(view.history.find((e) => e.jobId === 'nrg-new')?.savedSun).toBe('2500000');
    expect(view.history.find((e) => e.jobId === 'nrg-old')).not.toHaveProperty('savedSun');
    expect(view.savings).toEqual({ totalSun: '3533500', rentals: 2 });
  });
});
