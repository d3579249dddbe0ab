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
  /** `amount`: the USDT to send, as typed (decimal text); empty or absent means "any amount". */
  | { kind: 'transferTo'; address: string; amount?: string };

/** How a "transfer to…" sizing was settled. */
export interface TransferSizing {
  wantedEnergy: number;
  /** The table row used when the node could not estimate the transfer. */
  sizedPreset?: SizingPreset;
  /** The node computed the energy of this exact transfer. */
  sizedExactly: boolean;
}

/**
 * The energy of a transfer to a recipient: the node's estimate of that exact transfer when it has
 * one, else the table row for a recipient holding `recipientUsdtBalance`.
 */
export function sizeTransfer(estimate: number | undefined, recipientUsdtBalance: bigint): TransferSizing {
  if (estimate !== undefined && Number.isSafeInteger(estimate) && estimate > 0)
    return { wantedEnergy: estimate, sizedExactly: true };
  const sizedPreset = presetForRecipient(recipientUsdtBalance);
  return { wantedEnergy: SIZING_PRESETS[sizedPreset], sizedPreset, sizedExactly: false };
}

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
