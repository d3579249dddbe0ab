import type { Context, Hono } from 'hono';
import { jsonResponse, parseJsonKeepingBigIntegers } from '../core/json';
import { ParamError } from './transaction-json';

export type NodeParams = Record<string, unknown>;

/** What a node handler gets: merged query and body parameters, and the address form to answer in. */
export interface NodeRequest {
  params: NodeParams;
  visible: boolean;
}

/** A boolean parameter, as JSON (`true`) or from a query string (`"true"`). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Query parameters and a JSON body, merged (the body wins), as java-tron's servlets accept both. */
async function readParams(c: Context): Promise<NodeParams> {
  const params: NodeParams = { ...c.req.query() };
  if (c.req.method !== 'POST') return params;
  const text = await c.req.text();
  if (!text.trim()) return params;
  let body: unknown;
  try {
    body = parseJsonKeepingBigIntegers(text);
  } catch {
    throw new ParamError("JSONObject text must begin with '{'");
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new ParamError("JSONObject text must begin with '{'");
  return { ...params, ...(body as NodeParams) };
}

/**
 * Registers a node endpoint on every path given, for GET and POST. Handlers return the body; a
 * ParamError becomes the node's `{"Error": …}` answer (HTTP 200, as java-tron).
 */
export function defineEndpoint(routes: Hono, paths: string[], handler: (request: NodeRequest) => unknown) {
  for (const path of paths) {
    routes.on(['GET', 'POST'], path, async (c) => {
      try {
        const params = await readParams(c);
        const body = handler({ params, visible: isTrue(params.visible) });
        return jsonResponse(body, { bigintAsString: isTrue(params.int64_as_string) });
      } catch (error) {
        if (error instanceof ParamError) {
          return jsonResponse({ Error: `class java.lang.IllegalArgumentException : ${error.message}` });
        }
        throw error;
      }
    });
  }
}

/** Both the full node's and the solidity node's path of an endpoint. */
export const bothNodes = (name: string) => [`/wallet/${name}`, `/walletsolidity/${name}`];
