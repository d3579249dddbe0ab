/**
 * Numbers and dates in the interface language: the locale the browser chose among Ampere's (each
 * locale file names itself in `locale.code`), not the runtime's default, which can differ (a
 * browser in a language Ampere lacks shows English strings and must show English numbers beside
 * them). Amounts of money go through `formatAmountForDisplay` (lib/tron/units.ts), which takes this
 * locale and never a JS number.
 */
import { i18n } from '#i18n';

/** The BCP 47 tag of the interface language (`en`, `fa`, `zh-CN`…); the runtime's when unknown. */
export function interfaceLocale(): string | undefined {
  const code = i18n.t('locale.code');
  return code && code !== 'locale.code' ? code : undefined;
}

/** A count (energy, bandwidth, rows) with the interface language's digits and grouping. */
export function formatCount(value: number): string {
  return new Intl.NumberFormat(interfaceLocale()).format(value);
}

/** A moment, date and time, in the interface language (`time` only: just the time of day). */
export function formatMoment(at: number | string | Date, options: { time?: boolean } = {}): string {
  const date = at instanceof Date ? at : new Date(at);
  return options.time ? date.toLocaleTimeString(interfaceLocale()) : date.toLocaleString(interfaceLocale());
}
