/** Small field schemas every service family shares. */
import { z } from 'zod';
import { TRON_ADDRESS_SHAPE, isTronAddress } from '../tron/address';

/** A timestamp the service sends as an ISO 8601 string; kept as text, refused when it is no date. */
export const isoTimestamp = z
  .string()
  .refine((text) => !Number.isNaN(Date.parse(text)), { message: 'not an ISO 8601 timestamp' });

/** A base58check TRON address (checksum verified): used wherever money is sent to the address. */
export const tronAddress = z.string().refine(isTronAddress, { message: 'not a TRON address' });

/** Something shaped like a base58 TRON address (`T` + 33 base58 characters), checksum not verified. */
export const tronAddressShape = z
  .string()
  .regex(TRON_ADDRESS_SHAPE, { message: 'not shaped like a TRON address' });

/** A 64-hex transaction id. */
export const txHash = z.string().regex(/^[0-9a-fA-F]{64}$/, { message: 'not a 64-hex transaction hash' });

/** A page of a paginated 2aml listing: `{data, total, page, limit}`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    total: z.number().int().nonnegative(),
    page: z.number().int().positive(),
    limit: z.number().int().positive(),
  });
}
