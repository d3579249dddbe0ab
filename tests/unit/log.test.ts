import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, redact, setLogLevel, setLogSink } from '@/lib/log';

function capture() {
  const lines: unknown[][] = [];
  const record = (...args: unknown[]) => void lines.push(args);
  setLogSink({ debug: record, info: record, warn: record, error: record });
  return lines;
}

afterEach(() => {
  setLogSink(console);
  setLogLevel('silent');
});

describe('logger', () => {
  it('never prints a token, key, secret, password or signature, however it is nested', () => {
    const lines = capture();
    setLogLevel('debug');
    const log = createLogger('test');
    log.error('sign-in failed with Authorization: Bearer eyJhbGciOi.secret-part', {
      accessToken: 'tok-123',
      nested: { apiKey: 'key-456', api_key: 'key-789', 'x-api-key': 'key-000', password: 'hunter2' },
      list: [{ loginChallengeToken: 'chal-1' }, { secret: 'zap-secret' }],
      url: 'https://gw.example/api?token=abc&page=2',
      signature: '0xdeadbeef',
      code: 'insufficient_credits',
      amountSun: 4_000_000n,
    });
    const printed = JSON.stringify(lines);
    for (const secret of [
      'eyJhbGciOi',
      'tok-123',
      'key-456',
      'key-789',
      'key-000',
      'hunter2',
      'chal-1',
      'zap-secret',
      'abc&',
      '0xdeadbeef',
    ]) {
      expect(printed).not.toContain(secret);
    }
    // What helps to debug stays: the scope, the error code, amounts, the rest of the URL.
    expect(printed).toContain('[ampere:test]');
    expect(printed).toContain('insufficient_credits');
    expect(printed).toContain('4000000n');
    expect(printed).toContain('page=2');
  });

  it('redacts the message and fields of an Error', () => {
    const error = Object.assign(new Error('401 for Bearer abc.def'), { token: 'tok-9' });
    expect(JSON.stringify(redact(error))).not.toMatch(/abc\.def|tok-9/);
  });

  it('prints nothing below its level', () => {
    const lines = capture();
    setLogLevel('error');
    const log = createLogger('test');
    log.debug('a');
    log.info('b');
    log.warn('c');
    log.error('d');
    expect(lines.map((line) => line[0])).toEqual(['[ampere:test] d']);
  });
});
