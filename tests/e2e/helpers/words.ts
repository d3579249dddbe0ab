/**
 * The interface's own strings in one language, read from locales/<code>.yml with the parser that
 * writes the shipped messages: a test that runs in Arabic finds "Connect TronLink" by the Arabic
 * label a person sees, so one flow serves every language.
 */
import { fileURLToPath } from 'node:url';
import { parseMessagesFile } from '@wxt-dev/i18n/build';

const LOCALES_DIR = fileURLToPath(new URL('../../../locales/', import.meta.url));

/** `say(key)` is the text of `key`; placeholders (`$1`…) left in, for `pattern`. */
export interface Words {
  say(key: string): string;
  /** The text of `key` as an exact pattern, each placeholder matching anything. */
  pattern(key: string): RegExp;
}

/** The strings of `code` (`en`, `ar`, `zh_CN`…). */
export async function wordsOf(code: string): Promise<Words> {
  const texts = new Map<string, string>();
  for (const message of await parseMessagesFile(`${LOCALES_DIR}${code}.yml`)) {
    if (message.type === 'simple') texts.set(message.key.join('.'), String(message.message));
  }
  const say = (key: string) => {
    const text = texts.get(key);
    if (text === undefined) throw new Error(`no string ${key} in locales/${code}.yml`);
    return text;
  };
  const pattern = (key: string) => {
    const parts = say(key)
      .split(/\$\d+/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(`^${parts.join('.*')}$`);
  };
  return { say, pattern };
}
