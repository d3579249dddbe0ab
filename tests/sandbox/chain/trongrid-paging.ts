import type { Context } from 'hono';
import { z } from 'zod';
import { jsonResponse } from '../core/json';
import { isAddress, toHexAddress } from './address';

/**
 * What every TronGrid v1 list shares: its query parameters, the `{data, success, meta}` envelope and
 * fingerprint paging. TronGrid indexes blocks, and the sandbox's blocks are final at once, so nothing
 * listed is ever "unconfirmed" (`only_unconfirmed=true` lists nothing).
 */

const booleanQuery = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

export const listQuery = z.object({
  only_confirmed: booleanQuery,
  only_unconfirmed: booleanQuery,
  only_to: booleanQuery,
  only_from: booleanQuery,
  limit: z.coerce.number().int().min(1).max(200).default(20),
  order_by: z.enum(['block_timestamp,desc', 'block_timestamp,asc']).default('block_timestamp,desc'),
  // Account lists call the window min/max_timestamp, event lists min/max_block_timestamp.
  min_timestamp: z.coerce.number().int().min(0).optional(),
  max_timestamp: z.coerce.number().int().min(0).optional(),
  min_block_timestamp: z.coerce.number().int().min(0).optional(),
  max_block_timestamp: z.coerce.number().int().min(0).optional(),
  fingerprint: z.string().optional(),
  contract_address: z.string().optional(),
  event_name: z.string().optional(),
  block_number: z.coerce.number().int().min(0).optional(),
  visible: booleanQuery,
});
export type ListQuery = z.output<typeof listQuery>;

/** The `:address` path parameter in hex, or undefined when it is not an address. */
export function addressParam(c: Context): string | undefined {
  const raw = c.req.param('address') ?? '';
  return isAddress(raw) ? toHexAddress(raw) : undefined;
}

/** TronGrid's 400 envelope. */
export function badRequest(error: string) {
  return jsonResponse({ success: false, error, statusCode: 400n }, { status: 400 });
}

/** Whether a block time falls in the query's window. */
export function inWindow(q: ListQuery, blockTimeMs: number): boolean {
  if (q.only_unconfirmed) return false;
  const min = q.min_timestamp ?? q.min_block_timestamp;
  const max = q.max_timestamp ?? q.max_block_timestamp;
  return (min === undefined || blockTimeMs >= min) && (max === undefined || blockTimeMs <= max);
}

/** Orders, pages by fingerprint (an opaque offset) and wraps a list in TronGrid's envelope. */
export function page<T>(c: Context, nowMs: number, q: ListQuery, items: T[], render: (item: T) => unknown) {
  const ordered = q.order_by === 'block_timestamp,asc' ? items : [...items].reverse();
  const offset = q.fingerprint
    ? Number.parseInt(Buffer.from(q.fingerprint, 'base64url').toString('utf8'), 10) || 0
    : 0;
  const slice = ordered.slice(offset, offset + q.limit);
  const nextOffset = offset + slice.length;
  const meta: Record<string, unknown> = { at: BigInt(nowMs), page_size: BigInt(slice.length) };
  if (nextOffset < ordered.length) {
    const fingerprint = Buffer.from(String(nextOffset), 'utf8').toString('base64url');
    const next = new URL(c.req.url);
    next.searchParams.set('fingerprint', fingerprint);
    meta.fingerprint = fingerprint;
    meta.links = { next: next.toString() };
  }
  return jsonResponse({ data: slice.map(render), success: true, meta });
}
