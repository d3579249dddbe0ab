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

/** A letter of a right-to-left script (Arabic, Persian, Urdu, Pashto, Hebrew…). */
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

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
