/**
 * The TronZap client (seeds/002 and the SDK endpoint list in seeds/README.md). Every call is a POST
 * signed with `X-Signature: sha256hex(rawBody + secret)`; the body is serialised once and sent byte
 * for byte, because any re-serialisation would break the signature. Errors arrive with HTTP 200 as
 * `{code, error}`; the numeric code (as a string) is the `ServiceError` code.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { createHttpClient, type ErrorReader, type HttpClientOptions } from '../http';
import { tronAddress } from '../api/common-schemas';
import { parseInput } from '../api/input';
import {
  zapAddressInfoSchema,
  zapBalanceSchema,
  zapCalculationSchema,
  zapEnergyEstimateSchema,
  zapServicesSchema,
  zapTransactionSchema,
} from './tronzap-schemas';

/** seeds/002's codes, plus 20 (transaction not found) and 50 (bandwidth amount) from the public SDKs. */
export const TRONZAP_ERROR_CODES = [
  '1',
  '2',
  '5',
  '6',
  '10',
  '11',
  '12',
  '20',
  '24',
  '25',
  '35',
  '50',
  '500',
] as const;
export type TronZapErrorCode = (typeof TRONZAP_ERROR_CODES)[number];

const errorSchema = z.object({
  code: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String),
  error: z.string().optional(),
  key: z.string().optional(),
});

/** Reads `{code, error}` (HTTP 200 included); code 0 is success. */
export const readTronZapError: ErrorReader = (status, body) => {
  const parsed = errorSchema.safeParse(body);
  if (parsed.success && parsed.data.code !== '0') {
    const { code, error, key } = parsed.data;
    return { code, message: error ?? `TronZap error ${code}`, details: { key } };
  }
  if (status < 400) return null;
  // No envelope: name the documented code the status stands for, so callers still branch on codes.
  if (status === 401 || status === 403) return { code: '1', message: `HTTP ${status}` };
  if (status === 429) return { code: 'rate_limited', message: `HTTP ${status}` };
  if (status >= 500) return { code: '500', message: `HTTP ${status}` };
  return { code: 'http_error', message: `HTTP ${status}` };
};

/** `sha256hex(rawBody + secret)` over UTF-8, as TronZap verifies it. */
export function signTronZapBody(rawBody: string, secret: string): string {
  return bytesToHex(sha256(utf8ToBytes(rawBody + secret)));
}

const externalId = z.string().trim().min(1).max(255);
const hours = z.number().int().positive();
const createInput = z.discriminatedUnion('service', [
  z.object({
    service: z.literal('energy'),
    address: tronAddress,
    amount: z.number().int().positive(),
    durationHours: hours.default(1),
    activateAddress: z.boolean().optional(),
    externalId: externalId.optional(),
  }),
  z.object({
    service: z.literal('bandwidth'),
    address: tronAddress,
    amount: z.number().int().positive(),
    durationHours: hours.default(1),
    externalId: externalId.optional(),
  }),
  z.object({
    service: z.literal('activate_address'),
    address: tronAddress,
    externalId: externalId.optional(),
  }),
]);
const checkInput = z.union([z.object({ id: z.string().min(1) }), z.object({ externalId })]);
const calculateInput = z.object({
  address: tronAddress,
  energy: z.number().int().positive(),
  durationHours: hours.default(1),
});
const estimateInput = z.object({
  fromAddress: tronAddress,
  toAddress: tronAddress,
  contractAddress: tronAddress.optional(),
});

/** The documented request body of `transaction/new` for a checked input. */
function transactionBody(input: z.output<typeof createInput>): Record<string, unknown> {
  const params: Record<string, unknown> = { address: input.address };
  if (input.service !== 'activate_address') {
    params.amount = input.amount;
    // The table calls `energy_amount` deprecated, yet every example still sends it: a server that
    // reads either gets the same value.
    if (input.service === 'energy') params.energy_amount = input.amount;
    params.duration = input.durationHours;
  }
  if (input.service === 'energy' && input.activateAddress) params.activate_address = true;
  return {
    ...(input.externalId ? { external_id: input.externalId } : {}),
    service: input.service,
    params,
  };
}

export type TronZapApiOptions = Pick<HttpClientOptions, 'fetch' | 'sleep' | 'timeoutMs' | 'maxAttempts'> & {
  baseUrl: string;
  /** The API token (sent as a bearer token). */
  token: string;
  /** The API secret: signs bodies, never sent. */
  secret: string;
};

/** Creates the TronZap client for one API token and secret. */
export function createTronZapApi(options: TronZapApiOptions) {
  const { token, secret, ...httpOptions } = options;
  const http = createHttpClient({ service: 'tronzap', readError: readTronZapError, ...httpOptions });

  /** Signs and sends `payload`, returning the validated `result`. */
  async function signedCall<S extends z.ZodType>(
    path: string,
    payload: Record<string, unknown>,
    result: S,
    retry: { idempotent?: boolean; idempotencyKey?: string } = {},
  ): Promise<z.output<S>> {
    const rawBody = JSON.stringify(payload);
    return http.request({
      method: 'POST',
      path,
      rawBody,
      headers: { Authorization: `Bearer ${token}`, 'X-Signature': signTronZapBody(rawBody, secret) },
      schema: z
        .object({ code: z.literal(0), result: z.unknown() })
        .transform((body) => body.result)
        .pipe(result),
      ...retry,
    });
  }

  // Reads have no side effect, so the transport may repeat them after a 429/503 or a lost answer.
  const read = { idempotent: true };

  return {
    /** `POST /v1/services`: tiers on sale (durations, bounds, price per 1,000 units). */
    services: async () => signedCall('/v1/services', {}, zapServicesSchema, read),
    /** `POST /v1/balance`: the prepaid account balance. */
    balance: async () => signedCall('/v1/balance', {}, zapBalanceSchema, read),
    /** `POST /v1/calculate`: the price of `energy` for `durationHours` to `address`. */
    calculate: async (input: z.input<typeof calculateInput>) => {
      const { address, energy, durationHours } = parseInput('tronzap', calculateInput, input);
      return signedCall(
        '/v1/calculate',
        { address, amount: energy, duration: durationHours },
        zapCalculationSchema,
        read,
      );
    },
    /** `POST /v1/estimate-energy`: energy a token transfer needs (USDT when no contract is named). */
    estimateEnergy: async (input: z.input<typeof estimateInput>) => {
      const { fromAddress, toAddress, contractAddress } = parseInput('tronzap', estimateInput, input);
      const payload = {
        from_address: fromAddress,
        to_address: toAddress,
        ...(contractAddress ? { contract_address: contractAddress } : {}),
      };
      return signedCall('/v1/estimate-energy', payload, zapEnergyEstimateSchema, read);
    },
    /**
     * `POST /v1/transaction/new`: buys energy or bandwidth, or activates an address; charged at once.
     * Never repeated by the transport: the docs do not say `external_id` de-duplicates, so a lost
     * answer is settled with `checkTransaction({externalId})`, never by creating again.
     */
    createTransaction: async (input: z.input<typeof createInput>) => {
      const checked = parseInput('tronzap', createInput, input);
      return signedCall('/v1/transaction/new', transactionBody(checked), zapTransactionSchema);
    },
    /** `POST /v1/transaction/check` by TronZap's `id` or our `externalId`. */
    checkTransaction: async (input: z.input<typeof checkInput>) => {
      const checked = parseInput('tronzap', checkInput, input);
      const payload = 'id' in checked ? { id: checked.id } : { external_id: checked.externalId };
      return signedCall('/v1/transaction/check', payload, zapTransactionSchema, read);
    },
    /** `POST /v1/address-info`: available energy/bandwidth and TRX/USDT balances of `address`. */
    addressInfo: async (address: string) => {
      const checked = parseInput('tronzap', tronAddress, address);
      return signedCall('/v1/address-info', { address: checked }, zapAddressInfoSchema, read);
    },
  };
}

export type TronZapApi = ReturnType<typeof createTronZapApi>;
