/**
 * Money fields of service responses. Decimal strings stay as the service sent them (they store and
 * display as they are) and get an exact `bigint` companion in sun; amounts a service sends as JSON
 * numbers are turned into both a decimal string and sun, so no JS `number` ever leaves a schema.
 */
import { z } from 'zod';
import { formatTrx, parseTrx, parseUsd, trxFromJsonNumber } from '../tron/units';

/** True when `parse` accepts `text` (the units helpers throw `AmountError` otherwise). */
function accepts(parse: (text: string) => bigint, text: string): boolean {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A TRX amount as a decimal string ("14.520000"), kept as sent; refused when not exact in sun. */
export const trxDecimal = z
  .string()
  .refine((text) => accepts(parseTrx, text), { message: 'not an exact TRX amount' });

/** A USD amount as a decimal string ("100.50"), kept as sent; refused when not exact in cents. */
export const usdDecimal = z
  .string()
  .refine((text) => accepts(parseUsd, text), { message: 'not an exact USD amount' });

/** A TRX amount a service may send as a JSON number or a numeric string, as sun. */
export const trxWireAmount = z.union([z.number(), z.string()]).transform((value, ctx) => {
  try {
    return typeof value === 'number' ? trxFromJsonNumber(value) : parseTrx(value);
  } catch {
    ctx.issues.push({ code: 'custom', message: 'not an exact TRX amount', input: value });
    return z.NEVER;
  }
});

/** Both forms of a TRX amount: the exact decimal text (storable, displayable) and sun (for arithmetic). */
export interface TrxAmount {
  trx: string;
  sun: bigint;
}

/** A TRX amount sent as a JSON number or numeric string, as `{trx, sun}`. */
export const trxAmount = trxWireAmount.transform((sun): TrxAmount => ({ trx: formatTrx(sun), sun }));

/** A non-negative whole number of sun sent as a JSON number (node balances); refused beyond 2^53. */
export const sunInteger = z
  .number()
  .refine((n) => Number.isSafeInteger(n) && n >= 0, { message: 'not an exact sun amount' })
  .transform((n) => BigInt(n));

type SunKey<K> = K extends `${infer Stem}Trx` ? `${Stem}Sun` : never;
/** `string` becomes `bigint`; `null` and `undefined` pass through (distributes over unions). */
type SunValue<V> = V extends string ? bigint : V;

/** `T` plus one `…Sun: bigint` field for each `…Trx` decimal-string field named in `K`. */
export type WithSunAmounts<T, K extends keyof T> = T & { [P in K as SunKey<P>]: SunValue<T[P]> };

/**
 * Adds an exact sun companion beside each named `…Trx` field (`amountTrx` → `amountSun`). The
 * fields must already be validated by `trxDecimal`, so the conversion here cannot fail.
 */
export function withSunAmounts<
  S extends z.ZodType<Record<string, unknown>>,
  K extends keyof z.output<S> & `${string}Trx`,
>(schema: S, keys: readonly K[]) {
  return schema.transform((value) => {
    const withSun: Record<string, unknown> = { ...value };
    for (const key of keys) {
      const text = value[key];
      withSun[`${key.slice(0, -'Trx'.length)}Sun`] = typeof text === 'string' ? parseTrx(text) : text;
    }
    return withSun as WithSunAmounts<z.output<S>, K>;
  });
}
