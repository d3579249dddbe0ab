/**
 * The Tron Payment Gateway client (seeds/004): the merchant's own base URL and API key (sent as
 * `X-API-Key`, never in the query string, so it stays out of logs and history). Successes are
 * `{success: true, data}` and come back unwrapped; failures are `{error, message, details}`.
 */
import { z } from 'zod';
import { createHttpClient, ServiceError, type ErrorReader, type HttpClientOptions } from '../http';
import { formatUsd } from '../tron/units';
import { checkPostbackUrl } from './amounts';
import { tronAddress } from '../api/common-schemas';
import { parseInput } from '../api/input';
import {
  PAYMENT_ASSETS,
  PAYMENT_STATUSES,
  createdPaymentSchema,
  partnerInfoSchema,
  partnerWalletSchema,
  paymentListSchema,
  paymentRowsSchema,
  paymentSchema,
  resendPostbackSchema,
  walletRowsSchema,
} from './gateway-schemas';

/** The documented codes (common table plus the wallet errors of `POST /api/partner/wallets`). */
export const GATEWAY_ERROR_CODES = [
  'VALIDATION_ERROR',
  'PAYMENT_NOT_FOUND',
  'PARTNER_ERROR',
  'WALLET_ERROR',
  'API_LIMIT_EXCEEDED',
  'INSUFFICIENT_WALLETS',
  'PAYMENT_NOT_COMPLETED',
  'WALLET_LIMIT_EXCEEDED',
  'WALLET_EXISTS',
  // Not in the table: what a rejected or missing API key is called here (the contract is silent).
  'UNAUTHORIZED',
] as const;
export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

const errorSchema = z.object({
  error: z.string().min(1),
  message: z.string().optional(),
  details: z.unknown().optional(),
});

/** Reads `{error, message, details}`; `details` is kept as sent. */
export const readGatewayError: ErrorReader = (status, body) => {
  const parsed = errorSchema.safeParse(body);
  if (parsed.success) {
    const { error, message, details } = parsed.data;
    return { code: error, message: message ?? error, details };
  }
  if (status < 400) return null;
  if (status === 401 || status === 403) return { code: 'UNAUTHORIZED', message: `HTTP ${status}` };
  // A bare 404 may be a path this gateway writes differently (see `paymentStatus`), not a payment.
  if (status === 404) return { code: 'route_not_found', message: `HTTP ${status}` };
  if (status === 422) return { code: 'VALIDATION_ERROR', message: `HTTP ${status}` };
  if (status === 429 || status === 503) return { code: 'API_LIMIT_EXCEEDED', message: `HTTP ${status}` };
  return { code: 'http_error', message: `HTTP ${status}` };
};

/** `{success: true, data}`, unwrapped to `data` checked by `schema`. */
function envelope<S extends z.ZodType>(schema: S) {
  return z
    .object({ success: z.literal(true), data: z.unknown() })
    .transform((body) => body.data)
    .pipe(schema);
}

const transactionId = z.string().trim().min(1).max(255);
const createInput = z.object({
  transactionId,
  asset: z.enum(PAYMENT_ASSETS),
  /** 0.01 … 999,999.99 USD, in cents. */
  amountUsdCents: z.bigint().min(1n).max(99_999_999n),
  /** https; plain http only to loopback for a gateway on loopback (checked per client, below). */
  postbackUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
});
const listInput = z
  .object({
    page: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(100).optional(),
    status: z.enum(PAYMENT_STATUSES).optional(),
    asset: z.enum(PAYMENT_ASSETS).optional(),
  })
  .default({});
const walletId = z.number().int().positive();

export type GatewayApiOptions = Pick<HttpClientOptions, 'fetch' | 'sleep' | 'timeoutMs' | 'maxAttempts'> & {
  /** The merchant's gateway base URL (without `/api`). */
  baseUrl: string;
  apiKey: string;
};

/** Creates the gateway client for one merchant account. */
export function createGatewayApi(options: GatewayApiOptions) {
  const { apiKey, ...httpOptions } = options;
  const http = createHttpClient({
    service: 'gateway',
    readError: readGatewayError,
    headers: () => ({ 'X-API-Key': apiKey }),
    ...httpOptions,
  });

  async function data<S extends z.ZodType>(
    req: Omit<Parameters<typeof http.request>[0], 'schema'>,
    schema: S,
  ): Promise<z.output<S>> {
    return http.request({ ...req, schema: envelope(schema) });
  }

  const paymentPath = (id: string) =>
    `/api/payment/${encodeURIComponent(parseInput('gateway', transactionId, id))}`;
  /** The status path's readings, the documented one first; the one that answered is tried first next time. */
  const statusPaths = [
    (id: string) => `${paymentPath(id)}/status`,
    (id: string) => `/api/payment/status/${encodeURIComponent(parseInput('gateway', transactionId, id))}`,
    (id: string) => `/payment/status/${encodeURIComponent(parseInput('gateway', transactionId, id))}`,
  ];
  let statusPathFirst = 0;

  /**
   * The contract writes the status path as `/api/payment/{id}/status` and, in its authentication
   * example, `/payment/status/{id}`. Each reading is tried in turn while the gateway answers a 404
   * that is not its documented PAYMENT_NOT_FOUND; when none answers, the payment is not found.
   */
  async function paymentStatus(id: string) {
    const order = [statusPathFirst, ...statusPaths.keys()].filter((i, at, all) => all.indexOf(i) === at);
    let lastMiss: unknown;
    for (const index of order) {
      try {
        const payment = await data({ path: statusPaths[index]!(id) }, paymentSchema);
        statusPathFirst = index;
        return payment;
      } catch (error) {
        if (!(error instanceof ServiceError) || error.status !== 404 || error.code === 'PAYMENT_NOT_FOUND')
          throw error;
        lastMiss = error;
      }
    }
    throw new ServiceError({
      service: 'gateway',
      status: 404,
      code: 'PAYMENT_NOT_FOUND',
      message: lastMiss instanceof Error ? lastMiss.message : 'HTTP 404',
    });
  }

  // The postback rule depends on where this gateway is (amounts.ts): the same verdict as the form's.
  const createInputForThisGateway = createInput.refine(
    (input) => input.postbackUrl === undefined || checkPostbackUrl(input.postbackUrl, options.baseUrl).ok,
    { path: ['postbackUrl'], message: 'https, or http to loopback for a gateway on loopback' },
  );

  return {
    /**
     * `POST /api/payment/create`. Not repeated automatically: `transaction_id` is unique, so a repeat of
     * a request that did go through would be refused, and the caller should read the status instead.
     */
    createPayment: async (input: z.input<typeof createInput>) => {
      const checked = parseInput('gateway', createInputForThisGateway, input);
      const body = {
        transaction_id: checked.transactionId,
        asset: checked.asset,
        amount_usd: formatUsd(checked.amountUsdCents, { minDecimals: 2 }),
        ...(checked.postbackUrl ? { postback_url: checked.postbackUrl } : {}),
      };
      return data({ method: 'POST', path: '/api/payment/create', body }, createdPaymentSchema);
    },
    /** `GET /api/payment/{transactionId}/status` (or the other documented spelling of the path). */
    paymentStatus,
    /** `GET /api/payments` with optional page, limit, status and asset filters. */
    listPayments: async (filters?: z.input<typeof listInput>) =>
      data({ path: '/api/payments', query: parseInput('gateway', listInput, filters) }, paymentListSchema),
    /** `GET /api/payments/unprocessed`: payments the gateway could not match automatically. */
    unprocessedPayments: async () => data({ path: '/api/payments/unprocessed' }, paymentRowsSchema),
    /** `POST /api/payment/{transactionId}/resend-postback` (completed payments only). */
    resendPostback: async (id: string) =>
      data({ method: 'POST', path: `${paymentPath(id)}/resend-postback` }, resendPostbackSchema),
    /** `GET /api/partner/wallets`. */
    wallets: async () => data({ path: '/api/partner/wallets' }, walletRowsSchema),
    /** `POST /api/partner/wallets`: adds a receiving address (checksum-verified first). */
    addWallet: async (address: string) =>
      data(
        {
          method: 'POST',
          path: '/api/partner/wallets',
          body: { address: parseInput('gateway', tronAddress, address) },
        },
        partnerWalletSchema,
      ),
    /** `PUT /api/partner/wallets/{walletId}`: activates or deactivates a wallet (safe to repeat). */
    updateWallet: async (id: number, change: { isActive: boolean }) =>
      data(
        {
          method: 'PUT',
          path: `/api/partner/wallets/${parseInput('gateway', walletId, id)}`,
          body: { is_active: parseInput('gateway', z.boolean(), change.isActive) },
          idempotent: true,
        },
        partnerWalletSchema,
      ),
    /** `GET /api/partner/info`. */
    partnerInfo: async () => data({ path: '/api/partner/info' }, partnerInfoSchema),
  };
}

export type GatewayApi = ReturnType<typeof createGatewayApi>;
