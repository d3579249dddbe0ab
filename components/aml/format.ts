/** How the AML screens write amounts, dates, levels and addresses (amounts arrive as sun strings). */
import { i18n } from '#i18n';
import { formatAmountForDisplay, formatTrx, TRX } from '@/lib/tron/units';
import { formatMoment, interfaceLocale } from '@/lib/locale';

// Keys built from codes (a level, a state, a history type) are data; the typed `t` is widened for them.
export const tk = i18n.t as (key: string, substitutions?: string[]) => string;

/** TRX for people, with locale grouping, from a sun decimal string. */
export function trx(sun: string): string {
  return formatAmountForDisplay(TRX, BigInt(sun), { locale: interfaceLocale() });
}

/** TRX exactly as charged ("8", "72.5"), for confirmations. */
export function trxExact(sun: string): string {
  return formatTrx(BigInt(sun));
}

/** A date and time in the interface language; empty for a missing one. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatMoment(date);
}

/** `TQn9Y2…f1sZ` (the full address is always shown or titled beside it). */
export function shortAddress(address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-6)}` : address;
}

const KNOWN_LEVELS = ['low', 'medium', 'high', 'critical'];
const KNOWN_CHECK_STATUSES = ['processing', 'completed', 'failed', 'expired'];

/** A check status for people; 2aml's own word when it is not one of the documented four. */
export function checkStatusText(status: string): string {
  return KNOWN_CHECK_STATUSES.includes(status) ? tk(`aml.result.status.${status}`) : status;
}

/** A risk level for people; 2aml's own word when it is not a documented band. */
export function levelText(level: string | null): string {
  if (!level) return tk('aml.result.levels.unknown');
  return KNOWN_LEVELS.includes(level) ? tk(`aml.result.levels.${level}`) : level;
}

/** The pill tone of a level (`ok`, `warn`, `danger`). */
export function levelTone(level: string | null, flagged: boolean | null): string {
  if (flagged || level === 'high' || level === 'critical' || level === 'severe') return 'danger';
  if (level === 'medium') return 'warn';
  if (level === 'low' || level === 'none') return 'ok';
  return '';
}
