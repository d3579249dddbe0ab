/**
 * Bandwidth against the next transfer. The chain takes a transaction's bytes from the account's
 * staked bandwidth when enough of it is left, else from its daily free bandwidth when enough of that
 * is left, else burns TRX for all of them: two sources are never added together.
 */

/**
 * Bytes of bandwidth a transfer uses (seeds/README.md, from the public TRON documentation): about
 * 345 for a TRC20 (USDT) transfer and about 267 for a TRX transfer.
 */
export const TRC20_TRANSFER_BANDWIDTH = 345;
export const TRX_TRANSFER_BANDWIDTH = 267;

/** TronZap sells bandwidth for 1 hour only (seeds/002). */
export const ZAP_BANDWIDTH_HOURS = 1;

export interface BandwidthLeft {
  freeBandwidthAvailable: number;
  stakedBandwidthAvailable: number;
}

export interface BandwidthCover {
  /** The transfer's bytes are covered by one source, so it burns nothing for bandwidth. */
  covered: boolean;
  /** Which source the chain takes them from, or null when it would burn TRX. */
  from: 'staked' | 'free' | null;
  /** Staked bandwidth to add so that the transfer is covered (0 when it is). */
  toBuy: number;
}

/** Whether `needed` bytes are covered by what is left, and how much to rent when they are not. */
export function bandwidthCover(left: BandwidthLeft, needed: number): BandwidthCover {
  if (left.stakedBandwidthAvailable >= needed) return { covered: true, from: 'staked', toBuy: 0 };
  if (left.freeBandwidthAvailable >= needed) return { covered: true, from: 'free', toBuy: 0 };
  return { covered: false, from: null, toBuy: needed - left.stakedBandwidthAvailable };
}
