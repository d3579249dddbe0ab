/**
 * Every TronZap code of seeds/002 reaches the person as a clear message of its own: from TronZap's
 * `{code, error}` answer (HTTP 200) through the client's error, the problem a quote answers with,
 * and the end of a `zap-tx` order, to the shipped text. The server's own words are never shown.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createTronZapApi } from '@/lib/energy/tronzap-api';
import { describeServiceError } from '@/lib/api/errors';
import { createJobRunner } from '@/lib/jobs/runner';
import { defineValidatedItem, jobsSchema } from '@/lib/storage';
import { createZapOrderKind, zapOrderDataSchema } from '@/lib/energy/zap-order-job';
import { zapOrderMessage } from '@/lib/energy/zap-orders';
import { noSleep, scriptedFetch } from '../api/scripted-fetch';
import { serveShippedMessages } from '../shipped-messages';

const BASE = 'http://127.0.0.1:8787/tronzap';
const RECEIVER = 'TGzz8gjYiYRqpfmDwnLxfgPuLVNmpCswVp';

/** seeds/002 "Possible Errors", each with the text locales/en.yml ships for it. */
const DOCUMENTED: Record<string, string> = {
  '1': 'TronZap did not accept the API token or secret. Check them in the settings.',
  '2': 'TronZap did not accept this request.',
  '5': 'Your TronZap account has no wallet. Contact TronZap support.',
  '6': 'Your TronZap balance is too low. Top it up and try again.',
  '10': 'This is not a valid TRON address.',
  '11': 'TronZap does not sell this amount of energy.',
  '12': 'TronZap does not sell this rental duration.',
  '24': 'The address is not activated yet. Activate it with the order.',
  '25': 'The address is already activated.',
  '35': 'This TronZap service is not available right now. Try again later.',
  '500': 'TronZap had an internal problem. Try again later.',
};
const CODES = Object.keys(DOCUMENTED);

/** A client whose every call is answered with TronZap's error envelope for `code`. */
function refusingApi(code: string) {
  const { fetch } = scriptedFetch(() => ({
    status: 200,
    body: { code: Number(code), error: `server words for ${code}` },
  }));
  return createTronZapApi({ baseUrl: BASE, token: 't', secret: 's', fetch, sleep: noSleep, maxAttempts: 1 });
}

beforeEach(async () => {
  fakeBrowser.reset();
  await serveShippedMessages();
});

describe('TronZap error messages', () => {
  it.each(CODES)('a quote refused with code %s shows its own message', async (code) => {
    const error = await refusingApi(code)
      .calculate({ address: RECEIVER, energy: 65_000 })
      .then(
        () => null,
        (thrown: unknown) => thrown,
      );

    const problem = describeServiceError(error);

    expect(problem.code).toBe(code);
    expect(problem.message).toBe(DOCUMENTED[code]);
    expect(problem.message).not.toContain('server words');
  });

  it.each(CODES)('an order refused with code %s ends (or waits) with its own message', async (code) => {
    const api = refusingApi(code);
    const kind = createZapOrderKind({
      api: async () => api,
      resourceNow: async () => 0,
      message: zapOrderMessage,
    });
    const store = defineValidatedItem(`local:zap-messages-${code}`, jobsSchema, { fallback: {} });
    const runner = createJobRunner({
      store,
      kinds: [kind],
      alarms: { create: () => undefined, clear: () => undefined },
    });
    const job = await runner.create(
      kind,
      'creating',
      zapOrderDataSchema.parse({
        service: 'bandwidth',
        receiver: RECEIVER,
        amount: 345,
        durationHours: 1,
        externalId: `ext-${code}`,
        origin: new URL(BASE).origin,
        resourceBefore: 0,
      }),
    );
    await runner.kick();

    const after = (await store.get())[job.id]!;
    expect(after.error).toEqual({ code, message: DOCUMENTED[code] });
    // A documented refusal charged nothing and ends; a 500 may hide a placed order: it is asked about.
    expect(after.terminal).toBe(code !== '500');
  });

  it('gives every documented code a different text', () => {
    const texts = CODES.map((code) => zapOrderMessage(code));
    expect(new Set(texts).size).toBe(CODES.length);
    expect(texts.every((text) => text.length > 10)).toBe(true);
  });
});
