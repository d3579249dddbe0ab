/**
 * Notifications are plain text, where no `<bdi>` exists: in a right-to-left interface language each
 * address, txid and amount put into a sentence is wrapped in a left-to-right isolate (U+2066 … U+2069)
 * so it keeps its order among Arabic words; in a left-to-right language the text carries no marks.
 */
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { ltrText } from '@/lib/locale';
import { describePaymentEnd } from '@/lib/payments/end-notice';
import type { JobRecord } from '@/lib/jobs/schema';

const LRI = '\u2066';
const PDI = '\u2069';
const PAYER = 'TJRabPrwbZy45sbavfcjinPJC18kjpRTv8';
const TXID = 'a'.repeat(64);

/** Serves `locale`'s shipped messages through the fake browser, as Chrome serves them. */
async function serveLocale(locale: string) {
  const file = fileURLToPath(new URL(`../../../locales/${locale}.yml`, import.meta.url));
  const messages = generateChromeMessages(await parseMessagesFile(file));
  fakeBrowser.i18n.getMessage = ((name: string, substitutions?: string | string[]) => {
    const list =
      substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return (messages[name]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
  }) as typeof fakeBrowser.i18n.getMessage;
}

const completedPayment = {
  id: 'job-1',
  kind: 'payment-watch',
  state: 'completed',
  terminal: true,
  data: {
    transactionId: 'order-77',
    origin: 'https://gateway.example',
    asset: 'USDT',
    amountUsd: '12.50',
    amountCrypto: '12.5',
    walletAddress: PAYER,
    walletAddressVerified: true,
    expiresAt: 0,
    status: 'completed',
    amountReceived: '12.5',
    blockchain: { txid: TXID, fromAddress: PAYER, blockTimestamp: null, blockNumber: null },
  },
} as unknown as JobRecord;

describe('values in notification text', () => {
  beforeEach(() => fakeBrowser.reset());

  it('isolates each value left to right in Arabic', async () => {
    await serveLocale('ar');
    expect(ltrText(PAYER)).toBe(`${LRI}${PAYER}${PDI}`);
    const notice = describePaymentEnd(completedPayment)!;
    expect(notice.message).toContain(`${LRI}12.5 USDT${PDI}`);
    expect(notice.message).toContain(`${LRI}${PAYER}${PDI}`);
    expect(notice.message).toContain(`${LRI}${TXID}${PDI}`);
    expect(notice.title).toContain(`${LRI}order-77${PDI}`);
  });

  it('adds no marks in English', async () => {
    await serveLocale('en');
    expect(ltrText(PAYER)).toBe(PAYER);
    const notice = describePaymentEnd(completedPayment)!;
    expect(notice.message).toBe(
      `12.5 USDT from ${PAYER}. Transaction ${TXID} — click to open it on TronScan.`,
    );
    expect(notice.message + notice.title).not.toMatch(/[\u2066-\u2069]/);
  });
});
