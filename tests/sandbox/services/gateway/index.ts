/**
 * The Tron Payment Gateway in the sandbox (seeds/004): merchants create TRX / USDT-TRC20 payment
 * requests that complete when the sandbox chain shows the exact amount arriving at the wallet.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { SandboxService, World } from '../../world';
import { createMinuteLimiter, REQUESTS_PER_MINUTE } from './access';
import { formatCrypto, TRX_PRICE_MICRO_USD } from './amounts';
import { createPaymentDesk, PAYMENT_TTL_MS, paymentView } from './payments';
import { createPostbackSender, POSTBACK_RETRY_DELAYS_MS } from './postbacks';
import { createGatewayRoutes } from './routes';
import type { GatewayState, Partner, Payment } from './state';
import { gatewayTime } from './time';
import { MAX_WALLETS } from './wallets';
import { addPostbackReceiver } from './receiver';

/** The seeded merchant's two wallets, by `keypair` name; ids 1 and 2. */
const SEEDED_WALLET_NAMES = ['gateway-wallet-1', 'gateway-wallet-2'];

/** A deterministic API key, so the seeded key is the same on every start. */
function apiKey(label: string): string {
  return `pk_${createHash('sha256').update(`sandbox-gateway:${label}`).digest('hex').slice(0, 40)}`;
}

/** The seeded partners (one active with two wallets, one suspended) as after a start or a reset. */
function seededState(world: World, seededAtMs: number): GatewayState {
  const partners: Partner[] = [
    {
      id: 123,
      apiKey: apiKey('merchant'),
      name: 'Sandbox Merchant',
      email: 'merchant@example.com',
      balanceUnits: 1_000_000_000n,
      status: 'active',
      defaultPostbackUrl: null,
    },
    {
      id: 124,
      apiKey: apiKey('suspended'),
      name: 'Suspended Merchant',
      email: 'suspended@example.com',
      balanceUnits: 0n,
      status: 'suspended',
      defaultPostbackUrl: null,
    },
  ];
  const wallets = SEEDED_WALLET_NAMES.map((name, index) => ({
    id: index + 1,
    partnerId: 123,
    address: world.chain.keypair(name).address,
    isActive: true,
    usageCount: 0,
    lastUsedAtMs: null,
    createdAtMs: seededAtMs,
  }));
  return { partners, wallets, lastWalletId: wallets.length, payments: [], timers: new Set() };
}

/** The gateway service with its seeded partner, API key and wallets. */
export function createGatewayService(world: World): SandboxService {
  const seededAtMs = world.clock.now();
  const state = seededState(world, seededAtMs);
  const postbackUrlOf = (payment: Payment) =>
    payment.postbackUrl ?? state.partners.find((p) => p.id === payment.partnerId)?.defaultPostbackUrl ?? null;
  const postbacks = createPostbackSender(world, state, paymentView, postbackUrlOf);
  const payments = createPaymentDesk(world, state, postbacks);
  const limiter = createMinuteLimiter(() => world.clock.now());
  const routes = createGatewayRoutes({ world, state, payments, postbacks, limiter, postbackUrlOf });
  world.chain.onConfirmed((tx) => payments.settle(tx));

  // Every postback attempt of every payment, for tests that assert the retry schedule.
  const control = new Hono();
  control.get('/postbacks', (c) =>
    c.json(
      state.payments.map((payment) => ({
        transaction_id: payment.transactionId,
        delivered: payment.postbackDelivered,
        gave_up: payment.postbackGaveUp,
        attempts: payment.postbacks.map((attempt) => ({
          at: gatewayTime(attempt.atMs),
          url: attempt.url,
          http_status: attempt.httpStatus,
          manual: attempt.manual,
          ...(attempt.error ? { error: attempt.error } : {}),
        })),
      })),
    ),
  );

  const receiver = addPostbackReceiver(control, world);

  const [merchant, suspended] = state.partners;
  world.seeded.gateway = {
    apiKey: merchant?.apiKey,
    partner: { id: merchant?.id, name: merchant?.name, email: merchant?.email },
    // The merchant owns these wallets: their keys let a script move what payments brought in.
    wallets: SEEDED_WALLET_NAMES.map((name, index) => ({ id: index + 1, ...world.chain.keypair(name) })),
    suspendedApiKey: suspended?.apiKey,
    trxPriceUsd: formatCrypto(TRX_PRICE_MICRO_USD).replace(/0+$/, ''),
    paymentTtlMinutes: PAYMENT_TTL_MS / 60_000,
    postbackRetryMinutes: POSTBACK_RETRY_DELAYS_MS.map((ms) => ms / 60_000),
    maxWallets: MAX_WALLETS,
    rateLimitPerMinute: REQUESTS_PER_MINUTE,
    postbackLog: 'GET /__sandbox/gateway/postbacks',
    postbackReceiver: { path: '/__sandbox/gateway/receiver', received: 'GET /__sandbox/gateway/received' },
  };

  return {
    prefix: '/gateway',
    routes,
    control,
    reset() {
      for (const cancel of state.timers) cancel();
      Object.assign(state, seededState(world, seededAtMs));
      limiter.reset();
      receiver.reset();
    },
  };
}
