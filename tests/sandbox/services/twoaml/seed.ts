/** The seeded 2aml identities (same on every start) and what `world.seeded['2aml']` tells testers about them. */
import { createHash } from 'node:crypto';
import { Secret } from 'otpauth';
import { createUser } from './accounts';
import { nowMs, type TwoAml } from './context';
import { grantCredits } from './credits';
import { ENERGY_POOL_KEY } from './energy-orders';
import { formatTrx } from './money';
import { SLOW_CHECK_KEY, knownBadAddresses } from './risk';
import { DAY_MS } from './time';
import type { UserRecord } from './state';

/** Key name of an address nobody funds: energy orders to it fail because it is never activated. */
export const NEVER_ACTIVATED_KEY = '2aml-never-activated-receiver';

function seedDigest(label: string): Buffer {
  return createHash('sha256').update(`2aml-seed:${label}`).digest();
}

/** Bob's authenticator secret: fixed, so a tester can add it to a real authenticator app once. */
function seededTotpSecret(): string {
  return new Secret({ buffer: new Uint8Array(seedDigest('bob-totp').subarray(0, 20)).buffer }).base32;
}

function seededRecoveryCodes(): string[] {
  return Array.from({ length: 8 }, (_, index) => {
    const hex = seedDigest(`bob-recovery-${index}`).toString('hex').slice(0, 8).toUpperCase();
    return `${hex.slice(0, 4)}-${hex.slice(4)}`;
  });
}

function verify(ctx: TwoAml, user: UserRecord, daysAgo: number): void {
  user.emailVerifiedAt = nowMs(ctx) - daysAgo * DAY_MS;
}

function describeUser(user: UserRecord, password: string, extra: Record<string, unknown>) {
  return {
    userId: user.id,
    email: user.email,
    password,
    verified: user.emailVerifiedAt !== null,
    referralCode: user.referralCode,
    depositAddress: user.depositAddress,
    walletTrx: formatTrx(user.availableSun),
    ...extra,
  };
}

/** TRX the energy pool stakes for ENERGY: at 10 energy per staked TRX, room for about 10^10 energy of orders. */
const ENERGY_POOL_STAKE_SUN = 1_000_000_000n * 1_000_000n;
/** Liquid TRX of the pool, so it exists on chain and can pay bandwidth for its delegations. */
const ENERGY_POOL_TRX_SUN = 10_000n * 1_000_000n;

/** Chain-side seeding, done once in the factory (the chain's own reset keeps it). */
export function seedTwoAmlChain(ctx: TwoAml): void {
  const pool = ctx.world.chain.keypair(ENERGY_POOL_KEY).address;
  ctx.world.chain.mint(pool, { trxSun: ENERGY_POOL_TRX_SUN });
  ctx.world.chain.stake(pool, 'ENERGY', ENERGY_POOL_STAKE_SUN);
}

/** Creates alice, bob and carol in the (empty) store and publishes them in `world.seeded['2aml']`. */
export function seedTwoAml(ctx: TwoAml): void {
  const { world } = ctx;
  const bob = createUser(ctx, { email: 'bob@example.com', password: 'bob-pass-1', referredByUserId: null });
  const alice = createUser(ctx, {
    email: 'alice@example.com',
    password: 'alice-pass-1',
    referredByUserId: bob.id,
  });
  const carol = createUser(ctx, {
    email: 'carol@example.com',
    password: 'carol-pass-1',
    referredByUserId: null,
  });

  verify(ctx, alice, 30);
  alice.availableSun = 100_000_000n;
  grantCredits(ctx, alice, { source: 'bonus', credits: 5, planCode: null, amountSun: 0n });

  verify(ctx, bob, 60);
  bob.availableSun = 25_000_000n;
  bob.twoFactor = {
    secretBase32: seededTotpSecret(),
    enabledAt: nowMs(ctx) - 45 * DAY_MS,
    recoveryCodes: seededRecoveryCodes(),
  };

  const origin = world.origin;
  world.seeded['2aml'] = {
    baseUrls: {
      tronEnergy: `${origin}/2aml/external/tron-energy`,
      amlWalletCheck: `${origin}/2aml/external/aml-wallet-check`,
    },
    users: {
      alice: describeUser(alice, 'alice-pass-1', {
        twoFactor: null,
        amlCredits: 5,
        referredBy: bob.email,
        note: 'verified, no 2FA, referred (10% credit-pack discount)',
      }),
      bob: describeUser(bob, 'bob-pass-1', {
        twoFactor: {
          secretBase32: bob.twoFactor.secretBase32,
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          recoveryCodes: [...bob.twoFactor.recoveryCodes],
        },
        amlCredits: 0,
        note: 'verified, 2FA on; current code: GET /__sandbox/totp?email=bob@example.com',
      }),
      carol: describeUser(carol, 'carol-pass-1', {
        twoFactor: null,
        amlCredits: 0,
        note: 'not verified: login answers email_verification_required; the token is in the outbox',
      }),
    },
    knownBadAddresses: knownBadAddresses(world.chain),
    slowCheckAddress: world.chain.keypair(SLOW_CHECK_KEY).address,
    energyPoolAddress: world.chain.keypair(ENERGY_POOL_KEY).address,
    neverActivatedReceiver: world.chain.keypair(NEVER_ACTIVATED_KEY).address,
    control: {
      totp: 'GET /__sandbox/totp?email= (also GET /__sandbox/2aml/totp?email=)',
      expireSessions: 'POST /__sandbox/2aml/sessions/expire {email}',
      energyOutcome: "POST /__sandbox/2aml/energy/outcome {receiver, outcome: 'failed'|'refunded'|null}",
      checkOutcome:
        "POST /__sandbox/2aml/aml/outcome {targetWallet, targetNetwork?, outcome: 'failed'|'expired'|null}",
      availability:
        "POST /__sandbox/2aml/availability {namespace: 'tron-energy'|'aml-wallet-check', unavailable}",
      billing: 'POST /__sandbox/2aml/billing {walletBalanceBillingEnabled?, creditPackBillingEnabled?}',
      latency: 'POST /__sandbox/2aml/latency {createMs}',
      rateLimit: 'POST /__sandbox/2aml/rate-limit {limit, windowSeconds}',
    },
  };
}
