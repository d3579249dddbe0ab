/** `/quote` and `/orders` of the Rent TRON Energy namespace. */
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { isTronAddress } from './address';
import type { TwoAml, TwoAmlEnv } from './context';
import { createdOrderView, createEnergyOrder, orderView, userOrders } from './energy-orders';
import { MAX_ORDER_ENERGY, MIN_ORDER_ENERGY, energyPriceSun, resolveLease } from './energy-pricing';
import { MESSAGES, TwoAmlError } from './errors';
import { digestOf, runIdempotent } from './idempotency';
import { formatTrx } from './money';
import { fingerprintHeader, pageOf, readJsonBody, readPagination, readQuery } from './request';

const energyAmount = z.number().int().min(MIN_ORDER_ENERGY).max(MAX_ORDER_ENERGY);
const integerText = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

const quoteQuery = z.object({
  receiver: z.string().refine(isTronAddress),
  energy: integerText.pipe(energyAmount),
  period: z.string().max(8).optional(),
  duration: integerText.optional(),
});

const orderBody = z.object({
  orderId: z.string().trim().min(1).max(128),
  receiver: z.string().refine(isTronAddress),
  energy: energyAmount,
  period: z.string().max(8).optional(),
  duration: z.number().int().optional(),
  note: z.string().max(500).nullish(),
  callbackUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullish(),
  idempotencyKey: z.string().trim().min(1).max(128).nullish(),
});

/** The energy routes; `requireSession` guards everything but the public quote. */
export function createEnergyRoutes(
  ctx: TwoAml,
  requireSession: MiddlewareHandler<TwoAmlEnv>,
): Hono<TwoAmlEnv> {
  const routes = new Hono<TwoAmlEnv>();

  routes.get('/quote', (c) => {
    const query = readQuery(c, quoteQuery, MESSAGES.quoteInvalid);
    const lease = resolveLease(query.period, query.duration);
    if (!lease) throw new TwoAmlError(400, MESSAGES.quoteInvalid);
    return c.json({
      receiver: query.receiver,
      energy: query.energy,
      duration: lease.durationDays,
      period: lease.period,
      amountTrx: formatTrx(energyPriceSun(query.energy, lease)),
      currency: 'TRX',
      // During a provider outage quotes still price, but say that ordering is not possible right now.
      orderingAvailable: !ctx.state.controls.unavailable['tron-energy'],
    });
  });

  routes.use('/orders', requireSession);
  routes.use('/orders/*', requireSession);

  routes.post('/orders', async (c) => {
    const body = await readJsonBody(c, orderBody, MESSAGES.orderInvalid);
    const lease = resolveLease(body.period, body.duration);
    if (!lease) throw new TwoAmlError(400, MESSAGES.orderInvalid);
    if (ctx.state.controls.unavailable['tron-energy']) throw new TwoAmlError(503, MESSAGES.energyUnavailable);
    const user = c.get('user');
    const { result, replayed } = await runIdempotent(
      ctx,
      {
        userId: user.id,
        scope: 'energy-order',
        key: body.idempotencyKey,
        digest: digestOf({
          orderId: body.orderId,
          receiver: body.receiver,
          energy: body.energy,
          period: lease.period,
          note: body.note,
          callbackUrl: body.callbackUrl,
        }),
        messages: { busy: MESSAGES.orderIdempotencyBusy, mismatch: MESSAGES.orderIdempotencyMismatch },
      },
      () =>
        createEnergyOrder(ctx, user, {
          orderId: body.orderId,
          receiver: body.receiver,
          energy: body.energy,
          lease,
          note: body.note ?? null,
          callbackUrl: body.callbackUrl ?? null,
          fingerprint: fingerprintHeader(c),
        }),
      (order) => order,
    );
    return c.json(createdOrderView(result, user, replayed ? 'replayed' : 'completed'), replayed ? 200 : 201);
  });

  routes.get('/orders', (c) => {
    const { page, limit } = readPagination(c);
    return c.json(pageOf(userOrders(ctx, c.get('user')).map(orderView), page, limit));
  });

  routes.get('/orders/:energyOrderId', (c) => {
    const order = ctx.state.orders.get(c.req.param('energyOrderId'));
    if (!order || order.userId !== c.get('user').id) throw new TwoAmlError(404, MESSAGES.orderNotFound);
    return c.json(orderView(order));
  });

  return routes;
}
