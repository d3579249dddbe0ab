/**
 * Addresses, txids, hashes and amounts are written left to right in every language. Inside a
 * right-to-left sentence the browser's bidi algorithm would otherwise reorder their parts ("…af3T"
 * before the address, "TRX 12.5", a minus sign on the wrong side), so each one is rendered as its
 * own left-to-right island: a `<bdi dir="ltr">` inside a translated sentence. Standalone values in
 * `.mono` get the same from the stylesheet.
 */
import type { ComponentChildren } from 'preact';
import { i18n, type GeneratedI18nStructure } from '#i18n';
import { countText, formatCount, type CountedKey } from '@/lib/locale';

/** A letter (not a digit or a separator) of a right-to-left script: Arabic, Persian, Urdu, Pashto, Hebrew. */
const RTL_LETTER = /(?=\p{L})[\p{Script=Arabic}\p{Script=Hebrew}]/u;

/** One value that always reads left to right, isolated from the sentence around it. */
export function Ltr({ children }: { children: ComponentChildren }) {
  return <bdi dir="ltr">{children}</bdi>;
}

/**
 * `text` with every occurrence of `values` in its own `<bdi dir="ltr">`. A value holding a
 * right-to-left letter is a translated word, not data, and stays in the sentence's direction.
 */
export function isolate(text: string, values: ReadonlyArray<string | null | undefined>): ComponentChildren {
  const data = [
    ...new Set(
      values.filter((value): value is string => !!value && !!value.trim() && !RTL_LETTER.test(value)),
    ),
  ].sort((a, b) => b.length - a.length);
  if (data.length === 0) return text;
  const pattern = new RegExp(
    `(${data.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
  );
  return text
    .split(pattern)
    .map((part, index) => (index % 2 === 1 ? <Ltr key={index}>{part}</Ltr> : part))
    .filter((part) => part !== '');
}

/** A digit in Latin, Arabic-Indic or Persian form. */
const DIGIT = '[0-9\u0660-\u0669\u06F0-\u06F9]';

/**
 * What reads left to right inside any text: an address (whole or shortened), a txid or hash (whole
 * or shortened), a number with a group or decimal separator.
 */
const DATA = new RegExp(
  [
    'T[1-9A-HJ-NP-Za-km-z]{33}',
    'T[1-9A-HJ-NP-Za-km-z]{5}…[1-9A-HJ-NP-Za-km-z]{6}',
    '[0-9a-f]{64}',
    '[0-9a-f]{6}…[0-9a-f]{6}',
    `${DIGIT}{1,3}(?:[,\u066C\u00A0\u202F ]${DIGIT}{3})+(?:[.\u066B]${DIGIT}+)?`,
    `${DIGIT}+[.\u066B]${DIGIT}+`,
  ].join('|'),
  'g',
);

/**
 * `text` whose substitutions are not known (a static string with a figure in it, a line joined from
 * several): every address, hash and separated number found in it isolated left to right.
 */
export function isolateData(text: string): ComponentChildren {
  return isolate(text, text.match(DATA) ?? []);
}

type MessageKey = keyof GeneratedI18nStructure;

/** The translated `key` with its substitutions (addresses, amounts…) isolated left to right. */
export function tLtr(key: MessageKey, substitutions: string[]): ComponentChildren {
  const message = i18n.t as (key: string, substitutions: string[]) => string;
  return isolate(message(key, substitutions), substitutions);
}

/** `countText` with the count and the other values isolated left to right. */
export function countLtr(key: CountedKey, count: number, more: string[] = []): ComponentChildren {
  return isolate(countText(key, count, more), [formatCount(count), ...more]);
}
