/** How the Energy screen writes amounts, energy and addresses (amounts come as decimal strings of sun). */
import { formatCount, interfaceLocale } from '@/lib/locale';
import { formatAmountForDisplay, formatTrx, TRX } from '@/lib/tron/units';

/** TRX for people, locale grouping ("1,234.5"), from a sun decimal string. */
export function trxForDisplay(sun: string): string {
  return formatAmountForDisplay(TRX, BigInt(sun), { locale: interfaceLocale() });
}

/** TRX exactly as it will be paid ("4", "4.5"), for the confirmation. */
export function trxExact(sun: string): string {
  return formatTrx(BigInt(sun));
}

/** Energy units with locale grouping. */
export function energyForDisplay(energy: number): string {
  return formatCount(energy);
}

/** `TQn9Y2…f1sZ` — the ends people compare (and poisoners imitate; the full address is shown beside). */
export function shortAddress(address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-6)}` : address;
}

/** A TronScan link for a transaction, under the TronScan of the endpoints in force. */
export function transactionLink(tronscanBase: string, txid: string): string {
  const base = tronscanBase.endsWith('/') ? tronscanBase : `${tronscanBase}/`;
  return `${base}#/transaction/${txid}`;
}
