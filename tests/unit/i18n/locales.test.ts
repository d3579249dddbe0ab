/**
 * Every interface language carries the whole of locales/en.yml: the same keys (no fewer, no more),
 * no empty string, the same `$1`, `$2`… placeholders, and a real translation wherever a string has
 * words to translate. Parsed with the same `@wxt-dev/i18n/build` parser that writes the shipped
 * `_locales/<code>/messages.json`, so a key here is a key in the extension.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMessagesFile, type ParsedMessage } from '@wxt-dev/i18n/build';

const LOCALES_DIR = fileURLToPath(new URL('../../../locales/', import.meta.url));

/**
 * The seven translations, by file name. Chinese is `zh_CN`: Chrome's locale list has no bare `zh`,
 * and Chromium ignores a `_locales` folder whose name is not on its list.
 */
const TRANSLATIONS = ['fa', 'ru', 'zh_CN', 'ur', 'tr', 'ar', 'ps'] as const;

/**
 * Names and codes every language keeps as they are. A string that holds nothing but these,
 * placeholders, digits and punctuation (`Ampere`, `$1 TRX`, `Ampere: $1. $2`) may equal English.
 */
const KEPT_AS_IS = [
  'Tron Payment Gateway',
  'TronLink',
  'TronNRG',
  'TronZap',
  'TronScan',
  'Ampere',
  '2aml',
  'TRON',
  'TRX',
  'USDT',
  'TRC20',
  'AML',
  'JSON',
  'PDF',
  'API',
  'USD',
];

/** The only strings with words that a language may write as English does (a word both share). */
const SAME_WORD_ALLOWED: Partial<Record<(typeof TRANSLATIONS)[number], string[]>> = {
  // A left-to-right language names its direction as English does (a code, not a word shown).
  ru: ['locale.direction'],
  zh_CN: ['locale.direction'],
  // Turkish writes "Normal" and "Bonus" as English does; both are the plain Turkish words.
  tr: ['options.badges.normal', 'aml.credits.type.bonus', 'locale.direction'],
};

interface Entry {
  type: ParsedMessage['type'];
  /** The texts of the message: one, or one per plural form (`1:`, `n:`). */
  forms: Record<string, string>;
}

async function load(file: string): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  for (const message of await parseMessagesFile(file)) {
    // The parser adds Chrome's predefined `@@` messages (`@@ui_locale`…) to every file.
    if (message.key[0]?.startsWith('@@')) continue;
    const forms = message.type === 'plural' ? { ...message.plurals } : { '': String(message.message ?? '') };
    entries.set(message.key.join('.'), { type: message.type, forms });
  }
  return entries;
}

/** The placeholders a text uses, sorted and without repeats: `$2 … $1 … $2` → `$1,$2`. */
function placeholders(text: string): string {
  return [...new Set(text.match(/\$\d+/g) ?? [])].sort().join(',');
}

/** True when a text has something to translate once names, codes and placeholders are gone. */
function hasWords(text: string): boolean {
  let rest = text.replace(/\$\d+/g, ' ');
  for (const name of KEPT_AS_IS) rest = rest.split(name).join(' ');
  return /\p{L}/u.test(rest);
}

/** What is wrong with a translation, one line per fault; empty when it is complete. */
function localeFaults(
  english: Map<string, Entry>,
  translated: Map<string, Entry>,
  sameWordAllowed: readonly string[] = [],
): string[] {
  const faults: string[] = [];
  for (const [key, en] of english) {
    const tr = translated.get(key);
    if (!tr) {
      faults.push(`${key}: missing`);
      continue;
    }
    const enForms = Object.keys(en.forms).sort().join(',');
    const trForms = Object.keys(tr.forms).sort().join(',');
    if (en.type !== tr.type || enForms !== trForms) {
      faults.push(`${key}: forms [${trForms}] (${tr.type}) instead of [${enForms}] (${en.type})`);
      continue;
    }
    for (const form of Object.keys(en.forms)) {
      const label = form ? `${key}[${form}]` : key;
      const source = en.forms[form]!;
      const text = tr.forms[form]!;
      if (text.trim() === '') {
        faults.push(`${label}: empty`);
        continue;
      }
      // Chrome reads `$word$` as a named placeholder; one it has no definition for (`…$2$3`)
      // stops the whole extension from loading in that language.
      const named = text.match(/\$[\w@]+\$/);
      if (named) faults.push(`${label}: "${named[0]}" reads as an undefined Chrome placeholder`);
      if (placeholders(text) !== placeholders(source)) {
        faults.push(`${label}: placeholders {${placeholders(text)}} instead of {${placeholders(source)}}`);
      }
      if (text.trim() === source.trim() && hasWords(source) && !sameWordAllowed.includes(key)) {
        faults.push(`${label}: still English ("${source}")`);
      }
    }
  }
  for (const key of translated.keys()) {
    if (!english.has(key)) faults.push(`${key}: not in en.yml`);
  }
  return faults;
}

const english = await load(`${LOCALES_DIR}en.yml`);

describe('locales/en.yml', () => {
  it('is the full tree the translations are held to', () => {
    expect(english.size).toBeGreaterThan(500);
    expect(english.get('extName')?.forms['']).toBe('Ampere');
  });
});

describe('locales/', () => {
  it('holds only English and the seven translations, under the names Chrome knows', () => {
    const files = readdirSync(LOCALES_DIR).filter((name) => /\.(ya?ml|json5?|toml)$/.test(name));
    const codes = files.map((name) => name.replace(/\.[^.]+$/, ''));
    expect(
      codes.filter((code) => code !== 'en' && !(TRANSLATIONS as readonly string[]).includes(code)),
    ).toEqual([]);
    expect(files).toContain('en.yml');
  });
});

describe('the fault finder', () => {
  // Small hand-made trees, so the checks below are known to be able to fail.
  const en = new Map<string, Entry>([
    ['a.title', { type: 'simple', forms: { '': 'Pay $1 TRX to $2' } }],
    ['a.name', { type: 'simple', forms: { '': 'TronZap' } }],
    ['a.pack', { type: 'plural', forms: { '1': '1 credit', n: '$1 credits' } }],
  ]);

  it('passes a complete translation, reordered placeholders and kept names included', () => {
    const ok = new Map<string, Entry>([
      ['a.title', { type: 'simple', forms: { '': '$2 adresine $1 TRX gönder' } }],
      ['a.name', { type: 'simple', forms: { '': 'TronZap' } }],
      ['a.pack', { type: 'plural', forms: { '1': '1 kredi', n: '$1 kredi' } }],
    ]);
    expect(localeFaults(en, ok)).toEqual([]);
  });

  it('names a missing, empty, extra, untranslated or misplaced string', () => {
    const broken = new Map<string, Entry>([
      ['a.title', { type: 'simple', forms: { '': 'Pay $1 TRX to $2' } }],
      ['a.pack', { type: 'plural', forms: { '1': ' ', n: 'kredi' } }],
      ['a.extra', { type: 'simple', forms: { '': 'fazla' } }],
    ]);
    expect(localeFaults(en, broken)).toEqual([
      'a.title: still English ("Pay $1 TRX to $2")',
      'a.name: missing',
      'a.pack[1]: empty',
      'a.pack[n]: placeholders {} instead of {$1}',
      'a.extra: not in en.yml',
    ]);
  });

  it('names two placeholders written together, which Chrome cannot load', () => {
    const glued = new Map<string, Entry>([
      ['a.title', { type: 'simple', forms: { '': '$2 adresine $1$2 TRX' } }],
      ['a.name', { type: 'simple', forms: { '': 'TronZap' } }],
      ['a.pack', { type: 'plural', forms: { '1': '1 kredi', n: '$1 kredi' } }],
    ]);
    expect(localeFaults(en, glued)).toEqual(['a.title: "$1$" reads as an undefined Chrome placeholder']);
  });

  it('holds a plural to plural forms', () => {
    const flat = new Map<string, Entry>([
      ['a.title', { type: 'simple', forms: { '': '$2 → $1 TRX' } }],
      ['a.name', { type: 'simple', forms: { '': 'TronZap' } }],
      ['a.pack', { type: 'simple', forms: { '': '$1 kredi' } }],
    ]);
    expect(localeFaults(en, flat)).toEqual(['a.pack: forms [] (simple) instead of [1,n] (plural)']);
  });
});

describe.each(TRANSLATIONS)('locales/%s.yml', (code) => {
  const file = `${LOCALES_DIR}${code}.yml`;

  it('has every key of en.yml, none empty, none extra, same placeholders, translated', async () => {
    expect(existsSync(file), `locales/${code}.yml is missing`).toBe(true);
    const faults = localeFaults(english, await load(file), SAME_WORD_ALLOWED[code]);
    expect(faults, `${faults.length} fault(s) in locales/${code}.yml`).toEqual([]);
  });
});
