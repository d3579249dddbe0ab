/** A fetch that answers from a script and records every request exactly as it was sent. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SentRequest {
  url: string;
  method: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The body text byte for byte, or undefined. */
  body?: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
}

export interface ScriptedReply {
  status?: number;
  /** An object is sent as JSON; a string as is; a Uint8Array as bytes. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type Script = (request: SentRequest, index: number) => ScriptedReply | Promise<ScriptedReply>;

/** A fetch answering each request with `script` (or the replies in order) and recording what was asked. */
export function scriptedFetch(script: Script | ScriptedReply[]) {
  const requests: SentRequest[] = [];
  const answer: Script = Array.isArray(script)
    ? (_request, index) => script[index] ?? { status: 500, body: { error: 'script exhausted' } }
    : script;
  const fetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body = typeof init.body === 'string' ? init.body : undefined;
    let json: unknown;
    try {
      json = body === undefined ? undefined : JSON.parse(body);
    } catch {
      json = undefined;
    }
    const request: SentRequest = { url: String(input), method: init.method ?? 'GET', headers, body, json };
    requests.push(request);
    const reply = await answer(request, requests.length - 1);
    const payload =
      reply.body === undefined
        ? ''
        : typeof reply.body === 'string' || reply.body instanceof Uint8Array
          ? reply.body
          : JSON.stringify(reply.body);
    return new Response(payload as BodyInit, { status: reply.status ?? 200, headers: reply.headers });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

/** A documented example body from `tests/fixtures/seeds/<name>.json`. */
export function seed<T = unknown>(name: string): T {
  const path = fileURLToPath(new URL(`../../fixtures/seeds/${name}.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** A sleep that returns at once, so retries in tests take no time. */
export const noSleep = async () => {};
