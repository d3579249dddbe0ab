/**
 * The extension's service clients (lib/api) against the running sandbox, over real HTTP: the same
 * requests the background sends, the same answers it must read. Blocks are sealed only when a test
 * asks, so "not yet in a block" is deterministic.
 */
import { TronWeb } from 'tronweb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox } from './server';
import { createTwoAmlApi } from '../../lib/twoaml/api';
import { createTronNrgApi } from '../../lib/energy/tronnrg-client';
import { createTronZapApi } from '../../lib/energy/tronzap-api';
import { createGatewayApi } from '../../lib/payments/gateway-api';
import { createTronNodeApi } from '../../lib/tron/node-api';
import { ServiceError } from '../../lib/http';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
interface Seeded {
  chain: { wallets: Record<string, { address: string; privateKey: string }> };
  '2aml': {
    users: Record<string, { email: string; password: string; depositAddress: string }>;
    knownBadAddresses: { address: string }[];
  };
  tronnrg: { payTo: string };
  tronzap: { accounts: { name: string; token: string; secret: string }[] };
  gateway: { apiKey: string; wallets: { address: string }[]; suspendedApiKey: string };
}

let sandbox: Sandbox;
let seeded: Seeded;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, blockIntervalMs: 3_600_000 });
  seeded = (await (await fetch(`${sandbox.origin}/__sandbox/accounts`)).json()) as Seeded;
});

afterAll(async () => {
  await sandbox?.close();
});

/** Lets sandbox time pass and seals a block, as the services' timers and confirmations need. */
function tick(seconds = 2) {
  sandbox.world.clock.advance(seconds);
  sandbox.world.chain.produceBlock();
}

const wallet = (name: string) => seeded.chain.wallets[name]!;

describe('2aml over HTTP', () => {
  function signedOut() {
    let token: string | undefined;
    const onUnauthorized = vi.fn(() => {
      token = undefined;
    });
    const api = createTwoAmlApi({
      baseUrl: `${sandbox.origin}/2aml`,
      getToken: () => token,
      onUnauthorized,
    });
    return { api, onUnauthorized, setToken: (value: string | undefined) => (token = value) };
  }

  it('signs in, reads both wallets, and buys energy exactly once per idempotency key', async () => {
    const { api, setToken } = signedOut();
    const alice = seeded['2aml'].users.alice!;
    const login = await api.energy.login({ email: alice.email, password: alice.password });
    if (login.status !== 'authenticated') throw new Error(`expected a session, got ${login.status}`);
    setToken(login.accessToken);

    const before = await api.energy.wallet.summary();
    const aml = await api.aml.wallet.summary();
    expect(before.availableBalanceSun).toBe(100_000_000n);
    expect(aml.amlCreditsBalance).toBe(5);
    const deposit = await api.aml.wallet.depositInstructions();
    expect(deposit.depositAddress).toBe(alice.depositAddress);

    const receiver = wallet('tronlink2').address;
    const quote = await api.energy.quote({ receiver, energy: 65_000, period: '1H' });
    const order = {
      orderId: 'ampere-clients-1',
      receiver,
      energy: 65_000,
      period: '1H',
      idempotencyKey: 'ampere-clients-key-1',
    };
    const created = await api.energy.createOrder(order);
    const replayed = await api.energy.createOrder(order);
    expect(replayed.energyOrderId).toBe(created.energyOrderId);
    expect(replayed.idempotencyStatus).toBe('replayed');

    let latest = created;
    for (let i = 0; i < 10 && !['completed', 'refunded', 'failed'].includes(latest.status); i++) {
      tick(3);
      await new Promise((resolve) => setTimeout(resolve, 20));
      latest = await api.energy.getOrder(created.energyOrderId);
    }
    expect(latest.status).toBe('completed');
    const after = await api.energy.wallet.summary();
    // Charged once, at the quoted price.
    expect(before.availableBalanceSun - after.availableBalanceSun).toBe(quote.amountSun);
    const orders = await api.energy.listOrders();
    expect(orders.data.filter((o) => o.orderId === order.orderId)).toHaveLength(1);
  });

  it('completes a two-factor sign-in with the authenticator code', async () => {
    const { api } = signedOut();
    const bob = seeded['2aml'].users.bob!;
    const login = await api.aml.login({ email: bob.email, password: bob.password });
    if (login.status !== 'two_factor_required') throw new Error(`expected 2FA, got ${login.status}`);
    await expect(
      api.aml.completeTwoFactor({ challengeToken: login.loginChallengeToken, code: '000000' }),
    ).rejects.toMatchObject({ code: 'invalid_2fa', status: 400 });
    const totp = (await (await fetch(`${sandbox.origin}/__sandbox/totp?email=${bob.email}`)).json()) as {
      code: string;
    };
    const again = await api.aml.login({ email: bob.email, password: bob.password });
    if (again.status !== 'two_factor_required') throw new Error('expected 2FA');
    const session = await api.aml.completeTwoFactor({
      challengeToken: again.loginChallengeToken,
      code: totp.code,
    });
    expect(session.user.twoFactorEnabled).toBe(true);
  });

  it('tells a refused password from an expired session', async () => {
    const { api, onUnauthorized, setToken } = signedOut();
    const alice = seeded['2aml'].users.alice!;
    await expect(api.energy.login({ email: alice.email, password: 'wrong-password' })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(onUnauthorized).not.toHaveBeenCalled();

    const login = await api.energy.login({ email: alice.email, password: alice.password });
    if (login.status !== 'authenticated') throw new Error('expected a session');
    setToken(login.accessToken);
    await fetch(`${sandbox.origin}/__sandbox/2aml/sessions/expire`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: alice.email }),
    });
    const failure = await api.aml.creditSummary().catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(String((failure as Error).message)).not.toContain(login.accessToken);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('runs a paid check and downloads both PDF reports through the documented links', async () => {
    const { api, setToken } = signedOut();
    const alice = seeded['2aml'].users.alice!;
    const login = await api.aml.login({ email: alice.email, password: alice.password });
    if (login.status !== 'authenticated') throw new Error('expected a session');
    setToken(login.accessToken);

    const target = seeded['2aml'].knownBadAddresses[0]!.address;
    const check = await api.aml.createCheck({
      targetWallet: target,
      targetNetwork: 'tron',
      billingMode: 'credit_pack',
      idempotencyKey: 'ampere-clients-check-1',
    });
    expect(check).toMatchObject({ status: 'completed', isFlagged: true, billingMode: 'credit_pack' });
    const result = await api.aml.getCheck(check.checkId!);
    expect(result.signals?.tags).toContain('aml-flagged');

    const full = await api.aml.downloadReport(check.checkId!);
    const summary = await api.downloadFrom(check.downloads!.summaryReportUrl);
    for (const pdf of [full, summary]) {
      expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    }
    await expect(api.aml.getCheck(999_999)).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });

  it("refuses an order the wallet cannot pay for, in 2aml's own words (the docs name no code)", async () => {
    const { api, setToken } = signedOut();
    const bob = seeded['2aml'].users.bob!;
    const totp = (await (await fetch(`${sandbox.origin}/__sandbox/totp?email=${bob.email}`)).json()) as {
      code: string;
    };
    const login = await api.energy.login({ email: bob.email, password: bob.password });
    if (login.status !== 'two_factor_required') throw new Error('expected 2FA');
    setToken(
      (await api.energy.completeTwoFactor({ challengeToken: login.loginChallengeToken, code: totp.code }))
        .accessToken,
    );
    await expect(
      api.energy.createOrder({
        orderId: 'too-big',
        receiver: wallet('tronlink2').address,
        energy: 5_000_000,
        period: '1D',
        idempotencyKey: 'ampere-clients-too-big',
      }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      status: 400,
      message: 'Insufficient wallet balance for this order.',
      advice: { retry: 'never' },
    });
  });
});

describe('TronNRG and the node over HTTP', () => {
  it('claims a paid delegation, refuses a second claim, and the node sees the energy', async () => {
    const nrg = createTronNrgApi({ baseUrl: `${sandbox.origin}/tronnrg` });
    const node = createTronNodeApi({
      baseUrl: `${sandbox.origin}/tron`,
      usdtContract: sandbox.world.chain.usdtContract,
    });
    const payer = wallet('tronlink');
    const receiver = wallet('tronlink2').address;
    const supply = await nrg.supply();
    expect(supply.payTo).toBe(seeded.tronnrg.payTo);
    expect(supply.minPaymentSun).toBe(4_000_000n);

    const startedAt = sandbox.world.clock.now() - 1_000;
    const tronWeb = new TronWeb({ fullHost: `${sandbox.origin}/tron`, privateKey: payer.privateKey });
    const payment = await tronWeb.trx.sendTransaction(supply.payTo, 4_000_000);
    const txid = 'txid' in payment ? payment.txid : '';
    const signature = await tronWeb.trx.signMessageV2(`${txid}:${receiver}`);

    // Broadcast but not in a block: the node says pending and TronNRG cannot verify it yet.
    await expect(node.transactionState(txid)).resolves.toMatchObject({ state: 'pending' });
    await expect(nrg.delegate({ tx_hash: txid, delegate_to: receiver, signature })).rejects.toMatchObject({
      code: 'payment_verification_failed',
      status: 404,
    });

    sandbox.world.chain.produceBlock();
    await expect(node.transactionState(txid)).resolves.toMatchObject({ state: 'confirmed' });
    const energyBefore = (await node.accountResources(receiver)).energyAvailable;
    const receipt = await nrg.delegate({ tx_hash: txid, delegate_to: receiver, signature });
    expect(receipt).toMatchObject({
      status: 'delegated',
      energy: 65_000,
      cost: { trx: '4', sun: 4_000_000n },
    });
    expect(receipt.delegations[0]!.tx).toMatch(/^[0-9a-f]{64}$/);
    await expect(nrg.delegate({ tx_hash: txid, delegate_to: receiver, signature })).rejects.toMatchObject({
      code: 'hash_already_used',
    });

    sandbox.world.chain.produceBlock();
    expect((await node.accountResources(receiver)).energyAvailable - energyBefore).toBe(65_000);
    // A claim whose txid was lost finds its payment again from the chain.
    const found = await node.findTrxPayment({
      from: payer.address,
      to: supply.payTo,
      amountSun: 4_000_000n,
      sinceMs: startedAt,
    });
    expect(found?.txid).toBe(txid);
  });

  it('reads balances, activation, USDT and the blacklist from the node', async () => {
    const node = createTronNodeApi({
      baseUrl: `${sandbox.origin}/tron`,
      usdtContract: sandbox.world.chain.usdtContract,
    });
    const holder = wallet('stranger').address;
    const fresh = wallet('fresh').address;
    expect(await node.account(fresh)).toMatchObject({ activated: false, balanceSun: 0n });
    expect((await node.account(holder)).activated).toBe(true);
    expect(await node.usdtBalance(holder)).toBe(sandbox.world.chain.usdtBalance(holder));
    expect((await node.chainParameters()).energyFeeSun).toBe(100n);

    sandbox.world.chain.setBlacklisted(holder, true);
    const answers = await node.isBlackListed([holder, fresh, holder]);
    expect(answers).toEqual(
      new Map([
        [holder, true],
        [fresh, false],
      ]),
    );
    sandbox.world.chain.setBlacklisted(holder, false);
    await expect(node.isUsdtBlacklisted(holder)).resolves.toBe(false);
  });
});

describe('TronZap over HTTP', () => {
  const zapFor = (name: string, secret?: string) => {
    const account = seeded.tronzap.accounts.find((a) => a.name === name)!;
    return createTronZapApi({
      baseUrl: `${sandbox.origin}/tronzap`,
      token: account.token,
      secret: secret ?? account.secret,
    });
  };

  it('prices, buys and follows an energy order to success with signed requests', async () => {
    const zap = zapFor('main');
    const receiver = wallet('tronlink2').address;
    const balance = await zap.balance();
    const price = await zap.calculate({ address: receiver, energy: 65_000 });
    const created = await zap.createTransaction({
      service: 'energy',
      address: receiver,
      amount: 65_000,
      externalId: 'ampere-clients-zap-1',
    });
    expect(created.amount.sun).toBe(price.total.sun);
    let latest = created;
    for (let i = 0; i < 10 && latest.status !== 'success' && latest.status !== 'failed'; i++) {
      tick(2);
      await new Promise((resolve) => setTimeout(resolve, 20));
      latest = await zap.checkTransaction({ externalId: 'ampere-clients-zap-1' });
    }
    expect(latest.status).toBe('success');
    expect(latest.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await zap.balance()).balance.sun).toBe(balance.balance.sun - created.amount.sun);
  });

  it('reads TronZap error codes from HTTP 200 answers', async () => {
    await expect(zapFor('main', 'not-the-secret').balance()).rejects.toMatchObject({
      code: '1',
      status: 200,
    });
    await expect(zapFor('no-wallet').balance()).rejects.toMatchObject({ code: '5' });
    await expect(
      zapFor('main').createTransaction({ service: 'activate_address', address: wallet('tronlink').address }),
    ).rejects.toMatchObject({ code: '25' });
  });
});

describe('the payment gateway over HTTP', () => {
  it('creates a payment, reads it back and lists it', async () => {
    const gateway = createGatewayApi({ baseUrl: `${sandbox.origin}/gateway`, apiKey: seeded.gateway.apiKey });
    const created = await gateway.createPayment({
      transactionId: 'ampere-order-1',
      asset: 'USDT',
      amountUsdCents: 2_500n,
    });
    expect(created).toMatchObject({ status: 'pending', amountUsdCents: 2_500n, walletAddressVerified: true });
    expect(seeded.gateway.wallets.map((w) => w.address)).toContain(created.wallet_address);
    const status = await gateway.paymentStatus('ampere-order-1');
    expect(status).toMatchObject({ status: 'pending', amount_crypto: created.amount_crypto });
    const history = await gateway.listPayments({ status: 'pending' });
    expect(history.payments.map((p) => p.transaction_id)).toContain('ampere-order-1');
    expect((await gateway.partnerInfo()).wallets_count).toBeGreaterThan(0);
    await expect(gateway.paymentStatus('no-such-order')).rejects.toMatchObject({ code: 'PAYMENT_NOT_FOUND' });
  });

  it('reports a suspended merchant by its documented code', async () => {
    const gateway = createGatewayApi({
      baseUrl: `${sandbox.origin}/gateway`,
      apiKey: seeded.gateway.suspendedApiKey,
    });
    const failure = await gateway.partnerInfo().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ServiceError);
    expect(failure).toMatchObject({ code: 'PARTNER_ERROR', status: 400 });
    expect((failure as Error).message).not.toContain(seeded.gateway.suspendedApiKey);
  });
});
