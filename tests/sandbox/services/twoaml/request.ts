/** Reading requests at the edge: JSON bodies and queries through zod, the fingerprint header, pagination. */
import type { Context } from 'hono';
import { z } from 'zod';
import { MESSAGES, TwoAmlError } from './errors';

/** Parses the JSON body with `schema`; a malformed or invalid body is a 400 with `message`. */
export async function readJsonBody<T extends z.ZodType>(
  c: Context,
  schema: T,
  message: string,
): Promise<z.output<T>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new TwoAmlError(400, message);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new TwoAmlError(400, message);
  return parsed.data;
}

/** Parses the query string with `schema`; an invalid query is a 400 with `message`. */
export function readQuery<T extends z.ZodType>(c: Context, schema: T, message: string): z.output<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw new TwoAmlError(400, message);
  return parsed.data;
}

/** The optional `x-fingerprint` attribution header (trimmed, bounded), or null. */
export function fingerprintHeader(c: Context): string | null {
  const value = c.req.header('x-fingerprint')?.trim();
  return value ? value.slice(0, 256) : null;
}

const positiveIntText = z
  .string()
  .regex(/^\d{1,6}$/)
  .transform(Number)
  .pipe(z.number().int().min(1));

/** `page` (default 1) and `limit` (default 20, capped at 100 like most list APIs). */
export const paginationQuery = z.object({
  page: positiveIntText.optional().default(1),
  limit: positiveIntText
    .optional()
    .default(20)
    .transform((limit) => Math.min(limit, 100)),
});

/** Reads `page` and `limit` from the query. */
export function readPagination(c: Context): { page: number; limit: number } {
  return readQuery(c, paginationQuery, MESSAGES.paginationInvalid);
}

/** One page of `rows` in the documented list envelope. */
export function pageOf<T>(
  rows: T[],
  page: number,
  limit: number,
): { data: T[]; total: number; page: number; limit: number } {
  return { data: rows.slice((page - 1) * limit, page * limit), total: rows.length, page, limit };
}

/** Waits `ms` of real time (the sandbox's simulated upstream latency). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
