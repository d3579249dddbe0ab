/**
 * TronNRG's answers read as seeds/001 documents them: codes by endpoint and status, refunds, what is
 * worth repeating, and `/supply` read field by field within the documented terms.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '@/lib/http';
import {
  classifyClaimFailure,
  documentedTronNrgError,
  readTronNrgError,
  TRONNRG_ERROR_CODES,
  TRONNRG_ERRORS,
  supplySchema,
} from '@/lib/energy/tronnrg-client';
import { tronNrgProblem } from '@/lib/energy/tronnrg-problems';
import { serveShippedMessages, shippedMessages } from '../shipped-messages';

const PAY_TO = 'TFqUiCu1JwLHHnBNeaaVKH7Csm4aA3YhZx';

beforeAll(serveShippedMessages);

/** The error the client throws for `body` answered with `status` (through the real reader). */
function answered(status: number, body: unknown, retryAfterMs?: number): ServiceError {
  const read = readTronNrgError(status, body, '/delegate');
  return new ServiceError({
    service: 'tronnrg',
    status,
    code: read?.code ?? 'http_error',
    message: read?.message ?? `HTTP ${status}`,
    details: read?.details,
    retryAfterMs,
  });
}

const transport = (code: string, status = 0) =>
  new ServiceError({ service: 'tronnrg', status, code, message: code });

const refund = { type: 'queued', to: 'TSenderAddress', amount: 4 };

describe('TronNRG error codes', () => {
  it('has a shipped string for every documented code', async () => {
    const messages = await shippedMessages();
    for (const code of TRONNRG_ERROR_CODES)
      expect(messages[`errors_tronNrg_${TRONNRG_ERRORS[code].key}`]?.message, code).toBeTruthy();
  });

  it('reads a code only at the endpoint and status the docs give it', () => {
    expect(documentedTronNrgError('/delegate', 409, 'hash_already_used')?.retry).toBe('never');
    expect(documentedTronNrgError('/delegate', 404, 'payment_verification_failed')?.retry).toBe('later');
    expect(documentedTronNrgError('/delegate', 400, 'payment_verification_failed')).not.toBeNull();
    expect(documentedTronNrgError('/delegate', 422, 'below_minimum')).not.toBeNull();
    expect(documentedTronNrgError('/supply', 429, 'rate_limited')).not.toBeNull();
    // Same words, another status or endpoint: not the documented meaning.
    expect(documentedTronNrgError('/delegate', 500, 'hash_already_used')).toBeNull();
    expect(documentedTronNrgError('/supply', 401, 'invalid_signature')).toBeNull();
    expect(documentedTronNrgError('/delegate', 400, 'toString')).toBeNull();
  });

  it('shows the documented text for a documented code, and TronNRG own words for any other', () => {
    expect(tronNrgProblem(answered(409, { error: 'hash_already_used', message: 'x' }), '/delegate')).toEqual({
      code: 'hash_already_used',
      retry: 'never',
      message: 'This payment has already been claimed. Do not pay again.',
    });
    expect(
      tronNrgProblem(answered(403, { error: 'region_blocked', message: 'Not served here.' }), '/delegate'),
    ).toEqual({ code: 'region_blocked', retry: 'never', message: 'Not served here.' });
    expect(tronNrgProblem(answered(503, { error: 'maintenance', message: 'Back soon.' }), '/supply')).toEqual(
      {
        code: 'maintenance',
        retry: 'later',
        message: 'Back soon.',
      },
    );
    // Transport failures read the same for every service: the kernel describes them.
    expect(tronNrgProblem(transport('network'), '/delegate')).toBeNull();
  });
});

describe('a failed claim', () => {
  it('is a refund for below_minimum and for any refusal carrying a refund', () => {
    expect(classifyClaimFailure(answered(400, { error: 'below_minimum', message: 'm', refund }))).toEqual({
      kind: 'refund',
      code: 'below_minimum',
    });
    expect(classifyClaimFailure(answered(400, { error: 'below_minimum', message: 'm' }))).toMatchObject({
      kind: 'refund',
    });
    expect(classifyClaimFailure(answered(422, { error: 'order_rejected', message: 'm', refund }))).toEqual({
      kind: 'refund',
      code: 'order_rejected',
    });
    expect(
      classifyClaimFailure(answered(400, { error: 'payment_verification_failed', message: 'm', refund })),
    ).toMatchObject({ kind: 'refund' });
    expect(
      classifyClaimFailure(answered(500, { error: 'delegation_failed', message: 'm', refund })),
    ).toMatchObject({ kind: 'refund' });
    // A refund object whose fields do not parse still announces a refund.
    expect(
      classifyClaimFailure(answered(400, { error: 'delegation_failed', message: 'm', refund: { to: 1 } })),
    ).toMatchObject({ kind: 'refund' });
  });

  it('is repeated only for 429, 5xx, a lost answer and payment_verification_failed', () => {
    const repeated = [
      answered(429, { error: 'rate_limited', message: 'm' }),
      answered(429, 'Too Many Requests'),
      answered(500, { error: 'server_error', message: 'm' }),
      answered(502, '<html>bad gateway</html>'),
      answered(503, { error: 'maintenance', message: 'm' }),
      answered(500, { error: 'delegation_failed', message: 'm' }),
      transport('network'),
      transport('timeout'),
      transport('malformed_response', 200),
      transport('unexpected_response', 200),
    ];
    for (const error of repeated)
      expect(classifyClaimFailure(error), error.code).toEqual({ kind: 'transient' });
    expect(
      classifyClaimFailure(answered(404, { error: 'payment_verification_failed', message: 'm' })),
    ).toEqual({
      kind: 'not_indexed',
      status: 404,
    });
    expect(
      classifyClaimFailure(answered(400, { error: 'payment_verification_failed', message: 'm' })),
    ).toEqual({
      kind: 'not_indexed',
      status: 400,
    });
  });

  it('is final for documented refusals and for any other 4xx, with TronNRG own code and words', () => {
    for (const [status, code] of [
      [400, 'invalid_tx_hash'],
      [400, 'invalid_address'],
      [400, 'missing_signature'],
      [401, 'invalid_signature'],
      [403, 'signature_mismatch'],
      [400, 'delegation_failed'],
    ] as const)
      expect(classifyClaimFailure(answered(status, { error: code, message: 'm' }))).toEqual({
        kind: 'refused',
        code,
      });
    expect(classifyClaimFailure(answered(409, { error: 'hash_already_used', message: 'm' }))).toEqual({
      kind: 'already_used',
    });
    expect(
      classifyClaimFailure(answered(422, { error: 'order_blocked', message: 'Wallet blocked.' })),
    ).toEqual({
      kind: 'unknown',
      code: 'order_blocked',
      message: 'Wallet blocked.',
    });
    expect(classifyClaimFailure(answered(418, 'teapot'))).toEqual({
      kind: 'unknown',
      code: 'http_error',
      message: 'HTTP 418',
    });
    // A documented code at a status the docs do not give it is not taken at its word.
    expect(classifyClaimFailure(answered(400, { error: 'hash_already_used', message: 'm' }))).toMatchObject({
      kind: 'unknown',
    });
  });
});

describe('GET /supply', () => {
  const documented = {
    payTo: PAY_TO,
    energyPerTrx: 16_250,
    minPaymentSun: 4_000_000n,
    maxPaymentSun: 1_000_000_000n,
    minEnergy: 65_000,
    maxEnergy: 16_250_000,
    available: true,
  };

  it('requires pay_to, and only pay_to', () => {
    expect(supplySchema.safeParse({ energy_per_trx: 16_250, min_trx: 4 }).success).toBe(false);
    expect(supplySchema.safeParse({ pay_to: 42 }).success).toBe(false);
    expect(supplySchema.parse({ pay_to: PAY_TO })).toEqual(documented);
  });

  it('voids only the field whose type clashes', () => {
    expect(
      supplySchema.parse({
        pay_to: PAY_TO,
        min_trx: 'four',
        max_trx: 500,
        available: 'yes',
        energy_per_trx: [],
      }),
    ).toEqual({ ...documented, maxPaymentSun: 500_000_000n, maxEnergy: 8_125_000 });
    expect(supplySchema.parse({ pay_to: PAY_TO, min_trx: 5, max_trx: null, available: false })).toEqual({
      ...documented,
      minPaymentSun: 5_000_000n,
      minEnergy: 81_250,
      available: false,
    });
  });

  it('uses a live field only within the documented terms', () => {
    // Outside 4..1,000 TRX: the documented bound.
    expect(supplySchema.parse({ pay_to: PAY_TO, min_trx: 1, max_trx: 5_000 })).toEqual(documented);
    expect(supplySchema.parse({ pay_to: PAY_TO, min_trx: -4, max_trx: 0.5 })).toEqual(documented);
    // A same-named field with another meaning (sun, not TRX) is out of terms, not a price.
    expect(supplySchema.parse({ pay_to: PAY_TO, min_trx: 4_000_000 })).toEqual(documented);
    // The rate is documented as fixed: another one never changes what is paid.
    expect(supplySchema.parse({ pay_to: PAY_TO, energy_per_trx: 32_500 })).toEqual(documented);
    // A minimum above the maximum voids both.
    expect(supplySchema.parse({ pay_to: PAY_TO, min_trx: 900, max_trx: 100 })).toEqual(documented);
  });
});
