/** Reading gateway request bodies and queries; every failure is a VALIDATION_ERROR naming its fields. */
import { z } from 'zod';
import { TronWeb } from 'tronweb';
import { MAX_USD_CENTS, MIN_USD_CENTS, parseUsdCents, type Asset } from './amounts';
import { validationError, type FieldErrors } from './errors';
import type { PaymentStatus } from './state';

export interface PaymentRequest {
  transactionId: string;
  asset: Asset;
  amountUsdCents: bigint;
  postbackUrl: string | null;
}

export interface PaymentListQuery {
  page: number;
  limit: number;
  status?: PaymentStatus;
  asset?: Asset;
}

const fieldsSchema = z.record(z.string(), z.unknown()).catch({});
const transactionIdSchema = z.string().trim().min(1).max(255);
const assetSchema = z.enum(['TRX', 'USDT']);
const statusSchema = z.enum(['pending', 'completed', 'expired', 'failed']);
const urlSchema = z.url({ protocol: /^https?$/ }).max(500);
const addressSchema = z
  .string()
  .refine((text) => /^T/.test(text) && text.length === 34 && TronWeb.isAddress(text));
// Laravel's `boolean` rule: true, false, 1, 0, "1", "0" (a form can only send strings).
const booleanSchema = z.union([
  z.boolean(),
  z.literal([1, '1']).transform(() => true),
  z.literal([0, '0']).transform(() => false),
]);
const integerTextSchema = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

/** Collects field messages, then throws them all at once. */
function fieldErrors() {
  const errors: FieldErrors = {};
  return {
    add(field: string, message: string) {
      (errors[field] ??= []).push(message);
    },
    throwIfAny() {
      if (Object.keys(errors).length > 0) throw validationError(errors);
    },
  };
}

/** `amount_usd` as a decimal string or a JSON number (its shortest decimal text), in cents. */
function readUsd(value: unknown): bigint | null {
  if (typeof value === 'string') return parseUsdCents(value.trim());
  if (typeof value === 'number' && Number.isFinite(value)) return parseUsdCents(String(value));
  return null;
}

/** The body of `POST /api/payment/create`. */
export function readPaymentRequest(body: unknown): PaymentRequest {
  const fields = fieldsSchema.parse(body);
  const errors = fieldErrors();
  const transactionId = transactionIdSchema.safeParse(
    typeof fields.transaction_id === 'number' ? String(fields.transaction_id) : fields.transaction_id,
  );
  if (!transactionId.success) {
    errors.add(
      'transaction_id',
      'The transaction id field is required and must be a string of at most 255 characters.',
    );
  }
  const asset = assetSchema.safeParse(fields.asset);
  if (!asset.success) errors.add('asset', 'The selected asset is invalid: use TRX or USDT.');
  const cents = readUsd(fields.amount_usd);
  if (cents === null || cents < MIN_USD_CENTS || cents > MAX_USD_CENTS) {
    errors.add('amount_usd', 'The amount usd must be a decimal between 0.01 and 999999.99.');
  }
  const postbackUrl =
    fields.postback_url === undefined || fields.postback_url === null || fields.postback_url === ''
      ? null
      : urlSchema.safeParse(fields.postback_url);
  if (postbackUrl && !postbackUrl.success) {
    errors.add('postback_url', 'The postback url must be a valid URL of at most 500 characters.');
  }
  errors.throwIfAny();
  return {
    transactionId: transactionId.data!,
    asset: asset.data!,
    amountUsdCents: cents!,
    postbackUrl: postbackUrl?.data ?? null,
  };
}

/** The query of `GET /api/payments`: page ≥ 1, limit 1..100 (default 50), optional filters. */
export function readPaymentListQuery(query: Record<string, string>): PaymentListQuery {
  const errors = fieldErrors();
  const page = integerTextSchema.pipe(z.number().int().min(1)).safeParse(query.page ?? '1');
  if (!page.success) errors.add('page', 'The page must be an integer of at least 1.');
  const limit = integerTextSchema.pipe(z.number().int().min(1).max(100)).safeParse(query.limit ?? '50');
  if (!limit.success) errors.add('limit', 'The limit must be an integer between 1 and 100.');
  const status = query.status === undefined ? undefined : statusSchema.safeParse(query.status);
  if (status && !status.success) errors.add('status', 'The selected status is invalid.');
  const asset = query.asset === undefined ? undefined : assetSchema.safeParse(query.asset);
  if (asset && !asset.success) errors.add('asset', 'The selected asset is invalid.');
  errors.throwIfAny();
  return { page: page.data!, limit: limit.data!, status: status?.data, asset: asset?.data };
}

/** The `address` of a wallet to add, or a VALIDATION_ERROR. */
export function readWalletAddress(body: unknown): string {
  const address = addressSchema.safeParse(fieldsSchema.parse(body).address);
  if (!address.success) {
    throw validationError({
      address: ['The address must be a TRON address (34 characters, starts with T).'],
    });
  }
  return address.data;
}

/** The `is_active` flag of a wallet update, or a VALIDATION_ERROR. */
export function readWalletActive(body: unknown): boolean {
  const isActive = booleanSchema.safeParse(fieldsSchema.parse(body).is_active);
  if (!isActive.success)
    throw validationError({ is_active: ['The is active field is required and must be true or false.'] });
  return isActive.data;
}
