/**
 * Money amounts as exact integers of the unit's smallest step (TRX in sun, USD in cents, USDT in
 * base units), parsed from and formatted to decimal strings. No JS `number` holds an amount here:
 * the services send decimal strings ("14.52000000"), and the two that send JSON numbers go through
 * `amountFromJsonNumber`, which recovers the digits the service wrote.
 */

/** A currency and how many decimals its smallest step has. */
export interface Unit {
  readonly symbol: string;
  readonly decimals: number;
}

/** 1 TRX = 1,000,000 sun. */
export const TRX: Unit = { symbol: 'TRX', decimals: 6 };
/** 1 USD = 100 cents. */
export const USD: Unit = { symbol: 'USD', decimals: 2 };
/** USDT-TRC20: 6 decimals on chain. */
export const USDT: Unit = { symbol: 'USDT', decimals: 6 };

/** The chain stores balances and transfer amounts as int64, so nothing real is larger. */
const MAX_BASE_UNITS = 2n ** 63n - 1n;
/** int64 max has 19 digits; a longer integer part is too large without building a huge bigint. */
const MAX_INTEGER_DIGITS = 19;
/** A double carries 15 significant decimal digits exactly (DBL_DIG); beyond that its digits are noise. */
const DOUBLE_EXACT_DIGITS = 15;

export type AmountErrorCode = 'empty' | 'not_a_number' | 'negative' | 'too_precise' | 'too_large';

/** Why a text or number is not an amount of a unit; `code` is for branching, `message` for people. */
export class AmountError extends Error {
  readonly code: AmountErrorCode;
  readonly unit: string;

  constructor(code: AmountErrorCode, unit: Unit, message: string) {
    super(message);
    this.name = 'AmountError';
    this.code = code;
    this.unit = unit.symbol;
  }
}

// Digits, at most one dot, nothing else. Both `.5` and `5.` are accepted: people type them, and
// they cannot mean anything but 0.5 and 5. A lone `.` has no digits and is refused.
const DECIMAL_TEXT = /^([0-9]*)(?:\.([0-9]*))?$/;

/**
 * Parses a decimal string into base units, exactly. Surrounding whitespace is ignored; anything
 * else that is not plain digits with one optional dot is refused (signs, exponents, grouping commas,
 * decimal commas, `Infinity`, hex). Trailing zeros past the unit's decimals are fine ("14.52000000").
 */
export function parseAmount(unit: Unit, text: string): bigint {
  if (typeof text !== 'string') {
    throw new AmountError('not_a_number', unit, `${unit.symbol} amount is not text`);
  }
  const trimmed = text.trim();
  if (trimmed === '') throw new AmountError('empty', unit, `${unit.symbol} amount is empty`);
  // A minus sign on an otherwise valid amount gets its own code: the fix is different.
  const negative = trimmed.startsWith('-');
  const match = DECIMAL_TEXT.exec(negative ? trimmed.slice(1) : trimmed);
  const integerDigits = match?.[1] ?? '';
  const fractionDigits = match?.[2] ?? '';
  if (!match || (integerDigits === '' && fractionDigits === '')) {
    throw new AmountError(
      'not_a_number',
      unit,
      `${quote(text)} is not a ${unit.symbol} amount: use digits with a dot for decimals, like 14.52`,
    );
  }
  if (negative) {
    throw new AmountError('negative', unit, `${quote(text)} is negative; ${unit.symbol} amounts start at 0`);
  }
  const significantFraction = fractionDigits.slice(0, lengthWithoutTrailingZeros(fractionDigits));
  if (significantFraction.length > unit.decimals) {
    throw new AmountError(
      'too_precise',
      unit,
      `${quote(text)} has more than ${unit.decimals} decimals; the smallest ${unit.symbol} step is ${formatAmount(unit, 1n)}`,
    );
  }
  const integerPart = integerDigits.replace(/^0+/, '');
  const value =
    integerPart.length <= MAX_INTEGER_DIGITS
      ? BigInt(integerPart || '0') * 10n ** BigInt(unit.decimals) +
        BigInt(significantFraction.padEnd(unit.decimals, '0') || '0')
      : null;
  if (value === null || value > MAX_BASE_UNITS) {
    throw new AmountError(
      'too_large',
      unit,
      `${quote(text)} is more than any ${unit.symbol} amount can be (at most ${formatAmount(unit, MAX_BASE_UNITS)})`,
    );
  }
  return value;
}

export interface FormatOptions {
  /** Pad the decimals with zeros up to this many (0..unit decimals); never drops a digit. */
  minDecimals?: number;
}

/**
 * Formats base units as a plain decimal string, trailing zeros trimmed ("14.52"); pass
 * `{ minDecimals: 2 }` for "15.00" or the unit's decimals for a fixed width. Negative values keep
 * their sign so a balance change can be shown, although `parseAmount` never returns one.
 */
export function formatAmount(unit: Unit, value: bigint, options: FormatOptions = {}): string {
  const minDecimals = options.minDecimals ?? 0;
  if (!Number.isInteger(minDecimals) || minDecimals < 0 || minDecimals > unit.decimals) {
    throw new RangeError(`minDecimals must be 0..${unit.decimals} for ${unit.symbol}, got ${minDecimals}`);
  }
  const sign = value < 0n ? '-' : '';
  const magnitude = value < 0n ? -value : value;
  const digits = magnitude.toString().padStart(unit.decimals + 1, '0');
  const integerPart = digits.slice(0, digits.length - unit.decimals);
  const fraction = digits.slice(digits.length - unit.decimals);
  const shownFraction = fraction.slice(0, Math.max(minDecimals, lengthWithoutTrailingZeros(fraction)));
  return shownFraction ? `${sign}${integerPart}.${shownFraction}` : `${sign}${integerPart}`;
}

export interface DisplayOptions extends FormatOptions {
  /** BCP 47 locale for digit grouping and the decimal mark; the runtime's default when absent. */
  locale?: string;
}

/**
 * Formats base units for people: locale grouping and decimal mark ("1,234.5", "1.234,5"). The exact
 * decimal string is what `Intl.NumberFormat` receives, so no digit goes through a float.
 */
export function formatAmountForDisplay(unit: Unit, value: bigint, options: DisplayOptions = {}): string {
  const exact = formatAmount(unit, value, options);
  const decimalsShown = exact.includes('.') ? exact.length - exact.indexOf('.') - 1 : 0;
  const format = new Intl.NumberFormat(options.locale, {
    minimumFractionDigits: decimalsShown,
    maximumFractionDigits: decimalsShown,
    useGrouping: true,
  });
  // A decimal string is formatted as the exact value it spells (Intl.NumberFormat v3).
  return format.format(exact as Intl.StringNumericLiteral);
}

/**
 * Converts an amount a service sent as a JSON number (TronNRG `cost: 4`, TronZap `amount: 8.25`).
 *
 * Why this is exact: `String(n)` is the shortest decimal that reads back as the same double, and
 * a decimal of at most 15 significant digits always reads back as itself, so for such input the
 * string is the digits the service wrote. More digits than that may already be float noise
 * (0.1 + 0.2 prints as 0.30000000000000004), so they are refused as `too_precise`.
 */
export function amountFromJsonNumber(unit: Unit, n: number): bigint {
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new AmountError('not_a_number', unit, `${String(n)} is not a ${unit.symbol} amount`);
  }
  if (n < 0)
    throw new AmountError('negative', unit, `${String(n)} is negative; ${unit.symbol} amounts start at 0`);
  const { digits, pointAt } = decimalDigitsOf(n);
  const significant = digits.replace(/^0+/, '');
  if (lengthWithoutTrailingZeros(significant) > DOUBLE_EXACT_DIGITS) {
    throw new AmountError(
      'too_precise',
      unit,
      `${String(n)} has more significant digits than a JSON number carries exactly; ask for a string amount`,
    );
  }
  return parseAmount(unit, plainDecimal(digits, pointAt));
}

/** Parses a TRX decimal string into sun. */
export const parseTrx = (text: string): bigint => parseAmount(TRX, text);
/** Formats sun as a TRX decimal string ("14.52"). */
export const formatTrx = (sun: bigint, options?: FormatOptions): string => formatAmount(TRX, sun, options);
/** Converts a TRX amount sent as a JSON number into sun (see `amountFromJsonNumber`). */
export const trxFromJsonNumber = (n: number): bigint => amountFromJsonNumber(TRX, n);
/** Parses a USD decimal string into cents. */
export const parseUsd = (text: string): bigint => parseAmount(USD, text);
/** Formats cents as a USD decimal string ("100.5"; `{ minDecimals: 2 }` gives "100.50"). */
export const formatUsd = (cents: bigint, options?: FormatOptions): string =>
  formatAmount(USD, cents, options);
/** Parses a USDT decimal string into base units (6 decimals). */
export const parseUsdt = (text: string): bigint => parseAmount(USDT, text);
/** Formats USDT base units as a decimal string. */
export const formatUsdt = (units: bigint, options?: FormatOptions): string =>
  formatAmount(USDT, units, options);

/** The digits of a finite non-negative double's shortest decimal form and where its point goes. */
function decimalDigitsOf(n: number): { digits: string; pointAt: number } {
  // String(n) switches to exponent form below 1e-6 and from 1e21 on ("1e-7", "1.5e+21").
  const [mantissa = '', exponent = '0'] = String(n).split('e');
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  return { digits, pointAt: (dot === -1 ? mantissa.length : dot) + Number(exponent) };
}

function plainDecimal(digits: string, pointAt: number): string {
  if (pointAt <= 0) return `0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return digits + '0'.repeat(pointAt - digits.length);
  return `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/** Length of `digits` once trailing zeros are dropped (a loop: /0+$/ is quadratic on long input). */
function lengthWithoutTrailingZeros(digits: string): number {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 0x30) end--;
  return end;
}

function quote(text: string): string {
  return text.length > 40 ? `"${text.slice(0, 37)}…"` : `"${text}"`;
}
