import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';

/** `POST /__sandbox/faults` body: what the next `times` requests under `path` get instead of (or before) the real answer. */
export const faultRuleSchema = z
  .object({
    path: z.string().startsWith('/'),
    status: z.number().int().min(100).max(599).optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    // Sent raw so malformed JSON can be injected; a JSON value is serialised once.
    body: z.union([z.string(), z.unknown().transform((value) => JSON.stringify(value))]).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    times: z.number().int().min(1).default(1),
    /** Only requests with this method (default: any). */
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
    /**
     * The service really handles the request first (charges included), and only its answer is
     * replaced (`status`/`body`) or stalled: the answer that is lost or unreadable after the fact.
     */
    afterHandler: z.boolean().default(false),
    /** Sends the headers and the first half of the real body, then nothing for this long. */
    stallBodyMs: z.number().int().min(1).max(600_000).optional(),
    /**
     * Holds the request, before anything else of the rule, until `POST /__sandbox/faults/release`
     * (or a reset): a request in flight for exactly as long as a test needs.
     */
    hold: z.boolean().default(false),
  })
  .refine(
    (rule) =>
      rule.status !== undefined || rule.delayMs !== undefined || rule.stallBodyMs !== undefined || rule.hold,
    { message: 'a fault needs a status, a delayMs, a stallBodyMs or a hold' },
  )
  .refine((rule) => rule.stallBodyMs === undefined || rule.afterHandler, {
    message: 'stallBodyMs stalls the real answer: it needs afterHandler',
  });

export type FaultRule = z.output<typeof faultRuleSchema>;

interface ActiveFault extends FaultRule {
  remaining: number;
}

/** A request that reached the sandbox (any service, faulted or not; control calls excepted). */
export interface SeenRequest {
  method: string;
  path: string;
  /** Held by a `hold` rule right now. */
  held: boolean;
}

/** Fault injection for every simulated service: rules, and the middleware that applies them. */
export interface FaultInjector {
  add(rule: FaultRule): void;
  list(): Array<FaultRule & { remaining: number }>;
  /** Drops every rule and lets every held request go on. */
  clear(): void;
  /** Lets the held requests under `path` (all when omitted) go on; returns how many. */
  release(path?: string): number;
  /** The requests seen since the last `forgetRequests`, oldest first. */
  requests(): SeenRequest[];
  forgetRequests(): void;
  middleware: MiddlewareHandler;
}

/** The fault's own answer instead of the service's. */
function replaced(fault: FaultRule): Response {
  const headers = new Headers(fault.headers ?? {});
  if (fault.body !== undefined && !headers.has('content-type'))
    headers.set('content-type', 'application/json');
  return new Response(fault.body ?? null, { status: fault.status, headers });
}

/** `original`'s status and headers at once, half its body, then silence for `ms` before the rest. */
function stalled(original: Response, body: ArrayBuffer, ms: number): Response {
  const bytes = new Uint8Array(body);
  const half = Math.floor(bytes.length / 2);
  const headers = new Headers(original.headers);
  headers.delete('content-length');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.slice(0, half));
      timer = setTimeout(() => {
        try {
          controller.enqueue(bytes.slice(half));
          controller.close();
        } catch {
          // The client gave up and cancelled the body: nothing is left to send.
        }
      }, ms);
    },
    cancel() {
      clearTimeout(timer);
    },
  });
  return new Response(stream, { status: original.status, headers });
}

/** Faults match by path prefix, oldest rule first; each matching request uses up one of its `times`. */
export function createFaultInjector(options: { exempt: (path: string) => boolean }): FaultInjector {
  let faults: ActiveFault[] = [];
  let seen: SeenRequest[] = [];
  const held = new Map<SeenRequest, () => void>();

  function release(path?: string): number {
    let released = 0;
    for (const [request, go] of [...held]) {
      if (path !== undefined && !request.path.startsWith(path)) continue;
      held.delete(request);
      request.held = false;
      go();
      released += 1;
    }
    return released;
  }

  function take(path: string, method: string): ActiveFault | undefined {
    const fault = faults.find(
      (f) => f.remaining > 0 && path.startsWith(f.path) && (!f.method || f.method === method),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    faults = faults.filter((f) => f.remaining > 0);
    return fault;
  }

  const middleware: MiddlewareHandler = async (c, next) => {
    // Preflights stay untouched: a faulted preflight would surface as an opaque CORS error instead.
    if (c.req.method === 'OPTIONS' || options.exempt(c.req.path)) return next();
    const request: SeenRequest = { method: c.req.method, path: c.req.path, held: false };
    seen.push(request);
    const fault = take(c.req.path, c.req.method);
    if (!fault) return next();
    if (fault.hold) {
      request.held = true;
      await new Promise<void>((go) => held.set(request, go));
    }
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.afterHandler) {
      await next();
      if (fault.stallBodyMs) c.res = stalled(c.res, await c.res.arrayBuffer(), fault.stallBodyMs);
      else if (fault.status !== undefined) c.res = replaced(fault);
      return;
    }
    if (fault.status === undefined) return next();
    return replaced(fault);
  };

  return {
    add(rule) {
      faults.push({ ...rule, remaining: rule.times });
    },
    list: () => faults.map((f) => ({ ...f })),
    clear() {
      faults = [];
      release();
    },
    release,
    requests: () => seen.map((r) => ({ ...r })),
    forgetRequests() {
      seen = [];
    },
    middleware,
  };
}
