import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { shippedMessages } from '../shipped-messages';
import { ServiceError, type ServiceName } from '@/lib/http';
import { describeServiceError } from '@/lib/api/errors';
import { SERVICE_ERRORS, TRANSPORT_ERRORS, errorEntryFor } from '@/lib/api/error-catalog';
import { TWOAML_ERRORS, TWOAML_ERROR_CODES, type TwoAmlErrorCode } from '@/lib/twoaml/errors';
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

/** A 2aml failure as its client throws it: the feature's own advice rides on the error. */
const twoAml = (code: TwoAmlErrorCode, status = 400) =>
  new ServiceError({
    service: '2aml',
    status,
    code,
    message: 'server text that must not be shown',
    advice: TWOAML_ERRORS[code],
  });

const documented: [ServiceName, readonly string[]][] = [
  ['tronzap', TRONZAP_ERROR_CODES],
  ['gateway', GATEWAY_ERROR_CODES],
  ['tron-node', TRON_NODE_ERROR_CODES],
];

describe('the error catalogue', () => {
  it.each(documented)('has an entry for every documented %s code', (service, codes) => {
    for (const code of codes) expect(SERVICE_ERRORS[service]?.[code], `${service} ${code}`).toBeDefined();
  });

  it('keeps no 2aml entry: the 2aml feature holds its own', () => {
    expect(SERVICE_ERRORS['2aml']).toBeUndefined();
    for (const code of TWOAML_ERROR_CODES) expect(TWOAML_ERRORS[code], code).toBeDefined();
  });

  it('has a string in locales/en.yml for every entry', () => {
    const keys = [
      ...Object.values(SERVICE_ERRORS).flatMap((family) => Object.values(family)),
      ...Object.values(TWOAML_ERRORS),
      ...Object.values(TRANSPORT_ERRORS),
    ].map((entry) => `errors_${entry.key!.replaceAll('.', '_')}`);
    for (const key of [...keys, 'errors_unknown', 'errors_unknownLater']) {
      expect(messages[key]?.message, key).toBeTruthy();
    }
  });
});

describe('describeServiceError', () => {
  it('gives a readable message from the locale, never the server text', () => {
    const description = describeServiceError(twoAml('billing_mode_unavailable', 403));
    expect(description).toEqual({
      code: 'billing_mode_unavailable',
      retry: 'never',
      message: 'This payment method is not available right now. Choose another one.',
    });
  });

  it('advises how to retry per documented code', () => {
    const cases: [ServiceError, 'never' | 'later' | 'now'][] = [
      [twoAml('invalid_2fa'), 'now'],
      [twoAml('idempotency_in_progress', 409), 'later'],
      [twoAml('rate_limited', 429), 'later'],
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
