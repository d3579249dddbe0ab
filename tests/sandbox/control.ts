import { Hono } from 'hono';
import { z } from 'zod';
import { isAddress, toBase58Address } from './chain/address';
import type { BlockTicker } from './core/block-ticker';
import type { SandboxWorld } from './core/create-world';
import { formatDecimalUnits, parseDecimalUnits } from './core/decimal';
import { faultRuleSchema, type FaultInjector } from './core/faults';
import { jsonResponse } from './core/json';
import type { SandboxService } from './world';

interface ControlDeps {
  world: SandboxWorld;
  services: SandboxService[];
  faults: FaultInjector;
  ticker: BlockTicker;
}

const TRX_DECIMALS = 6;
const USDT_DECIMALS = 6;

const address = z.string().refine(isAddress, 'not a TRON address');
const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal string such as "12.5"');

const faucetSchema = z
  .object({ address, trx: decimal.optional(), usdt: decimal.optional() })
  .refine((f) => f.trx !== undefined || f.usdt !== undefined, 'give trx, usdt or both');
const clockSchema = z.object({
  advanceSeconds: z
    .number()
    .min(0)
    .max(10 * 365 * 86_400),
});
const mineSchema = z.object({ blocks: z.number().int().min(1).max(1_000).default(1) });
const configSchema = z.object({ blockIntervalMs: z.number().int().min(50).max(3_600_000) });
const releaseSchema = z.object({ path: z.string().startsWith('/').optional() });
const blacklistSchema = z.object({ address, blacklisted: z.boolean().default(true) });

/** `/__sandbox/*`: reset, identities, faucet, outbox, TOTP, clock, blocks, config, faults, ledger. */
export function createControlRoutes({ world, services, faults, ticker }: ControlDeps): Hono {
  const app = new Hono();
  type Parsed<T> = { ok: true; data: T } | { ok: false; error: string };
  const body = async <T extends z.ZodType>(
    c: { req: { text(): Promise<string> } },
    schema: T,
  ): Promise<Parsed<z.output<T>>> => {
    const text = await c.req.text();
    let json: unknown = {};
    try {
      json = text.trim() ? JSON.parse(text) : {};
    } catch {
      return { ok: false, error: 'body is not JSON' };
    }
    const parsed = schema.safeParse(json);
    return parsed.success
      ? { ok: true, data: parsed.data }
      : {
          ok: false,
          error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        };
  };
  const invalid = (message: string) => jsonResponse({ error: 'invalid_request', message }, { status: 400 });
  const clockState = () => ({
    nowMs: world.clock.now(),
    now: new Date(world.clock.now()).toISOString(),
    offsetMs: world.clock.offsetMs(),
    blockNumber: world.chain.blockNumber(),
  });

  app.post('/reset', (c) => {
    world.chain.reset();
    world.ledger.clear();
    world.outbox.clear();
    faults.clear();
    faults.forgetRequests();
    const failures: string[] = [];
    for (const service of services) {
      try {
        service.reset();
      } catch (error) {
        failures.push(`${service.prefix}: ${(error as Error).message}`);
      }
    }
    if (failures.length) return jsonResponse({ error: 'reset_failed', failures }, { status: 500 });
    return c.json({ ok: true, blockNumber: world.chain.blockNumber() });
  });

  app.get('/accounts', () => jsonResponse(world.seeded, { bigintAsString: true }));

  app.post('/faucet', async (c) => {
    const parsed = await body(c, faucetSchema);
    if (!parsed.ok) return invalid(parsed.error);
    const { address: target, trx, usdt } = parsed.data;
    let amounts: { trxSun?: bigint; usdt?: bigint };
    try {
      amounts = {
        trxSun: trx === undefined ? undefined : parseDecimalUnits(trx, TRX_DECIMALS),
        usdt: usdt === undefined ? undefined : parseDecimalUnits(usdt, USDT_DECIMALS),
      };
    } catch (error) {
      return invalid((error as Error).message);
    }
    world.chain.mint(target, amounts);
    return c.json({
      address: toBase58Address(target),
      activated: world.chain.isActivated(target),
      trx: formatDecimalUnits(world.chain.trxBalance(target), TRX_DECIMALS),
      usdt: formatDecimalUnits(world.chain.usdtBalance(target), USDT_DECIMALS),
    });
  });

  app.post('/blacklist', async (c) => {
    const parsed = await body(c, blacklistSchema);
    if (!parsed.ok) return invalid(parsed.error);
    world.chain.setBlacklisted(parsed.data.address, parsed.data.blacklisted);
    return c.json({
      address: toBase58Address(parsed.data.address),
      blacklisted: world.chain.isBlacklisted(parsed.data.address),
    });
  });

  app.get('/outbox', (c) => {
    const to = c.req.query('to')?.toLowerCase();
    const messages = world.outbox.messages().filter((m) => !to || m.to.toLowerCase() === to);
    return c.json({ messages });
  });

  app.get('/totp', (c) => {
    const email = c.req.query('email');
    if (!email) return invalid('email is required');
    for (const service of services) {
      const code = service.totpCode?.(email);
      if (code) return c.json({ email, code, service: service.prefix });
    }
    return c.json({ error: 'not_found', message: `no 2FA secret is known for ${email}` }, 404);
  });

  app.get('/clock', (c) => c.json(clockState()));
  app.post('/clock', async (c) => {
    const parsed = await body(c, clockSchema);
    if (!parsed.ok) return invalid(parsed.error);
    world.clock.advance(parsed.data.advanceSeconds);
    world.chain.produceBlock();
    world.clock.fireDue();
    return c.json(clockState());
  });

  app.post('/mine', async (c) => {
    const parsed = await body(c, mineSchema);
    if (!parsed.ok) return invalid(parsed.error);
    for (let i = 0; i < parsed.data.blocks; i++) world.chain.produceBlock();
    world.clock.fireDue();
    return c.json({ blockNumber: world.chain.blockNumber() });
  });

  app.get('/config', (c) => c.json({ blockIntervalMs: ticker.intervalMs() }));
  app.post('/config', async (c) => {
    const parsed = await body(c, configSchema);
    if (!parsed.ok) return invalid(parsed.error);
    ticker.setIntervalMs(parsed.data.blockIntervalMs);
    return c.json({ blockIntervalMs: ticker.intervalMs() });
  });

  app.get('/faults', (c) => c.json({ faults: faults.list() }));
  app.post('/faults', async (c) => {
    const parsed = await body(c, faultRuleSchema);
    if (!parsed.ok) return invalid(parsed.error);
    faults.add(parsed.data);
    return c.json({ faults: faults.list() });
  });
  app.post('/faults/release', async (c) => {
    const parsed = await body(c, releaseSchema);
    if (!parsed.ok) return invalid(parsed.error);
    return c.json({ released: faults.release(parsed.data.path) });
  });
  /** The requests seen since the last reset: `?path=` (a prefix) and `?method=` narrow them. */
  app.get('/requests', (c) => {
    const path = c.req.query('path');
    const method = c.req.query('method')?.toUpperCase();
    const requests = faults
      .requests()
      .filter((r) => (!path || r.path.startsWith(path)) && (!method || r.method === method));
    return c.json({ requests });
  });
  app.delete('/faults', (c) => {
    faults.clear();
    return c.json({ faults: [] });
  });

  app.get('/ledger', (c) => c.json({ entries: world.ledger.entries() }));

  // Each service's own control routes, at /__sandbox<prefix>/… (see SandboxService in world.ts).
  for (const service of services) {
    if (service.control) app.route(service.prefix, service.control);
  }
  return app;
}
