/** The strings the extension ships (locales/en.yml), as Chrome's i18n API serves them, for unit tests. */
import { fileURLToPath } from 'node:url';
import { fakeBrowser } from 'wxt/testing';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';

let parsed: Record<string, { message: string }> | undefined;

/** The shipped messages by Chrome name (`options_custom_save` for `options.custom.save`). */
export async function shippedMessages(): Promise<Record<string, { message: string }>> {
  if (!parsed) {
    const file = fileURLToPath(new URL('../../locales/en.yml', import.meta.url));
    parsed = generateChromeMessages(await parseMessagesFile(file));
  }
  return parsed;
}

/** Serves the shipped messages through the fake browser's i18n API, `$1`… filled as Chrome fills them. */
export async function serveShippedMessages(): Promise<void> {
  const messages = await shippedMessages();
  fakeBrowser.i18n.getMessage = ((name: string, substitutions?: string | string[]) => {
    const list =
      substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return (messages[name]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
  }) as typeof fakeBrowser.i18n.getMessage;
}
