/**
 * Numbers and dates in the interface language: the locale the browser chose among Ampere's (each
 * locale file names itself in `locale.code`), not the runtime's default, which can differ (a
 * browser in a language Ampere lacks shows English strings and must show English numbers beside
 * them). Amounts of money go through `formatAmountForDisplay` (lib/tron/units.ts), which takes this
 * locale and never a JS number.
 */
import { i18n, type GeneratedI18nStructure } from '#i18n';

/** The BCP 47 tag of the interface language (`en`, `fa`, `zh-CN`…); the runtime's when unknown. */
export function interfaceLocale(): string | undefined {
  const code = i18n.t('locale.code');
  return code && code !== 'locale.code' ? code : undefined;
}

/**
 * `value` (an address, txid, amount or id) as one left-to-right run inside a plain-text sentence of a
 * right-to-left interface language, where no `<bdi>` exists (notifications): wrapped in the Unicode
 * left-to-right isolate and its pop. Unchanged in left-to-right languages, so no notification
 * centre that draws those marks as boxes shows them to a reader who gains nothing from them.
 */
export function ltrText(value: string): string {
  return value && i18n.t('locale.direction') === 'rtl' ? `\u2066${value}\u2069` : value;
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

type MessageKey = keyof GeneratedI18nStructure;

/**
 * A string shown with a count: the base of keys written once per plural category of each language
 * (`aml.credits.pack` for `aml.credits.pack_one`, `_few`, `_other`…). English needs one and other,
 * Russian one, few, many and other, Arabic all six; every language has `_other`.
 */
export type CountedKey = { [K in MessageKey]: K extends `${infer Base}_other` ? Base : never }[MessageKey];

/** The plural category (`one`, `few`…) of `count` in the interface language. */
export function pluralCategory(count: number): Intl.LDMLPluralRule {
  return new Intl.PluralRules(interfaceLocale()).select(count);
}

/**
 * The form of `key` for `count` in the interface language, with the count, in its digits, as `$1`
 * and `more` as `$2`, `$3`… The library's own plurals know only "1" and "other", which is wrong for
 * Russian (1 / 2–4 / 5–20) and Arabic (0 / 1 / 2 / 3–10 / 11–99 / 100+).
 */
export function countText(key: CountedKey, count: number, more: string[] = []): string {
  const message = i18n.t as (key: string, substitutions: string[]) => string;
  const substitutions = [formatCount(count), ...more];
  // A language always has `_other`; Chrome answers '' for a form the language lacks.
  return message(`${key}_${pluralCategory(count)}`, substitutions) || message(`${key}_other`, substitutions);
}
