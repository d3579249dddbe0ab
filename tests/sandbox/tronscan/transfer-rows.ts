/**
 * Deterministic transfer rows for the big lists: row `i` is the same in the browser (which renders
 * it) and in Node (which lists it in the manifest), so a 10,000-row page costs no 10,000-row JSON.
 * Imports only types, so the browser bundle stays small.
 */
import type { AddressForm, Cell } from './page-model';

export interface TransferRow {
  hash: string;
  from: string;
  to: string;
  fromForm: AddressForm;
  toForm: AddressForm;
  /** USDT, decimal string with 6 decimals at most. */
  amount: string;
}

/** Cycled so every list shows every link shape tronscan uses in transfer tables. */
const FROM_FORMS: AddressForm[] = ['link-split-div', 'link-short', 'link-full', 'link-split'];
const TO_FORMS: AddressForm[] = ['link-short', 'link-split-div', 'link-split', 'link-full'];

/** A 32-bit mix (splitmix-like) so nearby indexes give unrelated rows. */
function mix32(value: number): number {
  let x = value | 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The 64-hex-char hash of row `index` (not a real txid; tronscan shows these as links too). */
function rowHash(index: number): string {
  let hex = '';
  for (let word = 0; word < 8; word++)
    hex += mix32(index * 8 + word + 0x9e3779b9)
      .toString(16)
      .padStart(8, '0');
  return hex;
}

/** Row `index` of a transfers list drawn from `pool` (at least two addresses). */
export function transferRow(index: number, pool: readonly string[]): TransferRow {
  if (pool.length < 2) throw new Error('transferRow needs at least two pool addresses');
  const fromIndex = mix32(index) % pool.length;
  const step = 1 + (mix32(index + 0x51ed27) % (pool.length - 1));
  const toIndex = (fromIndex + step) % pool.length;
  // Amounts are bigint base units (6 decimals) turned into a decimal string, like every money value here.
  const baseUnits = BigInt(mix32(index ^ 0x2545f491) % 100_000_000) * 10_000n;
  const amount = `${baseUnits / 1_000_000n}.${(baseUnits % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '') || '0'}`;
  return {
    hash: rowHash(index),
    from: pool[fromIndex]!,
    to: pool[toIndex]!,
    fromForm: FROM_FORMS[index % FROM_FORMS.length]!,
    toForm: TO_FORMS[index % TO_FORMS.length]!,
    amount,
  };
}

/** The table cells of a transfer row: hash, age, from, to, amount, token. */
export function transferRowCells(row: TransferRow, index: number, tokenAddress: string): Cell[] {
  return [
    { t: 'tx', hash: row.hash },
    { t: 'text', text: `${(index % 59) + 1} secs ago` },
    { t: 'addr', form: row.fromForm, address: row.from },
    { t: 'addr', form: row.toForm, address: row.to },
    { t: 'amount', value: row.amount, symbol: 'USDT' },
    { t: 'addr', form: 'token20', address: tokenAddress, label: 'Tether USD (USDT)' },
  ];
}

export const TRANSFER_COLUMNS = ['Hash', 'Age', 'From', 'To', 'Amount', 'Token'];
