/**
 * Lists read row by row (DESIGN.md, "Reading service answers"): a row that fails its schema is
 * skipped and counted, never the whole list, so one odd record from 2aml leaves the rest visible.
 * The rows' own schemas stay strict where money or identity is concerned.
 */
import { z } from 'zod';

/** An array of `item` that keeps the rows that parse and counts the others. */
export function tolerantArray<T extends z.ZodType>(item: T) {
  return z.array(z.unknown()).transform((rows) => {
    const kept: z.output<T>[] = [];
    let skipped = 0;
    for (const row of rows) {
      const parsed = item.safeParse(row);
      if (parsed.success) kept.push(parsed.data);
      else skipped += 1;
    }
    return { rows: kept, skipped };
  });
}

/** A page of a paginated 2aml listing, `{data, total, page, limit}`, read row by row (`skipped` counts the rest). */
export function tolerantPageOf<T extends z.ZodType>(item: T) {
  return z
    .object({
      data: tolerantArray(item),
      total: z.number().int().nonnegative(),
      page: z.number().int().positive(),
      limit: z.number().int().positive(),
    })
    .transform(({ data, ...paging }) => ({ ...paging, data: data.rows, skipped: data.skipped }));
}
