/** Every code the energy feature can show has a readable string in locales/en.yml, with its details filled in. */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { NRG_CLAIM_ERROR_CODES } from '@/lib/energy/claim-results';
import { QUOTE_PROBLEMS } from '@/lib/energy/quote';
import { QUOTE_REQUEST_PROBLEMS } from '@/lib/energy/views';
import { claimErrorText, connectOutcomeText, quoteProblemText } from '@/entrypoints/background/energy/texts';

beforeAll(async () => {
  // The strings the extension ships, served the way Chrome's i18n API serves them.
  const file = fileURLToPath(new URL('../../../locales/en.yml', import.meta.url));
  const messages = generateChromeMessages(await parseMessagesFile(file));
  fakeBrowser.i18n.getMessage = ((name: string, substitutions?: string | string[]) => {
    const list = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
    return (messages[name]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
  }) as typeof fakeBrowser.i18n.getMessage;
});

const TXID = 'ab'.repeat(32);

describe('energy strings', () => {
  it.each(NRG_CLAIM_ERROR_CODES)('explains the rental error %s', (code) => {
    const text = claimErrorText(code, [TXID, 'second']);
    expect(text.length).toBeGreaterThan(20);
    expect(text).not.toMatch(/\$\d/);
  });

  it('names the payment in every error that leaves money on the chain', () => {
    for (const code of [
      'payment_not_indexed',
      'payment_refused',
      'hash_already_used',
      'claim_refused',
    ] as const) {
      expect(claimErrorText(code, [TXID, 'invalid_signature'])).toContain(TXID);
    }
  });

  it.each([...QUOTE_PROBLEMS, ...QUOTE_REQUEST_PROBLEMS])('explains the quote problem %s', (problem) => {
    expect(quoteProblemText(problem, ['65,000']).length).toBeGreaterThan(10);
  });

  it('says every TronLink connect outcome in words', () => {
    const outcomes = [
      { status: 'not_installed' },
      { status: 'locked' },
      { status: 'rejected' },
      { status: 'request_pending' },
      { status: 'wrong_account', account: 'T' },
      { status: 'unreachable' },
      { status: 'timeout' },
      { status: 'error', detail: 'boom' },
      { status: 'connected', account: 'TGABsdK6xFXWp6DP3QBgXHyfYzEJbN1AXc', via: 'tron' },
    ] as const;
    for (const outcome of outcomes)
      expect(connectOutcomeText(outcome).length, outcome.status).toBeGreaterThan(10);
    expect(connectOutcomeText({ status: 'error', detail: 'boom' })).toContain('boom');
  });
});
