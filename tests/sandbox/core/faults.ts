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
  })
  .refine((rule) => rule.status !== undefined || rule.delayMs !== undefined, {
    message: 'a fault needs a status, a delayMs, or both',
  });

export type FaultRule = z.output<typeof faultRuleSchema>;

interface ActiveFault extends FaultRule {
  remaining: number;
}

/** Fault injection for every simulated service: rules, and the middleware that applies them. */
export interface FaultInjector {
  add(rule: FaultRule): void;
  list(): Array<FaultRule & { remaining: number }>;
  clear(): void;
  middleware: MiddlewareHandler;
}

/** Faults match by path prefix, oldest rule first; each matching request uses up one of its `times`. */
export function createFaultInjector(options: { exempt: (path: string) => boolean }): FaultInjector {
  let faults: ActiveFault[] = [];

  function take(path: string): ActiveFault | undefined {
    const fault = faults.find((f) => f.remaining > 0 && path.startsWith(f.path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    faults = faults.filter((f) => f.remaining > 0);
    return fault;
  }

  const middleware: MiddlewareHandler = async (c, next) => {
    // Preflights stay untouched: a faulted preflight would surface as an opaque CORS error instead.
    if (c.req.method === 'OPTIONS' || options.exempt(c.req.path)) return next();
    const fault = take(c.req.path);
    if (!fault) return next();
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.status === undefined) return next();
    const headers = new Headers(fault.headers ?? {});
    if (fault.body !== undefined && !headers.has('content-type'))
      headers.set('content-type', 'application/json');
    return new Response(fault.body ?? null, { status: fault.status, headers });
  };

  return {
    add(rule) {
      faults.push({ ...rule, remaining: rule.times });
    },
    list: () => faults.map((f) => ({ ...f })),
    clear() {
      faults = [];
    },
    middleware,
  };
}
