import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { shippedMessages } from '../shipped-messages';
import { ServiceError, type ServiceName } from '@/lib/http';
import { describeServiceError } from '@/lib/api/errors';
import { SERVICE_ERRORS, TRANSPORT_ERRORS, errorEntryFor } from '@/lib/api/error-catalog';
import { TWOAML_ERROR_CODES } from '@/lib/twoaml/errors';
import { TRONZAP_ERROR_CODES } from '@/lib/energy/tronzap-api';
import { GATEWAY_ERROR_CODES } from '@/lib/payments/gateway-api';
import { TRON_NODE_ERROR_CODES } from '@/lib/tron/node-api';

let messages: Record<string, { message: string }> = {};

beforeAll(async () => {
  // The real strings the extension ships, served the way Chrome's i18n API serves them.
  messages = await shippedMessages();
  fakeBrowser.i18n.getMessage = ((name: string) =>
    messages[name]?.message ?? '') as typeof fakeBrowser.i18n.getMessage;
});

const failure = (service: ServiceName, code: string, status = 400) =>
  new ServiceError({ service, status, code, message: 'server text that must not be shown' });

const documented: [ServiceName, readonly string[]][] = [
  ['2aml', TWOAML_ERROR_CODES],
  ['tronzap', TRONZAP_ERROR_CODES],
  ['gateway', GATEWAY_ERROR_CODES],
  ['tron-node', TRON_NODE_ERROR_CODES],
];

describe('the error catalogue', () => {
  it.each(documented)('has an entry for every documented %s code', (service, codes) => {
    for (const code of codes) expect(SERVICE_ERRORS[service][code], `${service} ${code}`).toBeDefined();
  });

  it('has a string in locales/en.yml for every entry', () => {
    const keys = [
      ...Object.values(SERVICE_ERRORS).flatMap((family) => Object.values(family)),
      ...Object.values(TRANSPORT_ERRORS),
    ].map((entry) => `errors_${entry.key.replaceAll('.', '_')}`);
    for (const key of [...keys, 'errors_unknown', 'errors_unknownLater']) {
      expect(messages[key]?.message, key).toBeTruthy();
    }
  });
});

describe('describeServiceError', () => {
  it('gives a readable message from the locale, never the server text', () => {
    const description = describeServiceError(failure('2aml', 'insufficient_balance'));
    expect(description).toEqual({
      code: 'insufficient_balance',
      retry: 'never',
      message: 'Your 2aml wallet balance is too low. Top it up and try again.',
    });
  });

  it('advises how to retry per documented code', () => {
    const cases: [ServiceError, 'never' | 'later' | 'now'][] = [
      [failure('2aml', 'invalid_2fa'), 'now'],
      [failure('2aml', 'idempotency_in_progress', 409), 'later'],
      [failure('2aml', 'rate_limited', 429), 'later'],
      [failure('tronzap', '6', 200), 'never'],
      [failure('tronzap', '35', 200), 'later'],
      [failure('gateway', 'API_LIMIT_EXCEEDED', 503), 'later'],
      [failure('gateway', 'WALLET_EXISTS'), 'never'],
      [failure('tron-node', 'unavailable', 502), 'later'],
      [failure('tronnrg', 'network', 0), 'now'],
      [failure('2aml', 'invalid_input', 0), 'never'],
    ];
    for (const [error, retry] of cases)
      expect(describeServiceError(error).retry, `${error.service} ${error.code}`).toBe(retry);
  });

  it('reads TronZap numeric codes', () => {
    expect(describeServiceError(failure('tronzap', '24', 200)).message).toBe(
      'The address is not activated yet. Activate it with the order.',
    );
  });

  it('still answers for a code no contract documents', () => {
    expect(describeServiceError(failure('gateway', 'SOMETHING_NEW', 503))).toMatchObject({
      code: 'SOMETHING_NEW',
      retry: 'later',
    });
    expect(describeServiceError(failure('gateway', 'SOMETHING_NEW', 400)).retry).toBe('never');
    expect(errorEntryFor('tronzap', '999', 200).key).toBe('unknown');
  });

  it('describes anything that is not a service error as unknown', () => {
    expect(describeServiceError(new TypeError('x is undefined'))).toEqual({
      code: 'unknown',
      retry: 'never',
      message: 'Something went wrong. Please try again.',
    });
    expect(describeServiceError('a string')).toMatchObject({ code: 'unknown' });
  });
});
