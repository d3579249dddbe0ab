import { describe, expect, it } from 'vitest';
import { TronWeb } from 'tronweb';
import {
  AmountError,
  type AmountErrorCode,
  TRX,
  USD,
  USDT,
  type Unit,
  amountFromJsonNumber,
  formatAmount,
  formatAmountForDisplay,
  formatTrx,
  formatUsd,
  formatUsdt,
  parseAmount,
  parseTrx,
  parseUsd,
  parseUsdt,
  trxFromJsonNumber,
} from '../../../lib/tron/units';
import { seededRandom } from '../../fixtures/seeded-random';

// Thousands of oracle comparisons per test: generous timeouts for a busy shared machine.
const HEAVY = { timeout: 60_000 };

const INT64_MAX = 2n ** 63n - 1n;

const rng = seededRandom(0x5a4d);
const randomInt = rng.int;
const randomDigits = (length: number) => Array.from({ length }, () => String(randomInt(10))).join('');
/** A random bigint in [0, 2^bits), with a bit count drawn per call so small and huge values both appear. */
const randomBaseUnits = () => {
  const bits = 1 + randomInt(63);
  let value = 0n;
  for (let i = 0; i < bits; i += 16) value = (value << 16n) | BigInt(randomInt(65536));
  return value & ((1n << BigInt(bits)) - 1n);
};

function errorOf(run: () => unknown): AmountError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AmountError);
    return error as AmountError;
  }
  throw new Error('expected an AmountError');
}

describe('parseTrx / formatTrx', HEAVY, () => {
  it('reads and writes the documented example', () => {
    expect(parseTrx('14.52')).toBe(14_520_000n);
    expect(formatTrx(14_520_000n)).toBe('14.52');
  });

  it('reads the amounts the services send, trailing zeros and all', () => {
    expect(parseTrx('25.00000000')).toBe(25_000_000n);
    expect(parseTrx('14.52000000')).toBe(14_520_000n);
    expect(parseTrx('14.520000')).toBe(14_520_000n);
    expect(parseTrx('0.00000000')).toBe(0n);
    expect(parseTrx('1520.000000')).toBe(1_520_000_000n);
    expect(parseTrx('1000.00000000')).toBe(1_000_000_000n);
  });

  it('accepts a leading or trailing dot, leading zeros and surrounding whitespace', () => {
    expect(parseTrx('.5')).toBe(500_000n);
    expect(parseTrx('5.')).toBe(5_000_000n);
    expect(parseTrx('0.5')).toBe(500_000n);
    expect(parseTrx('007.25')).toBe(7_250_000n);
    expect(parseTrx('  14.52\n')).toBe(14_520_000n);
    expect(parseTrx('0.000001')).toBe(1n);
  });

  const refused: Array<[string, AmountErrorCode]> = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['.', 'not_a_number'],
    ['-', 'not_a_number'],
    ['-1', 'negative'],
    ['-0.5', 'negative'],
    ['-0', 'negative'],
    ['+1', 'not_a_number'],
    ['1e3', 'not_a_number'],
    ['1E-3', 'not_a_number'],
    ['1,000', 'not_a_number'],
    ['1,5', 'not_a_number'],
    ['1 000', 'not_a_number'],
    ['1\u00a0000', 'not_a_number'],
    ['1.2.3', 'not_a_number'],
    ['1..2', 'not_a_number'],
    ['Infinity', 'not_a_number'],
    ['-Infinity', 'not_a_number'],
    ['NaN', 'not_a_number'],
    ['0x10', 'not_a_number'],
    ['0b1', 'not_a_number'],
    ['12abc', 'not_a_number'],
    ['١٢', 'not_a_number'],
    ['１２', 'not_a_number'],
    ['--1', 'not_a_number'],
    ['1.0000001', 'too_precise'],
    ['0.0000005', 'too_precise'],
    ['14.5200001', 'too_precise'],
    ['9223372036854.775808', 'too_large'],
    ['10000000000000', 'too_large'],
    ['9'.repeat(40), 'too_large'],
  ];

  it.each(refused)('refuses %j as %s with a readable message', (input, code) => {
    const error = errorOf(() => parseTrx(input));
    expect(error.code).toBe(code);
    expect(error.unit).toBe('TRX');
    expect(error.message).toMatch(/TRX/);
    if (input.trim()) expect(error.message).toContain(input.slice(0, 30));
  });

  it('explains precision and range limits in the message', () => {
    expect(errorOf(() => parseTrx('1.0000001')).message).toBe(
      '"1.0000001" has more than 6 decimals; the smallest TRX step is 0.000001',
    );
    expect(errorOf(() => parseTrx('9223372036855')).message).toMatch(/at most 9223372036854\.775807/);
  });

  it('accepts the largest amount the chain can hold, and nothing above it', () => {
    expect(parseTrx('9223372036854.775807')).toBe(INT64_MAX);
    expect(parseTrx('9223372036854.77580700')).toBe(INT64_MAX);
  });

  it('refuses non-string input without throwing anything but an AmountError', () => {
    for (const value of [undefined, null, 14.52, 14n]) {
      expect(errorOf(() => parseTrx(value as unknown as string)).code).toBe('not_a_number');
    }
  });

  it('stays fast on long hostile input', () => {
    const started = performance.now();
    expect(errorOf(() => parseTrx(`1.${'0'.repeat(200_000)}1`)).code).toBe('too_precise');
    expect(parseTrx(`1.${'0'.repeat(200_000)}`)).toBe(1_000_000n);
    expect(errorOf(() => parseTrx('1'.repeat(200_000))).code).toBe('too_large');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('agrees with TronWeb.toSun on 10,000 random valid TRX strings', () => {
    for (let i = 0; i < 10_000; i++) {
      const text = `${randomDigits(randomInt(13))}.${randomDigits(randomInt(7))}${'0'.repeat(randomInt(3))}`;
      if (text === '.') continue;
      // toSun is typed for numbers but reads decimal strings exactly through BigNumber.
      expect(parseTrx(text).toString(), text).toBe(String(TronWeb.toSun(text as unknown as number)));
    }
  });
});

describe('formatAmount options', () => {
  it('pads with minDecimals but never drops a digit', () => {
    expect(formatUsd(1500n, { minDecimals: 2 })).toBe('15.00');
    expect(formatUsd(1550n, { minDecimals: 2 })).toBe('15.50');
    expect(formatTrx(14_520_000n, { minDecimals: 6 })).toBe('14.520000');
    expect(formatTrx(14_523_456n, { minDecimals: 2 })).toBe('14.523456');
    expect(formatTrx(0n)).toBe('0');
    expect(formatTrx(1n)).toBe('0.000001');
  });

  it('refuses minDecimals the unit cannot show', () => {
    expect(() => formatUsd(1n, { minDecimals: 3 })).toThrow(RangeError);
    expect(() => formatTrx(1n, { minDecimals: -1 })).toThrow(RangeError);
    expect(() => formatTrx(1n, { minDecimals: 1.5 })).toThrow(RangeError);
  });

  it('keeps the sign of a negative change', () => {
    expect(formatTrx(-14_520_000n)).toBe('-14.52');
    expect(formatTrx(-1n)).toBe('-0.000001');
    expect(formatUsd(-5n, { minDecimals: 2 })).toBe('-0.05');
  });
});

describe('USD and USDT', () => {
  it('parses cents and USDT base units', () => {
    expect(parseUsd('100.50')).toBe(10_050n);
    expect(parseUsd('0.01')).toBe(1n);
    expect(parseUsd('999999.99')).toBe(99_999_999n);
    expect(parseUsd('50.000')).toBe(5_000n);
    expect(formatUsd(10_050n)).toBe('100.5');
    expect(parseUsdt('100.500000')).toBe(100_500_000n);
    expect(formatUsdt(100_500_001n)).toBe('100.500001');
  });

  it('refuses fractions of a cent', () => {
    const error = errorOf(() => parseUsd('1.005'));
    expect(error.code).toBe('too_precise');
    expect(error.message).toBe('"1.005" has more than 2 decimals; the smallest USD step is 0.01');
  });

  it('refuses a USDT amount finer than the token (the gateway example "100.50000012" has 8 decimals)', () => {
    // USDT-TRC20 has 6 decimals on chain; the gateway's documented amount_crypto cannot be paid exactly.
    expect(errorOf(() => parseUsdt('100.50000012')).code).toBe('too_precise');
    // A unit with more decimals can still carry it, exactly, for whoever needs to show it.
    expect(parseAmount({ symbol: 'USDT (8 dp)', decimals: 8 }, '100.50000012')).toBe(10_050_000_012n);
  });
});

describe('round trips', HEAVY, () => {
  const units: Unit[] = [TRX, USD, USDT];

  it.each(units)('parse(format(n)) === n for 10,000 random $symbol amounts', (unit) => {
    const values = [0n, 1n, INT64_MAX, ...Array.from({ length: 10_000 }, randomBaseUnits)];
    for (const value of values) {
      const text = formatAmount(unit, value);
      expect(parseAmount(unit, text), text).toBe(value);
      expect(parseAmount(unit, formatAmount(unit, value, { minDecimals: unit.decimals }))).toBe(value);
    }
  });

  it.each(units)('format(parse(x)) is x in canonical form for 10,000 random $symbol strings', (unit) => {
    for (let i = 0; i < 10_000; i++) {
      const integer = randomDigits(1 + randomInt(unit.decimals === 2 ? 16 : 12));
      const fraction = randomDigits(randomInt(unit.decimals + 1));
      const padding = '0'.repeat(randomInt(4));
      const text = fraction || padding ? `${integer}.${fraction}${padding}` : integer;
      const canonicalInteger = integer.replace(/^0+(?=\d)/, '');
      const canonicalFraction = fraction.replace(/0+$/, '');
      const canonical = canonicalFraction ? `${canonicalInteger}.${canonicalFraction}` : canonicalInteger;
      expect(formatAmount(unit, parseAmount(unit, text)), text).toBe(canonical);
    }
  });
});

describe('formatAmountForDisplay', HEAVY, () => {
  it('groups digits per locale without rounding through a float', () => {
    expect(formatAmountForDisplay(TRX, 1_234_567_891_234_567n, { locale: 'en-US' })).toBe(
      '1,234,567,891.234567',
    );
    expect(formatAmountForDisplay(TRX, 1_234_567_891_234_567n, { locale: 'de-DE' })).toBe(
      '1.234.567.891,234567',
    );
    expect(formatAmountForDisplay(USD, 123_456_750n, { locale: 'en-IN', minDecimals: 2 })).toBe(
      '12,34,567.50',
    );
    // A float would print 9,223,372,036,854.775 or .776 here.
    expect(formatAmountForDisplay(TRX, INT64_MAX, { locale: 'en-US' })).toBe('9,223,372,036,854.775807');
    expect(formatAmountForDisplay(TRX, 14_520_000n, { locale: 'en-US' })).toBe('14.52');
    expect(formatAmountForDisplay(TRX, -14_520_000n, { locale: 'en-US' })).toBe('-14.52');
  });

  it('shows the same digits as formatAmount for 5,000 random amounts', () => {
    for (let i = 0; i < 5000; i++) {
      const value = randomBaseUnits();
      const shown = formatAmountForDisplay(TRX, value, { locale: 'en-US' });
      expect(shown.replaceAll(',', ''), shown).toBe(formatTrx(value));
    }
  });
});

describe('amountFromJsonNumber', HEAVY, () => {
  it('converts the numbers the services send', () => {
    expect(trxFromJsonNumber(4)).toBe(4_000_000n); // TronNRG cost
    expect(trxFromJsonNumber(8.25)).toBe(8_250_000n); // TronZap amount
    expect(trxFromJsonNumber(JSON.parse('14.52') as number)).toBe(14_520_000n);
    expect(trxFromJsonNumber(0.000001)).toBe(1n);
    expect(trxFromJsonNumber(-0)).toBe(0n);
    expect(amountFromJsonNumber(USD, 100.5)).toBe(10_050n);
  });

  it('gets back exactly what the service wrote, for 10,000 random JSON amounts', () => {
    for (let i = 0; i < 10_000; i++) {
      // Up to 9 + 6 = 15 significant digits, JSON syntax (no leading zeros).
      const integer = randomDigits(1 + randomInt(9)).replace(/^0+(?=\d)/, '');
      const text = `${integer}.${randomDigits(randomInt(7))}`.replace(/\.$/, '');
      expect(trxFromJsonNumber(JSON.parse(text) as number), text).toBe(parseTrx(text));
    }
  });

  const refused: Array<[number, AmountErrorCode]> = [
    [Number.NaN, 'not_a_number'],
    [Number.POSITIVE_INFINITY, 'not_a_number'],
    [Number.NEGATIVE_INFINITY, 'not_a_number'],
    [-4, 'negative'],
    [0.1 + 0.2, 'too_precise'],
    [1e-7, 'too_precise'],
    [8.2500001, 'too_precise'],
    [2 ** 53 + 2, 'too_precise'],
    [1e21, 'too_large'],
    [1e300, 'too_large'],
    [10_000_000_000_000, 'too_large'],
  ];

  it.each(refused)('refuses %d as %s', (n, code) => {
    const error = errorOf(() => trxFromJsonNumber(n));
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('refuses a value that is not a number at all', () => {
    expect(errorOf(() => trxFromJsonNumber('4' as unknown as number)).code).toBe('not_a_number');
  });
});
