/**
 * How much energy a rental should buy. A USDT-TRC20 transfer needs about 64,285 energy to an
 * address that already holds USDT and about 130,285 to one that holds none (the contract writes a
 * new storage slot); providers sell 65,000 / 131,000 packages (seeds/README).
 */

export const SIZING_PRESETS = {
  /** "1 USDT transfer" to an address that already holds USDT. */
  usdtTransfer: 65_000,
  /** "to a new USDT holder": the first USDT an address receives. */
  usdtTransferToNewHolder: 131_000,
} as const;

export type SizingPreset = keyof typeof SIZING_PRESETS;

/** The sizing a person picks on the Energy screen. */
export type Sizing =
  | { kind: 'preset'; preset: SizingPreset }
  | { kind: 'custom'; energy: number }
  | { kind: 'transferTo'; address: string };

/** The preset for a transfer to an address holding `usdtBalance` base units of USDT. */
export function presetForRecipient(usdtBalance: bigint): SizingPreset {
  return usdtBalance > 0n ? 'usdtTransfer' : 'usdtTransferToNewHolder';
}

/**
 * Energy still to buy once what the receiver already has is used first; 0 when it has enough.
 * Energy is spent from the receiver's own pool before any TRX is burned, so renting it again wastes it.
 */
export function energyStillNeeded(wanted: number, receiverEnergyAvailable: number): number {
  return Math.max(0, wanted - Math.max(0, receiverEnergyAvailable));
}
