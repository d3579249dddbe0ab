/** Checking what a caller asks a client to send, before anything leaves the machine. */
import { z } from 'zod';
import { ServiceError, type ServiceName } from '../http';

/** Parses `value` with `schema`, or throws a `ServiceError` with code `invalid_input` (status 0: nothing was sent). */
export function parseInput<S extends z.ZodType>(
  service: ServiceName,
  schema: S,
  value: unknown,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  // Issue paths and expectations only: zod's messages never echo the value (a password, a token).
  throw new ServiceError({
    service,
    status: 0,
    code: 'invalid_input',
    message: `Invalid request: ${z.prettifyError(parsed.error)}`,
  });
}

/** `page`/`limit` of the paginated listings. */
export const pagingInput = z
  .object({
    page: z.number().int().positive().optional(),
    limit: z.number().int().positive().max(100).optional(),
  })
  .default({});
export type PagingInput = z.input<typeof pagingInput>;
