/**
 * The 2aml client core: one backend origin serving two namespaces, Rent TRON Energy (seeds/000) and
 * Wallet AML Check (seeds/003), that share one account and one bearer token. A 401 on either ends
 * the session for both (`onUnauthorized`), except a login refused for bad credentials, which says
 * nothing about it. Each feature builds its own endpoints on this core (lib/aml/api.ts,
 * lib/energy/twoaml-orders-api.ts), so a build bundles only the endpoints a person can use.
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
} from './inputs';
import {
  authenticatedSchema,
  loginResponseSchema,
  registerResponseSchema,
  twoAmlUserSchema,
  verifyEmailConfirmResponseSchema,
  verifyEmailRequestResponseSchema,
} from './account-schemas';
import { readTwoAmlError, TWOAML_ERRORS } from './errors';
import { depositInstructionsSchema, topupsSchema } from './wallet-schemas';

export const ENERGY_NAMESPACE = '/external/tron-energy';
export const AML_NAMESPACE = '/external/aml-wallet-check';

export interface TwoAmlApiOptions extends Pick<
  HttpClientOptions,
  'fetch' | 'sleep' | 'timeoutMs' | 'maxAttempts'
> {
  /** The backend origin (`https://back.2aml.com`, or the sandbox's `<origin>/2aml`). */
  baseUrl: string;
  /** The session's bearer token for `origin` (none when it was issued elsewhere), read on every protected call. */
  getToken: (origin: string) => string | undefined;
  /** The opted-in device fingerprint; `x-fingerprint` is sent only when this returns one. */
  getFingerprint?: () => string | undefined;
  /** Called once per 401 that means the session is gone (both namespaces). */
  onUnauthorized?: () => void;
}

/** How a call is sent: with the bearer token (protected endpoints) and/or the attribution header. */
export interface CallOptions {
  auth: boolean;
  fingerprint?: boolean;
}

/** Creates the 2aml client core over one backend origin. */
export function createTwoAmlClient(options: TwoAmlApiOptions) {
  const http = createHttpClient({
    service: '2aml',
    baseUrl: options.baseUrl,
    readError: readTwoAmlError,
    fetch: options.fetch,
    sleep: options.sleep,
    timeoutMs: options.timeoutMs,
    maxAttempts: options.maxAttempts,
  });

  // The one place a bearer header is made: the token asked for is the one bound to this origin.
  const origin = new URL(options.baseUrl).origin;

  function headersFor(call: CallOptions): Record<string, string> {
    const headers: Record<string, string> = {};
    if (call.auth) {
      const token = options.getToken(origin);
      if (!token) {
        // Nothing to send (or not to this host) and no session to end: fail before the network.
        throw new ServiceError({
          service: '2aml',
          status: 401,
          code: 'unauthorized',
          message: 'Not signed in',
          advice: TWOAML_ERRORS.unauthorized,
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

  return {
    /** The origin every call of this client goes to. */
    origin,
    call,
    download,
    accountEndpoints,
    walletEndpoints,
    /** The absolute URL of a documented `downloads.*Url` (relative to the backend origin). */
    resolveDownloadUrl: (url: string) => resolveTwoAmlUrl(options.baseUrl, url).url,
    /** Fetches a `downloads.*Url` with the session token; refuses links that leave the backend. */
    downloadFrom: async (url: string) => download(resolveTwoAmlUrl(options.baseUrl, url).path),
  };
}

export type TwoAmlClient = ReturnType<typeof createTwoAmlClient>;
