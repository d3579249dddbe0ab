/**
 * The 2aml client: Rent TRON Energy (seeds/000) and Wallet AML Check (seeds/003), two namespaces of
 * one backend sharing one account and one bearer token. A 401 on either ends the session for both
 * (`onUnauthorized`), except a login refused for bad credentials, which says nothing about it.
 */
import type { z } from 'zod';
import { createHttpClient, ServiceError, type HttpClientOptions, type RequestOptions } from '../http';
import { pagingInput, parseInput, type PagingInput } from '../api/input';
import { resolveTwoAmlUrl } from './download-urls';
import {
  registerInput,
  loginInput,
  twoFactorInput,
  verifyRequestInput,
  verifyConfirmInput,
  reconcileInput,
  quoteInput,
  orderInput,
  creditHistoryInput,
  purchaseInput,
  checkInput,
  checkId,
  energyOrderId,
} from './inputs';
import {
  authenticatedSchema,
  loginResponseSchema,
  registerResponseSchema,
  twoAmlUserSchema,
  verifyEmailConfirmResponseSchema,
  verifyEmailRequestResponseSchema,
} from './account-schemas';
import {
  checkHistorySchema,
  checkResultSchema,
  createdCheckSchema,
  creditCatalogSchema,
  creditHistorySchema,
  creditPurchaseSchema,
  creditSummarySchema,
} from '../aml/api-schemas';
import { energyOrderSchema, energyOrdersSchema, energyQuoteSchema } from '../energy/twoaml-order-schemas';
import { readTwoAmlError } from './errors';
import {
  amlReconcileSchema,
  amlWalletHistorySchema,
  amlWalletSummarySchema,
  depositInstructionsSchema,
  energyReconcileSchema,
  energyWalletHistorySchema,
  energyWalletSummarySchema,
  topupsSchema,
} from './wallet-schemas';

export const ENERGY_NAMESPACE = '/external/tron-energy';
export const AML_NAMESPACE = '/external/aml-wallet-check';

export interface TwoAmlApiOptions extends Pick<
  HttpClientOptions,
  'fetch' | 'sleep' | 'timeoutMs' | 'maxAttempts'
> {
  /** The backend origin (`https://back.2aml.com`, or the sandbox's `<origin>/2aml`). */
  baseUrl: string;
  /** The session's bearer token, read on every protected call. */
  getToken: () => string | undefined;
  /** The opted-in device fingerprint; `x-fingerprint` is sent only when this returns one. */
  getFingerprint?: () => string | undefined;
  /** Called once per 401 that means the session is gone (both namespaces). */
  onUnauthorized?: () => void;
}

/** How a call is sent: with the bearer token (protected endpoints) and/or the attribution header. */
interface CallOptions {
  auth: boolean;
  fingerprint?: boolean;
}

/** Creates the 2aml client over one backend origin. */
export function createTwoAmlApi(options: TwoAmlApiOptions) {
  const http = createHttpClient({
    service: '2aml',
    baseUrl: options.baseUrl,
    readError: readTwoAmlError,
    fetch: options.fetch,
    sleep: options.sleep,
    timeoutMs: options.timeoutMs,
    maxAttempts: options.maxAttempts,
  });

  function headersFor(call: CallOptions): Record<string, string> {
    const headers: Record<string, string> = {};
    if (call.auth) {
      const token = options.getToken();
      if (!token) {
        // Nothing to send and no session to end: fail before the network, as the server would.
        throw new ServiceError({
          service: '2aml',
          status: 401,
          code: 'unauthorized',
          message: 'Not signed in',
        });
      }
      headers.Authorization = `Bearer ${token}`;
    }
    const fingerprint = call.fingerprint ? options.getFingerprint?.()?.trim() : undefined;
    if (fingerprint) headers['x-fingerprint'] = fingerprint;
    return headers;
  }

  /** Runs a call and reports a lost session; a refused login is not one. */
  async function guarded<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ServiceError && error.status === 401 && error.code !== 'invalid_credentials') {
        options.onUnauthorized?.();
      }
      throw error;
    }
  }

  async function call<S extends z.ZodType>(how: CallOptions, req: RequestOptions<S>): Promise<z.output<S>> {
    const headers = { ...req.headers, ...headersFor(how) };
    return guarded(() => http.request({ ...req, headers }));
  }

  async function download(path: string): Promise<Blob> {
    const headers = headersFor({ auth: true });
    return guarded(() => http.download({ path, headers }));
  }

  /** Register, sign in and the profile: the same account model on either namespace. */
  function accountEndpoints(ns: string) {
    return {
      /** `POST /auth/register`: creates the account and its first session. */
      register: async (input: z.input<typeof registerInput>) =>
        call(
          { auth: false, fingerprint: true },
          {
            method: 'POST',
            path: `${ns}/auth/register`,
            body: parseInput('2aml', registerInput, input),
            schema: registerResponseSchema,
          },
        ),
      /** `POST /auth/login`: branch on `status` of the answer. */
      login: async (input: z.input<typeof loginInput>) =>
        call(
          { auth: false, fingerprint: true },
          {
            method: 'POST',
            path: `${ns}/auth/login`,
            body: parseInput('2aml', loginInput, input),
            schema: loginResponseSchema,
          },
        ),
      /** `POST /auth/login/2fa` (send the same fingerprint as the login did). */
      completeTwoFactor: async (input: z.input<typeof twoFactorInput>) =>
        call(
          { auth: false, fingerprint: true },
          {
            method: 'POST',
            path: `${ns}/auth/login/2fa`,
            body: parseInput('2aml', twoFactorInput, input),
            schema: authenticatedSchema,
          },
        ),
      /** `POST /auth/verify-email/request`. */
      requestEmailVerification: async (input: z.input<typeof verifyRequestInput>) =>
        call(
          { auth: false },
          {
            method: 'POST',
            path: `${ns}/auth/verify-email/request`,
            body: parseInput('2aml', verifyRequestInput, input),
            schema: verifyEmailRequestResponseSchema,
          },
        ),
      /** `POST /auth/verify-email/confirm`; `sessionsRevoked` in the answer means sign in again. */
      confirmEmailVerification: async (input: z.input<typeof verifyConfirmInput>) =>
        call(
          { auth: false },
          {
            method: 'POST',
            path: `${ns}/auth/verify-email/confirm`,
            body: parseInput('2aml', verifyConfirmInput, input),
            schema: verifyEmailConfirmResponseSchema,
          },
        ),
      /** `GET /auth/profile`. */
      profile: async () => call({ auth: true }, { path: `${ns}/auth/profile`, schema: twoAmlUserSchema }),
    };
  }

  /** The wallet endpoints; the summary, history and reconcile shapes differ per namespace. */
  function walletEndpoints<Summary extends z.ZodType, History extends z.ZodType, Reconcile extends z.ZodType>(
    ns: string,
    schemas: { summary: Summary; history: History; reconcile: Reconcile },
  ) {
    return {
      /** `GET /wallet/summary`. */
      summary: async () => call({ auth: true }, { path: `${ns}/wallet/summary`, schema: schemas.summary }),
      /** `GET /wallet/deposit-instructions`: where to send TRX to top up. */
      depositInstructions: async () =>
        call(
          { auth: true },
          { path: `${ns}/wallet/deposit-instructions`, schema: depositInstructionsSchema },
        ),
      /** `GET /wallet/history`. */
      history: async (paging?: PagingInput) =>
        call(
          { auth: true },
          {
            path: `${ns}/wallet/history`,
            query: parseInput('2aml', pagingInput, paging),
            schema: schemas.history,
          },
        ),
      /** `GET /wallet/topups`, newest first. */
      topups: async (paging?: PagingInput) =>
        call(
          { auth: true },
          {
            path: `${ns}/wallet/topups`,
            query: parseInput('2aml', pagingInput, paging),
            schema: topupsSchema,
          },
        ),
      /** `POST /wallet/topups/reconcile`; safe to repeat: a transfer is credited once, by its hash. */
      reconcileTopup: async (input: z.input<typeof reconcileInput>) =>
        call(
          { auth: true },
          {
            method: 'POST',
            path: `${ns}/wallet/topups/reconcile`,
            body: parseInput('2aml', reconcileInput, input),
            idempotent: true,
            schema: schemas.reconcile,
          },
        ),
    };
  }

  const energy = {
    ...accountEndpoints(ENERGY_NAMESPACE),
    wallet: walletEndpoints(ENERGY_NAMESPACE, {
      summary: energyWalletSummarySchema,
      history: energyWalletHistorySchema,
      reconcile: energyReconcileSchema,
    }),
    /** `GET /quote` (public: no token sent). */
    quote: async (input: z.input<typeof quoteInput>) =>
      call(
        { auth: false },
        {
          path: `${ENERGY_NAMESPACE}/quote`,
          query: parseInput('2aml', quoteInput, input),
          schema: energyQuoteSchema,
        },
      ),
    /** `POST /orders`, billed from the wallet; repeat with the same `idempotencyKey`, never a new one. */
    createOrder: async (input: z.input<typeof orderInput>) => {
      const body = parseInput('2aml', orderInput, input);
      return call(
        { auth: true, fingerprint: true },
        {
          method: 'POST',
          path: `${ENERGY_NAMESPACE}/orders`,
          body,
          idempotencyKey: body.idempotencyKey,
          schema: energyOrderSchema,
        },
      );
    },
    /** `GET /orders`, newest update first. */
    listOrders: async (paging?: PagingInput) =>
      call(
        { auth: true },
        {
          path: `${ENERGY_NAMESPACE}/orders`,
          query: parseInput('2aml', pagingInput, paging),
          schema: energyOrdersSchema,
        },
      ),
    /** `GET /orders/:energyOrderId`: poll until a terminal status. */
    getOrder: async (id: string) =>
      call(
        { auth: true },
        {
          path: `${ENERGY_NAMESPACE}/orders/${encodeURIComponent(parseInput('2aml', energyOrderId, id))}`,
          schema: energyOrderSchema,
        },
      ),
  };

  const checkPath = (id: number) => `${AML_NAMESPACE}/checks/${parseInput('2aml', checkId, id)}`;

  const aml = {
    ...accountEndpoints(AML_NAMESPACE),
    wallet: walletEndpoints(AML_NAMESPACE, {
      summary: amlWalletSummarySchema,
      history: amlWalletHistorySchema,
      reconcile: amlReconcileSchema,
    }),
    /** `GET /credits/catalog`. */
    creditCatalog: async () =>
      call({ auth: true }, { path: `${AML_NAMESPACE}/credits/catalog`, schema: creditCatalogSchema }),
    /** `GET /credits/summary`. */
    creditSummary: async () =>
      call({ auth: true }, { path: `${AML_NAMESPACE}/credits/summary`, schema: creditSummarySchema }),
    /** `GET /credits/history`, optionally of one `type`. */
    creditHistory: async (input?: z.input<typeof creditHistoryInput>) =>
      call(
        { auth: true },
        {
          path: `${AML_NAMESPACE}/credits/history`,
          query: parseInput('2aml', creditHistoryInput, input),
          schema: creditHistorySchema,
        },
      ),
    /** `POST /credits/purchases` from the wallet balance; repeat with the same `idempotencyKey`. */
    purchaseCredits: async (input: z.input<typeof purchaseInput>) => {
      const body = parseInput('2aml', purchaseInput, input);
      return call(
        { auth: true },
        {
          method: 'POST',
          path: `${AML_NAMESPACE}/credits/purchases`,
          body,
          idempotencyKey: body.idempotencyKey,
          schema: creditPurchaseSchema,
        },
      );
    },
    /** `POST /checks`: runs a paid screening; repeat with the same `idempotencyKey`. */
    createCheck: async (input: z.input<typeof checkInput>) => {
      const body = parseInput('2aml', checkInput, input);
      return call(
        { auth: true, fingerprint: true },
        {
          method: 'POST',
          path: `${AML_NAMESPACE}/checks`,
          body,
          idempotencyKey: body.idempotencyKey,
          schema: createdCheckSchema,
        },
      );
    },
    /** `GET /checks`: request history, newest first. */
    listChecks: async (paging?: PagingInput) =>
      call(
        { auth: true },
        {
          path: `${AML_NAMESPACE}/checks`,
          query: parseInput('2aml', pagingInput, paging),
          schema: checkHistorySchema,
        },
      ),
    /** `GET /checks/:checkId`: the canonical JSON result. */
    getCheck: async (id: number) => call({ auth: true }, { path: checkPath(id), schema: checkResultSchema }),
    /** `GET /checks/:checkId/report`: the full PDF. */
    downloadReport: async (id: number) => download(`${checkPath(id)}/report`),
    /** `GET /checks/:checkId/report-summary`: the summary PDF. */
    downloadSummaryReport: async (id: number) => download(`${checkPath(id)}/report-summary`),
  };

  return {
    energy,
    aml,
    /** The absolute URL of a documented `downloads.*Url` (relative to the backend origin). */
    resolveDownloadUrl: (url: string) => resolveTwoAmlUrl(options.baseUrl, url).url,
    /** Fetches a `downloads.*Url` with the session token; refuses links that leave the backend. */
    downloadFrom: async (url: string) => download(resolveTwoAmlUrl(options.baseUrl, url).path),
  };
}

export type TwoAmlApi = ReturnType<typeof createTwoAmlApi>;

export { resolveTwoAmlUrl } from './download-urls';
