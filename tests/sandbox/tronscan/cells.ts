/** Small constructors for page cells, so page builders read like the page they describe. */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AddressForm, Cell, InvalidForm, NotOccurrenceForm } from './page-model';

export const addr = (form: AddressForm, address: string, label?: string): Cell =>
  label === undefined ? { t: 'addr', form, address } : { t: 'addr', form, address, label };
export const bad = (form: InvalidForm, text: string): Cell => ({ t: 'bad', form, text });
export const skip = (form: NotOccurrenceForm, address: string): Cell => ({ t: 'skip', form, address });
export const text = (value: string): Cell => ({ t: 'text', text: value });
export const tx = (hash: string): Cell => ({ t: 'tx', hash });
export const amount = (value: string, symbol: string): Cell => ({ t: 'amount', value, symbol });

/** A fixed 64-hex-char hash for a label (fixture transaction ids). */
export function fixtureHash(label: string): string {
  return bytesToHex(sha256(utf8ToBytes(`ampere-sandbox/tronscan/${label}`)));
}

/** A stable small number for a label, to pick pool entries per page. */
export function fixtureIndex(label: string, modulo: number): number {
  const digest = sha256(utf8ToBytes(`ampere-sandbox/tronscan/index/${label}`));
  return ((digest[0]! << 16) | (digest[1]! << 8) | digest[2]!) % modulo;
}

/** A bigint amount in base units (6 decimals for both sun and USDT) as a trimmed decimal string. */
export function formatBaseUnits(value: bigint, decimals = 6): string {
  const scale = 10n ** BigInt(decimals);
  const whole = value / scale;
  const fraction = (value % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

export const USDT_LABEL = 'Tether USD (USDT)';
