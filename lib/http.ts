/**
 * The one fetch wrapper every service client uses: timeout, JSON + zod parsing, a typed error that
 * carries the service's own error code, and Retry-After-aware backoff for 429/503.
 *
 * A call is retried automatically only when repeating it cannot do anything twice: GET/HEAD, calls
 * the client marks idempotent, or calls that carry an idempotency key the service deduplicates on.
 */
import { z } from 'zod';

export type ServiceName = '2aml' | 'tronnrg' | 'tronzap' | 'gateway' | 'tron-node';

/** Codes the transport itself produces, beside each service's documented codes. */
export type TransportCode =
  'network' | 'timeout' | 'malformed_response' | 'unexpected_response' | 'http_error';

/**
 * How a feature wants one of its failures shown: the key under `errors.` in locales/en.yml, or no
 * key to show the service's own message; and whether repeating the request can help.
 */
export interface ErrorAdvice {
  key?: string;
  retry: 'never' | 'later' | 'now';
}

export class ServiceError extends Error {
  readonly service: ServiceName;
  /** HTTP status (0 when no response arrived). */
  readonly status: number;
  /** The service's documented code (`hash_already_used`, `6`, `PAYMENT_NOT_FOUND`…) or a transport code. */
  readonly code: string;
  /** Milliseconds the service asked us to wait, from `Retry-After`. */
  readonly retryAfterMs?: number;
  readonly details?: unknown;
  /** The feature's own text and retry advice for this failure (else the kernel catalogue's). */
  readonly advice?: ErrorAdvice;

  constructor(init: {
    service: ServiceName;
    status: number;
    code: string;
    message: string;
    retryAfterMs?: number;
    details?: unknown;
    advice?: ErrorAdvice;
  }) {
    super(init.message);
    this.name = 'ServiceError';
    this.service = init.service;
    this.status = init.status;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
    this.details = init.details;
    this.advice = init.advice;
  }

  /** True for failures where the same request may succeed later (rate limit, outage, transport). */
  get transient(): boolean {
    return (
      this.status === 429 ||
      this.status === 503 ||
      this.status === 502 ||
      this.status === 504 ||
      this.code === 'network' ||
      this.code === 'timeout'
    );
  }
}

/**
 * How a service reports failure inside a response; null when the response is a success. `path` is
 * the request's own path, so a code can follow from the endpoint called.
 */
export type ErrorReader = (
  status: number,
  body: unknown,
  path: string,
) => { code: string; message: string; details?: unknown; advice?: ErrorAdvice } | null;

export interface HttpClientOptions {
  service: ServiceName;
  baseUrl: string;
  readError: ErrorReader;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Longest wait between attempts; a longer Retry-After is returned to the caller instead. */
  maxBackoffMs?: number;
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface RequestOptions<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON unless `rawBody` is given (signed bodies must be sent byte for byte). */
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  schema: S;
  /** Safe to repeat: the service deduplicates it or it has no side effect. */
  idempotent?: boolean;
  idempotencyKey?: string;
  timeoutMs?: number;
}

/** Parses an HTTP `Retry-After` (seconds or a date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Joins a base URL that may carry a path prefix with a request path and query. */
export function buildUrl(baseUrl: string, path: string, query?: RequestOptions<z.ZodType>['query']): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, ''));
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates a client bound to one service's base URL and error envelope. */
export function createHttpClient(options: HttpClientOptions) {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 3;
  const maxBackoffMs = options.maxBackoffMs ?? 8_000;

  /** A failure to send or to read an answer: `timeout` when the deadline passed, else `network`. */
  function transportError(error: unknown, timeoutMs: number): ServiceError {
    const timedOut =
      error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return new ServiceError({
      service: options.service,
      status: 0,
      code: timedOut ? 'timeout' : 'network',
      message: timedOut
        ? `No answer within ${Math.round(timeoutMs / 1000)} s`
        : 'The service could not be reached',
    });
  }

  async function readBody<T>(read: () => Promise<T>, timeoutMs: number): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw transportError(error, timeoutMs);
    }
  }

  async function attempt(req: RequestOptions<z.ZodType>, expect: 'json' | 'blob'): Promise<unknown> {
    const method = req.method ?? 'GET';
    const headers: Record<string, string> = {
      Accept: expect === 'json' ? 'application/json' : '*/*',
      ...(await options.headers?.()),
      ...req.headers,
    };
    let body: string | undefined;
    if (req.rawBody !== undefined) body = req.rawBody;
    else if (req.body !== undefined) body = JSON.stringify(req.body);
    if (body !== undefined) headers['Content-Type'] ??= 'application/json';
    const timeoutMs = req.timeoutMs ?? options.timeoutMs ?? 15_000;
    let response: Response;
    try {
      response = await doFetch(buildUrl(options.baseUrl, req.path, req.query), {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw transportError(error, timeoutMs);
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
    // The timeout also covers the body: a body that stalls past it is a lost answer (transient,
    // outcome unknown), never a refusal, so a paid call keeps its key and is replayed.
    const text =
      expect === 'json' || !response.ok ? await readBody(() => response.text(), timeoutMs) : undefined;
    let parsedBody: unknown = undefined;
    if (text !== undefined && text.length > 0) {
      try {
        parsedBody = JSON.parse(text);
      } catch {
        parsedBody = undefined;
        if (response.ok && expect === 'json') {
          throw new ServiceError({
            service: options.service,
            status: response.status,
            code: 'malformed_response',
            message: 'The service sent a response that is not JSON',
          });
        }
      }
    }
    const reported = options.readError(response.status, parsedBody, req.path);
    if (reported || !response.ok) {
      throw new ServiceError({
        service: options.service,
        status: response.status,
        code: reported?.code ?? 'http_error',
        message: reported?.message ?? `HTTP ${response.status}`,
        details: reported?.details,
        advice: reported?.advice,
        retryAfterMs,
      });
    }
    return expect === 'blob' ? readBody(() => response.blob(), timeoutMs) : parsedBody;
  }

  async function withRetries<T>(req: RequestOptions<z.ZodType>, run: () => Promise<T>): Promise<T> {
    const method = req.method ?? 'GET';
    const repeatable = method === 'GET' || req.idempotent === true || req.idempotencyKey !== undefined;
    for (let tried = 1; ; tried++) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ServiceError) || !error.transient || !repeatable || tried >= maxAttempts)
          throw error;
        const backoff = error.retryAfterMs ?? Math.min(maxBackoffMs, 500 * 2 ** (tried - 1));
        if (backoff > maxBackoffMs) throw error;
        await sleep(backoff + Math.floor(Math.random() * 100));
      }
    }
  }

  return {
    /** Sends a request and returns its body validated by `schema`. */
    async request<S extends z.ZodType>(req: RequestOptions<S>): Promise<z.output<S>> {
      return withRetries(req, async () => {
        const body = await attempt(req, 'json');
        const parsed = req.schema.safeParse(body);
        if (!parsed.success) {
          throw new ServiceError({
            service: options.service,
            status: 200,
            code: 'unexpected_response',
            message: `Unexpected response from ${req.path}: ${z.prettifyError(parsed.error)}`,
          });
        }
        return parsed.data;
      });
    },
    /** Downloads a binary body (PDF reports). */
    async download(req: Omit<RequestOptions<z.ZodType>, 'schema'>): Promise<Blob> {
      return withRetries(
        { ...req, schema: z.unknown() },
        () => attempt({ ...req, schema: z.unknown() }, 'blob') as Promise<Blob>,
      );
    },
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
