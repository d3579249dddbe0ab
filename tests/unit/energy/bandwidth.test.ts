import { describe, expect, it } from 'vitest';
import { bandwidthCover, TRC20_TRANSFER_BANDWIDTH, TRX_TRANSFER_BANDWIDTH } from '@/lib/energy/bandwidth';

describe('bandwidth against the next transfer', () => {
  it('uses the documented sizes of a USDT and a TRX transfer', () => {
    expect(TRC20_TRANSFER_BANDWIDTH).toBe(345);
    expect(TRX_TRANSFER_BANDWIDTH).toBe(267);
  });

  it('is covered by staked bandwidth first, then by free bandwidth', () => {
    expect(bandwidthCover({ stakedBandwidthAvailable: 345, freeBandwidthAvailable: 0 }, 345)).toEqual({
      covered: true,
      from: 'staked',
      toBuy: 0,
    });
    expect(bandwidthCover({ stakedBandwidthAvailable: 100, freeBandwidthAvailable: 600 }, 345)).toEqual({
      covered: true,
      from: 'free',
      toBuy: 0,
    });
  });

  it('never adds free and staked together, and rents what staked lacks', () => {
    // 200 + 200 is 400, yet neither source alone holds 345 bytes: the transfer would burn TRX.
    expect(bandwidthCover({ stakedBandwidthAvailable: 200, freeBandwidthAvailable: 200 }, 345)).toEqual({
      covered: false,
      from: null,
      toBuy: 145,
    });
    expect(bandwidthCover({ stakedBandwidthAvailable: 0, freeBandwidthAvailable: 266 }, 267).toBuy).toBe(267);
  });
});
