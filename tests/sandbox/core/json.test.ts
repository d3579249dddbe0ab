import { describe, expect, it } from 'vitest';
import { parseJsonKeepingBigIntegers, stringifyWithBigints } from './json';

/** Node JSON: int64 amounts written as numbers, and read back without losing a sun. */

describe('node JSON', () => {
  it('writes bigints as bare numbers, or as strings when a client asks int64_as_string', () => {
    const value = { balance: 2n ** 60n, name: 'bigint:1', list: [1n, 2] };
    expect(stringifyWithBigints(value)).toBe(
      '{"balance":1152921504606846976,"name":"bigint:1","list":[1,2]}',
    );
    expect(stringifyWithBigints(value, { bigintAsString: true })).toBe(
      '{"balance":"1152921504606846976","name":"bigint:1","list":["1",2]}',
    );
  });

  it('reads integers beyond 2^53 as exact decimal strings and leaves everything else alone', () => {
    const text =
      '{"amount": 1152921504606846977, "small": 42, "text": "9007199254740993", "fraction": 1.12345678901234567890, "list": [-9007199254740993]}';
    expect(parseJsonKeepingBigIntegers(text)).toEqual({
      amount: '1152921504606846977',
      small: 42,
      text: '9007199254740993',
      fraction: 1.1234567890123457,
      list: ['-9007199254740993'],
    });
    expect(() => parseJsonKeepingBigIntegers('{"a": ')).toThrow();
  });
});
