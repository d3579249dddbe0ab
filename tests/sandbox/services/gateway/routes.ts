/** The Tron Payment Gateway API (seeds/004) under `/api`: `{success: true, data}` or the error envelope. */
import { Hono, type Context } from 'hono';
import type { World } from '../../world';
import { callingPartner, type MinuteLimiter } from './access';
import { formatCrypto } from './amounts';
import { GatewayError, validationError } from './errors';
import { createdPaymentView, paymentView, type PaymentDesk } from './payments';
import type { PostbackSender } from './postbacks';
import { readPaymentListQuery, readPaymentRequest, readWalletActive, readWalletAddress } from './requests';
import type { GatewayState, Partner, Payment } from './state';
import { addWallet, MAX_WALLETS, setWalletActive, walletsOf, walletView } from './wallets';

/** What the routes work with. */
export interface GatewayParts {
  world: World;
  state: GatewayState;
  payments: PaymentDesk;
  postbacks: PostbackSender;
  limiter: MinuteLimiter;
  /** Where a payment's postback goes: its own URL, else the partner's default. */
  postbackUrlOf(payment: Payment): string | null;
}

function ok(c: Context, data: unknown, status: 200 | 201 = 200): Response {
  return c.json({ success: true, data }, status);
}

/** A JSON body (or a form, as the API tester sends); `{}` when empty. */
async function readBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    return c.req.parseBody();
  }
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw validationError({ body: ['The request body is not valid JSON.'] });
  }
}

/** The partner info page. */
function partnerView(state: GatewayState, partner: Partner): Record<string, unknown> {
  const wallets = walletsOf(state, partner);
  return {
    id: partner.id,
    name: partner.name,
    email: partner.email,
    balance: formatCrypto(partner.balanceUnits),
    max_wallets: MAX_WALLETS,
    status: partner.status,
    default_postback_url: partner.defaultPostbackUrl,
    wallets_count: wallets.length,
    active_wallets_count: wallets.filter((w) => w.isActive).length,
  };
}

/** The `/api/*` routes. */
export function createGatewayRoutes(parts: GatewayParts): Hono {
  const { world, state, payments, postbacks, limiter } = parts;
  const routes = new Hono();

  /** The calling partner, counted against its key's rate limit. */
  function partnerOf(c: Context): Partner {
    const partner = callingPartner(c, state);
    limiter.take(partner.apiKey);
    return partner;
  }

  routes.post('/api/payment/create', async (c) => {
    const partner = partnerOf(c);
    const payment = payments.create(partner, readPaymentRequest(await readBody(c)));
    return ok(c, createdPaymentView(payment), 201);
  });

  const status = (c: Context) => {
    const partner = partnerOf(c);
    return ok(c, paymentView(payments.find(partner, c.req.param('transactionId') ?? '')));
  };
  routes.get('/api/payment/:transactionId/status', status);
  // The contract's authentication example writes the status path this way round.
  routes.get('/api/payment/status/:transactionId', status);

  routes.get('/api/payments', (c) => {
    const partner = partnerOf(c);
    const query = readPaymentListQuery(c.req.query());
    const page = payments.list(partner, query);
    // The contract shows no body here: the rows, then paging named after the query, plus Laravel's last_page.
    return ok(c, {
      payments: page.items.map(paymentView),
      page: query.page,
      limit: query.limit,
      total: page.total,
      last_page: Math.max(1, Math.ceil(page.total / query.limit)),
    });
  });

  routes.get('/api/payments/unprocessed', (c) => ok(c, payments.unprocessed(partnerOf(c)).map(paymentView)));

  routes.post('/api/payment/:transactionId/resend-postback', async (c) => {
    const partner = partnerOf(c);
    const payment = payments.find(partner, c.req.param('transactionId'));
    if (payment.status !== 'completed') {
      throw new GatewayError('PAYMENT_NOT_COMPLETED', `Payment is ${payment.status}, not completed.`, {
        status: payment.status,
      });
    }
    const url = parts.postbackUrlOf(payment);
    if (!url)
      throw validationError({ postback_url: ['No postback URL is set for this payment or partner.'] });
    const sent = await postbacks.resend(payment, url);
    const last = payment.postbacks.at(-1);
    return ok(c, {
      postback_sent: sent,
      message: sent
        ? 'Postback sent successfully'
        : `Postback failed: ${last?.httpStatus === null ? (last?.error ?? 'unreachable') : `HTTP ${last?.httpStatus}`}`,
    });
  });

  routes.get('/api/partner/wallets', (c) => ok(c, walletsOf(state, partnerOf(c)).map(walletView)));

  /** Adds the wallet a body (or the query of the GET form) names; answers the documented fields. */
  const added = (c: Context, partner: Partner, body: unknown) => {
    const wallet = addWallet(state, partner, readWalletAddress(body), world.clock.now());
    const { id, address, is_active, created_at } = walletView(wallet);
    return ok(c, { id, address, is_active, created_at }, 201);
  };
  routes.post('/api/partner/wallets', async (c) => {
    const partner = partnerOf(c);
    return added(c, partner, await readBody(c));
  });
  // The documented GET form, for clients that can only follow a link: `?address=T…`.
  routes.get('/api/partner/wallets/add', (c) => added(c, partnerOf(c), { address: c.req.query('address') }));

  routes.put('/api/partner/wallets/:walletId', async (c) => {
    const partner = partnerOf(c);
    const wallet = setWalletActive(
      state,
      partner,
      c.req.param('walletId'),
      readWalletActive(await readBody(c)),
    );
    return ok(c, { id: wallet.id, address: wallet.address, is_active: wallet.isActive });
  });

  routes.get('/api/partner/info', (c) => ok(c, partnerView(state, partnerOf(c))));

  routes.notFound((c) =>
    c.json({ error: 'NOT_FOUND', message: `No route for ${c.req.method} ${c.req.path}.` }, 404),
  );

  routes.onError((error, c) => {
    if (error instanceof GatewayError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(error.body(), error.status);
    }
    console.error('[gateway] unexpected error', error);
    return c.json({ error: 'SERVER_ERROR', message: 'Unexpected internal error.' }, 500);
  });

  return routes;
}
