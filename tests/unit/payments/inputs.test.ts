/** What the merchant types and reads: the gateway address, the amount's precision note, fresh ids. */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGatewayUrl } from '@/lib/payments/gateway-url';
import { checkPostbackUrl, newTransactionId, parseAmountUsd } from '@/lib/payments/amounts';
import { amountPrecisionNote } from '@/components/payments/amount-note';
import { SANDBOX_ORIGIN } from '@/lib/config/network';
import { serveShippedMessages } from '../shipped-messages';

beforeAll(serveShippedMessages);

describe('the gateway address', () => {
  it('takes https only, without credentials, query or fragment', () => {
    expect(checkGatewayUrl('https://pay.example.com/gw/')).toEqual({
      ok: true,
      url: 'https://pay.example.com/gw',
    });
    expect(checkGatewayUrl('http://pay.example.com')).toEqual({ ok: false, problem: 'not_https' });
    expect(checkGatewayUrl('https://u:p@pay.example.com')).toMatchObject({ ok: false });
    expect(checkGatewayUrl('https://pay.example.com/?api_key=1')).toMatchObject({ ok: false });
  });

  it('takes plain http only to this machine (the sandbox gateway), never across the network', () => {
    expect(checkGatewayUrl(`${SANDBOX_ORIGIN}/gateway`)).toEqual({
      ok: true,
      url: `${SANDBOX_ORIGIN}/gateway`,
    });
    expect(checkGatewayUrl('http://pay.example.com/gateway')).toMatchObject({ ok: false });
    expect(checkGatewayUrl('http://10.0.0.5/gateway')).toMatchObject({ ok: false });
  });
});

describe('the postback URL', () => {
  const remoteGateway = 'https://pay.example.com/gw';
  const localGateway = `${SANDBOX_ORIGIN}/gateway`;

  it('is optional, https, at most 500 characters, without credentials', () => {
    expect(checkPostbackUrl('  ', remoteGateway)).toEqual({ ok: true, url: null });
    expect(checkPostbackUrl('https://shop.example/cb?order=7', remoteGateway)).toEqual({
      ok: true,
      url: 'https://shop.example/cb?order=7',
    });
    expect(checkPostbackUrl(`https://shop.example/${'a'.repeat(480)}`, remoteGateway)).toEqual({
      ok: false,
      problem: 'too_long',
    });
    expect(checkPostbackUrl('https://u:p@shop.example/cb', remoteGateway)).toEqual({
      ok: false,
      problem: 'invalid',
    });
    expect(checkPostbackUrl('shop.example/cb', remoteGateway)).toEqual({ ok: false, problem: 'invalid' });
  });

  it('takes plain http to loopback only while the gateway itself runs on this machine', () => {
    for (const url of ['http://127.0.0.1:8787/receiver', 'http://localhost/cb', 'http://[::1]:9000/cb']) {
      expect(checkPostbackUrl(url, localGateway)).toEqual({ ok: true, url });
      // A gateway elsewhere would post to its own loopback; before set-up nothing is known.
      expect(checkPostbackUrl(url, remoteGateway)).toEqual({ ok: false, problem: 'not_https' });
      expect(checkPostbackUrl(url)).toEqual({ ok: false, problem: 'not_https' });
    }
    expect(checkPostbackUrl('http://shop.example/cb', localGateway)).toEqual({
      ok: false,
      problem: 'not_https',
    });
    expect(checkPostbackUrl('http://10.0.0.5/cb', localGateway)).toEqual({ ok: false, problem: 'not_https' });
    expect(checkPostbackUrl('ftp://127.0.0.1/cb', localGateway)).toEqual({ ok: false, problem: 'not_https' });
  });
});

describe('the USD amount', () => {
  it.each([
    ['0.01', 1n],
    ['100.5', 10_050n],
    ['999999.99', 99_999_999n],
    [' 12.30 ', 1_230n],
  ])('reads %s as %s cents', (text, cents) => {
    expect(parseAmountUsd(text)).toEqual({ ok: true, cents });
  });

  it.each([
    ['', 'empty'],
    ['0', 'too_small'],
    ['0.001', 'too_precise'],
    ['1000000', 'too_large'],
    ['1,000', 'not_a_number'],
    ['1e3', 'not_a_number'],
    ['-1', 'not_a_number'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(parseAmountUsd(text)).toEqual({ ok: false, problem });
  });
});

describe('the precision of amount_crypto', () => {
  it('says plainly when the gateway asks for more decimals than the chain carries', () => {
    const note = amountPrecisionNote('100.50000012', 'USDT');
    expect(note).toContain('8 decimals');
    expect(note).toContain('USDT carries 6 on chain');
  });

  it('says which amount to send when the extra decimals are zeros', () => {
    expect(amountPrecisionNote('12.34000100', 'USDT')).toContain('the customer sends 12.340001');
  });

  it('says nothing for 6 decimals or fewer', () => {
    expect(amountPrecisionNote('12.340001', 'TRX')).toBeNull();
    expect(amountPrecisionNote('12', 'TRX')).toBeNull();
  });
});

it('makes transaction ids that differ and fit 255 characters', () => {
  const ids = new Set(Array.from({ length: 50 }, () => newTransactionId()));
  expect(ids.size).toBe(50);
  for (const id of ids) expect(id.length).toBeLessThanOrEqual(255);
});
