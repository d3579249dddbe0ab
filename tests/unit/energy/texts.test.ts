/** Every code the energy feature can show has a readable string in locales/en.yml, with its details filled in. */
import { beforeAll, describe, expect, it } from 'vitest';
import { serveShippedMessages } from '../shipped-messages';
import { NRG_CLAIM_ERROR_CODES } from '@/lib/energy/claim-results';
import { QUOTE_PROBLEMS } from '@/lib/energy/quote';
import { QUOTE_REQUEST_PROBLEMS } from '@/lib/energy/views';
import { claimErrorText, connectOutcomeText, quoteProblemText } from '@/lib/energy/texts';

beforeAll(serveShippedMessages);

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
