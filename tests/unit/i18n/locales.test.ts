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

/** The plural categories in the order they are written: `_zero` … `_other`. */
const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const COUNTED = new RegExp(`^(.+)_(${CATEGORIES.join('|')})$`);

/** The categories `Intl.PluralRules` can return in a locale (`zh_CN` → zh-CN), in written order. */
function pluralCategories(code: string): string[] {
  const found = new Intl.PluralRules(code.replace('_', '-')).resolvedOptions().pluralCategories;
  return CATEGORIES.filter((category) => found.includes(category));
}

/** The bases of the counted strings (`aml.credits.pack` for `aml.credits.pack_other`…). */
function countedBases(tree: Map<string, Entry>): Set<string> {
  return new Set([...tree.keys()].filter((key) => key.endsWith('_other')).map((key) => key.slice(0, -6)));
}

/** What is wrong with one counted string's forms in a language with `categories`. */
function countedFaults(
  base: string,
  english: Map<string, Entry>,
  translated: Map<string, Entry>,
  categories: readonly string[],
  isEnglish: boolean,
): string[] {
  const faults: string[] = [];
  const written = CATEGORIES.filter((category) => translated.has(`${base}_${category}`));
  if (written.join(',') !== categories.join(',')) {
    faults.push(`${base}: plural forms [${written.join(',')}] instead of [${categories.join(',')}]`);
  }
  // Every form carries the other placeholders; the count itself ($1) may be spelled out ("once").
  const source = english.get(`${base}_other`)!.forms['']!;
  const needed = placeholders(source.replace(/\$1(?!\d)/g, ''));
  for (const category of written) {
    const key = `${base}_${category}`;
    const text = translated.get(key)!.forms[''] ?? '';
    if (text.trim() === '') {
      faults.push(`${key}: empty`);
      continue;
    }
    const used = placeholders(text);
    const rest = placeholders(text.replace(/\$1(?!\d)/g, ''));
    if (rest !== needed) {
      faults.push(`${key}: placeholders {${used}} where {${placeholders(source)}} (the count $1 optional)`);
    }
    const named = text.match(/\$[\w@]+\$/);
    if (named) faults.push(`${key}: "${named[0]}" reads as an undefined Chrome placeholder`);
    const sameForm = english.get(key)?.forms[''] ?? source;
    if (!isEnglish && text.trim() === sameForm.trim() && hasWords(sameForm)) {
      faults.push(`${key}: still English ("${sameForm}")`);
    }
  }
  return faults;
}

/** What is wrong with a translation, one line per fault; empty when it is complete. */
function localeFaults(
  english: Map<string, Entry>,
  translated: Map<string, Entry>,
  sameWordAllowed: readonly string[] = [],
  categories: readonly string[] = ['one', 'other'],
): string[] {
  const faults: string[] = [];
  const counted = countedBases(english);
  const isCounted = (key: string) => counted.has(key.match(COUNTED)?.[1] ?? '');
  for (const [key, en] of english) {
    if (isCounted(key)) continue;
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
  for (const base of counted) {
    faults.push(...countedFaults(base, english, translated, categories, translated === english));
  }
  for (const key of translated.keys()) {
    if (!english.has(key) && !isCounted(key)) faults.push(`${key}: not in en.yml`);
  }
  return faults;
}

const english = await load(`${LOCALES_DIR}en.yml`);

describe('locales/en.yml', () => {
  it('is the full tree the translations are held to', () => {
    expect(english.size).toBeGreaterThan(500);
    expect(english.get('extName')?.forms['']).toBe('Ampere');
  });

  it('writes each counted string in the two forms English counts with', () => {
    expect(countedBases(english).size).toBeGreaterThanOrEqual(10);
    const faults = [...countedBases(english)].flatMap((base) =>
      countedFaults(base, english, english, pluralCategories('en'), true),
    );
    expect(faults).toEqual([]);
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

describe('the fault finder on counted strings', () => {
  const en = new Map<string, Entry>([
    ['a.rows_one', { type: 'simple', forms: { '': '$1 row from $2' } }],
    ['a.rows_other', { type: 'simple', forms: { '': '$1 rows from $2' } }],
  ]);
  const russian = (forms: Record<string, string>) =>
    new Map<string, Entry>(
      Object.entries(forms).map(([category, text]) => [
        `a.rows_${category}`,
        { type: 'simple', forms: { '': text } },
      ]),
    );
  const ru = pluralCategories('ru');

  it('asks Russian for one, few, many and other, Arabic for all six, Chinese for other', () => {
    expect(ru).toEqual(['one', 'few', 'many', 'other']);
    expect(pluralCategories('ar')).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(pluralCategories('zh_CN')).toEqual(['other']);
  });

  it('passes every category written, the count spelled out in one of them', () => {
    const ok = russian({
      one: 'одна строка из $2',
      few: '$1 строки из $2',
      many: '$1 строк из $2',
      other: '$1 строки из $2',
    });
    expect(localeFaults(en, ok, [], ru)).toEqual([]);
  });

  it('names a missing or extra category, a lost placeholder and an English form', () => {
    const broken = russian({
      one: '$1 строка',
      two: '$1 строки из $2',
      many: '$1 rows from $2',
      other: '$1 строки из $2',
    });
    expect(localeFaults(en, broken, [], ru)).toEqual([
      'a.rows: plural forms [one,two,many,other] instead of [one,few,many,other]',
      'a.rows_one: placeholders {$1} where {$1,$2} (the count $1 optional)',
      'a.rows_many: still English ("$1 rows from $2")',
    ]);
  });
});

describe.each(TRANSLATIONS)('locales/%s.yml', (code) => {
  const file = `${LOCALES_DIR}${code}.yml`;

  it('has every key of en.yml, none empty, none extra, same placeholders, translated', async () => {
    expect(existsSync(file), `locales/${code}.yml is missing`).toBe(true);
    const faults = localeFaults(english, await load(file), SAME_WORD_ALLOWED[code], pluralCategories(code));
    expect(faults, `${faults.length} fault(s) in locales/${code}.yml`).toEqual([]);
  });
});
