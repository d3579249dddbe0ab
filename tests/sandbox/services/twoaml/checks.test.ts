import { beforeEach, describe, expect, it } from 'vitest';
import { AML, openTwoAmlSandbox, screeningTarget, seededTwoAml, useTwoAmlSandbox } from './testing/harness';
import {
  amlHistoryRowSchema,
  checkHistoryRowSchema,
  checkResultSchema,
  createdCheckSchema,
  creditHistoryRowSchema,
  errorEnvelopeSchema,
  expectContract,
  pageSchema,
} from './testing/contract-schemas';

const sandbox = useTwoAmlSandbox();
let alice: string;
beforeEach(async () => {
  alice = await sandbox.login('alice@example.com', 'alice-pass-1');
});

const seeded = () => seededTwoAml(sandbox.world);

function runCheck(token: string, body: Record<string, unknown>) {
  return sandbox.call('POST', `${AML}/checks`, { token, body: { targetNetwork: 'tron', ...body } });
}

async function credits(token: string): Promise<number> {
  return (await sandbox.call('GET', `${AML}/wallet/summary`, { token })).body.amlCreditsBalance;
}

async function walletTrx(token: string): Promise<string> {
  return (await sandbox.call('GET', `${AML}/wallet/summary`, { token })).body.availableBalanceTrx;
}

describe('run a check', () => {
  it('answers the documented example request with a completed result paid by a credit', async () => {
    const target = screeningTarget(sandbox.world, 'example');
    const response = await runCheck(alice, {
      targetWallet: target,
      targetNetwork: 'tron',
      billingMode: 'auto',
      reportLanguage: 'en',
      idempotencyKey: 'aml-check-0001',
    });
    expect(response.status).toBe(201);
    const check = expectContract(createdCheckSchema, response.body);
    expect(check).toMatchObject({
      targetWallet: target,
      targetNetwork: 'tron',
      status: 'completed',
      billingMode: 'credit_pack',
      servedFromCache: false,
      consumedCreditCount: 1,
      chargedAmountTrx: null,
      remainingAmlCredits: 4,
      walletAvailableBalanceTrx: '100.000000',
    });
    expect(check.amlScore).toEqual(expect.any(Number));
    expect(['low', 'medium', 'high', 'critical']).toContain(check.riskLevel);
    expect(check.isFlagged).toBe(check.amlScore! >= 65);
    expect(check.checkedAt).not.toBeNull();
    expect(check.downloads).toEqual({
      jsonUrl: `/external/aml-wallet-check/checks/${check.checkId}`,
      reportUrl: `/external/aml-wallet-check/checks/${check.checkId}/report`,
      summaryReportUrl: `/external/aml-wallet-check/checks/${check.checkId}/report-summary`,
      reportLanguage: 'en',
    });
    const ledger = sandbox.world.ledger.entries().filter((entry) => entry.service === '2aml-aml');
    expect(ledger).toEqual([
      expect.objectContaining({ kind: 'charge', amount: '1', unit: 'credits', account: 'alice@example.com' }),
    ]);
  });

  it('gives the same score for the same address on every start', async () => {
    const target = screeningTarget(sandbox.world, 'stable');
    const first = (await runCheck(alice, { targetWallet: target })).body;
    const other = await openTwoAmlSandbox();
    try {
      const token = await other.login('alice@example.com', 'alice-pass-1');
      const second = (
        await other.call('POST', `${AML}/checks`, {
          token,
          body: { targetWallet: target, targetNetwork: 'tron' },
        })
      ).body;
      expect(second).toMatchObject({
        amlScore: first.amlScore,
        riskLevel: first.riskLevel,
        isFlagged: first.isFlagged,
      });
    } finally {
      await other.close();
    }
  });

  it('scores the seeded known-bad addresses high, with their tags', async () => {
    const knownBad = seeded().knownBadAddresses as { address: string; amlScore: number; tags: string[] }[];
    expect(knownBad.length).toBeGreaterThanOrEqual(5);
    for (const bad of knownBad.slice(0, 2)) {
      const check = (await runCheck(alice, { targetWallet: bad.address })).body;
      expect(check).toMatchObject({ status: 'completed', amlScore: bad.amlScore, isFlagged: true });
      expect(['high', 'critical']).toContain(check.riskLevel);
      const result = (await sandbox.call('GET', `${AML}/checks/${check.checkId}`, { token: alice })).body;
      expect(result.signals.tags).toEqual(bad.tags);
    }
  });

  it('flags an address on the USDT blacklist', async () => {
    const target = screeningTarget(sandbox.world, 'blacklisted');
    sandbox.world.chain.setBlacklisted(target, true);
    const check = (await runCheck(alice, { targetWallet: target })).body;
    expect(check.amlScore).toBeGreaterThanOrEqual(90);
    expect(check.isFlagged).toBe(true);
    const result = (await sandbox.call('GET', `${AML}/checks/${check.checkId}`, { token: alice })).body;
    expect(result.signals.tags).toContain('usdt-blacklisted');
  });

  it('screens Ethereum and BSC addresses too', async () => {
    const response = await runCheck(alice, {
      targetWallet: '0x52908400098527886E0F7030069857D2E4169EE7',
      targetNetwork: 'ethereum',
    });
    expect(response.status).toBe(201);
    expect(response.body.targetNetwork).toBe('ethereum');
  });

  it('refuses invalid requests: language, network, address, body', async () => {
    const target = screeningTarget(sandbox.world, 'invalid');
    const cases: [Record<string, unknown>, string][] = [
      [
        { targetWallet: target, reportLanguage: 'de' },
        'reportLanguage must be one of en, fa, ru, zh, ur, tr, ar, ps.',
      ],
      [{ targetWallet: target, targetNetwork: 'dogecoin' }, 'AML wallet check request is invalid.'],
      [{ targetWallet: 'T-not-an-address' }, 'targetWallet is not a valid address for targetNetwork.'],
      [{ targetWallet: target, billingMode: 'card' }, 'AML wallet check request is invalid.'],
      [{ targetNetwork: 'tron' }, 'AML wallet check request is invalid.'],
    ];
    for (const [body, message] of cases) {
      const response = await runCheck(alice, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(expectContract(errorEnvelopeSchema, response.body)).toMatchObject({
        path: '/external/aml-wallet-check/checks',
        error: { message },
      });
    }
    expect(await credits(alice)).toBe(5);
  });

  it('answers 503 during an outage without charging', async () => {
    await sandbox.call('POST', '/__sandbox/2aml/availability', {
      body: { namespace: 'aml-wallet-check', unavailable: true },
    });
    const response = await runCheck(alice, { targetWallet: screeningTarget(sandbox.world, 'outage') });
    expect(response.status).toBe(503);
    expect(expectContract(errorEnvelopeSchema, response.body).error.message).toBe(
      'AML wallet check service is temporarily unavailable.',
    );
    expect(await credits(alice)).toBe(5);
  });
});

describe('billing modes', () => {
  it('auto uses the wallet once credits run out', async () => {
    const bob = await sandbox.loginBob();
    const response = await runCheck(bob, {
      targetWallet: screeningTarget(sandbox.world, 'bob'),
      billingMode: 'auto',
    });
    expect(expectContract(createdCheckSchema, response.body)).toMatchObject({
      billingMode: 'wallet_balance',
      consumedCreditCount: 0,
      chargedAmountTrx: '8.000000',
      remainingAmlCredits: 0,
      walletAvailableBalanceTrx: '17.000000',
    });
    const history = await sandbox.call('GET', `${AML}/wallet/history`, { token: bob });
    const row = expectContract(pageSchema(amlHistoryRowSchema), history.body).data[0];
    expect(row).toMatchObject({
      type: 'aml_check_charge',
      direction: 'debit',
      amountTrx: '8.00000000',
      txHash: null,
    });
    expect(row?.checkRequestId).toEqual(expect.any(Number));
  });

  it('wallet_balance charges the per-check fee even when credits are available', async () => {
    const response = await runCheck(alice, {
      targetWallet: screeningTarget(sandbox.world, 'wallet'),
      billingMode: 'wallet_balance',
    });
    expect(response.body).toMatchObject({
      billingMode: 'wallet_balance',
      chargedAmountTrx: '8.000000',
      remainingAmlCredits: 5,
    });
    expect(await walletTrx(alice)).toBe('92.000000');
    expect(sandbox.world.ledger.entries().at(-1)).toMatchObject({
      kind: 'charge',
      amount: '8.000000',
      unit: 'TRX',
    });
  });

  it('credit_pack without credits is refused', async () => {
    const bob = await sandbox.loginBob();
    const response = await runCheck(bob, {
      targetWallet: screeningTarget(sandbox.world, 'nocredit'),
      billingMode: 'credit_pack',
    });
    expect(response.status).toBe(400);
    expect(expectContract(errorEnvelopeSchema, response.body).error.message).toBe(
      'No AML credits are available for this check.',
    );
    expect(await walletTrx(bob)).toBe('25.000000');
  });

  it('refuses when neither credits nor wallet cover the check', async () => {
    const broke = await sandbox.register('broke@example.com');
    for (const billingMode of ['auto', 'wallet_balance']) {
      const response = await runCheck(broke, {
        targetWallet: screeningTarget(sandbox.world, 'broke'),
        billingMode,
      });
      expect(response.status).toBe(400);
      expectContract(errorEnvelopeSchema, response.body);
    }
  });

  it('answers 403 for a billing mode that is switched off', async () => {
    const target = screeningTarget(sandbox.world, 'disabled');
    await sandbox.call('POST', '/__sandbox/2aml/billing', { body: { walletBalanceBillingEnabled: false } });
    const wallet = await runCheck(alice, { targetWallet: target, billingMode: 'wallet_balance' });
    expect(wallet.status).toBe(403);
    expect(expectContract(errorEnvelopeSchema, wallet.body).error.message).toBe(
      'Wallet-balance billing is currently unavailable.',
    );

    await sandbox.call('POST', '/__sandbox/2aml/billing', { body: { creditPackBillingEnabled: false } });
    expect((await runCheck(alice, { targetWallet: target, billingMode: 'credit_pack' })).status).toBe(403);
    expect((await runCheck(alice, { targetWallet: target, billingMode: 'auto' })).status).toBe(403);

    // With credit packs off, auto pays from the wallet even though alice has credits.
    await sandbox.call('POST', '/__sandbox/2aml/billing', { body: { walletBalanceBillingEnabled: true } });
    const auto = await runCheck(alice, { targetWallet: target, billingMode: 'auto' });
    expect(auto.body).toMatchObject({ billingMode: 'wallet_balance', remainingAmlCredits: 5 });
  });
});

describe('cache', () => {
  it('serves a recent result of the same target to anyone without a charge, for an hour', async () => {
    const target = screeningTarget(sandbox.world, 'cached');
    const first = expectContract(createdCheckSchema, (await runCheck(alice, { targetWallet: target })).body);
    const bob = await sandbox.loginBob();
    sandbox.advance(59 * 60);
    const cached = expectContract(
      createdCheckSchema,
      (await runCheck(bob, { targetWallet: target, reportLanguage: 'ru' })).body,
    );
    expect(cached).toMatchObject({
      checkId: first.checkId,
      servedFromCache: true,
      billingMode: 'free',
      consumedCreditCount: 0,
      chargedAmountTrx: null,
      amlScore: first.amlScore,
      checkedAt: first.checkedAt,
      walletAvailableBalanceTrx: '25.000000',
    });
    expect(cached.downloads.reportLanguage).toBe('ru');
    // Bob may now read the shared result.
    expect((await sandbox.call('GET', `${AML}/checks/${first.checkId}`, { token: bob })).status).toBe(200);

    sandbox.advance(2 * 60);
    const fresh = (await runCheck(bob, { targetWallet: target })).body;
    expect(fresh).toMatchObject({ servedFromCache: false, billingMode: 'wallet_balance' });
    expect(fresh.checkId).not.toBe(first.checkId);
  });
});

describe('slow, failed and expired checks', () => {
  it('returns processing first for some addresses, then completes on the clock', async () => {
    const target = seeded().slowCheckAddress as string;
    const created = expectContract(
      createdCheckSchema,
      (await runCheck(alice, { targetWallet: target })).body,
    );
    expect(created).toMatchObject({
      status: 'processing',
      amlScore: null,
      riskLevel: null,
      isFlagged: null,
      checkedAt: null,
    });
    expect(created.remainingAmlCredits).toBe(4);

    const polled = await sandbox.call('GET', `${AML}/checks/${created.checkId}`, { token: alice });
    expect(expectContract(checkResultSchema, polled.body)).toMatchObject({
      status: 'processing',
      signals: null,
    });
    const list = await sandbox.call('GET', `${AML}/checks`, { token: alice });
    expect(list.body.data[0]).toMatchObject({
      status: 'processing',
      downloadsReady: false,
      completedAt: null,
    });

    sandbox.advance(15);
    const done = expectContract(
      checkResultSchema,
      (await sandbox.call('GET', `${AML}/checks/${created.checkId}`, { token: alice })).body,
    );
    expect(done.status).toBe('completed');
    expect(done.amlScore).toEqual(expect.any(Number));
    expect(done.completedAt).not.toBeNull();
  });

  it('restores the credit of a check that fails', async () => {
    const target = screeningTarget(sandbox.world, 'failing');
    await sandbox.call('POST', '/__sandbox/2aml/aml/outcome', {
      body: { targetWallet: target, outcome: 'failed' },
    });
    const created = (await runCheck(alice, { targetWallet: target })).body;
    expect(created.status).toBe('processing');
    expect(await credits(alice)).toBe(4);
    sandbox.advance(15);
    const result = (await sandbox.call('GET', `${AML}/checks/${created.checkId}`, { token: alice })).body;
    expect(result).toMatchObject({ status: 'failed', amlScore: null, signals: null });
    expect(await credits(alice)).toBe(5);
    const restore = await sandbox.call('GET', `${AML}/credits/history?type=restore`, { token: alice });
    expect(expectContract(pageSchema(creditHistoryRowSchema), restore.body).data[0]).toMatchObject({
      type: 'restore',
      credits: 1,
      checkRequestId: result.requestId,
    });
    expect(sandbox.world.ledger.entries().at(-1)).toMatchObject({
      kind: 'refund',
      unit: 'credits',
      amount: '1',
    });
  });

  it('refunds the wallet when a check expires', async () => {
    const target = screeningTarget(sandbox.world, 'expiring');
    await sandbox.call('POST', '/__sandbox/2aml/aml/outcome', {
      body: { targetWallet: target, outcome: 'expired' },
    });
    const created = (await runCheck(alice, { targetWallet: target, billingMode: 'wallet_balance' })).body;
    expect(await walletTrx(alice)).toBe('92.000000');
    sandbox.advance(9 * 60);
    expect(
      (await sandbox.call('GET', `${AML}/checks/${created.checkId}`, { token: alice })).body.status,
    ).toBe('processing');
    sandbox.advance(60);
    expect(
      (await sandbox.call('GET', `${AML}/checks/${created.checkId}`, { token: alice })).body.status,
    ).toBe('expired');
    expect(await walletTrx(alice)).toBe('100.000000');
    const history = (await sandbox.call('GET', `${AML}/wallet/history`, { token: alice })).body.data;
    expect(history.map((row: { type: string }) => row.type)).toEqual(['aml_refund', 'aml_check_charge']);
    const report = await sandbox.call('GET', `${AML}/checks/${created.checkId}/report`, { token: alice });
    expect(report.status).toBe(409);
  });
});

describe('history and results', () => {
  it('lists requests newest first and pages them', async () => {
    const targets = [screeningTarget(sandbox.world, 'list-a'), screeningTarget(sandbox.world, 'list-b')];
    for (const targetWallet of targets) await runCheck(alice, { targetWallet });
    const response = await sandbox.call('GET', `${AML}/checks?page=1&limit=20`, { token: alice });
    const page = expectContract(pageSchema(checkHistoryRowSchema), response.body);
    expect(page.total).toBe(2);
    expect(page.data.map((row) => row.targetWallet)).toEqual([...targets].reverse());
    expect(page.data[0]).toMatchObject({
      status: 'completed',
      downloadsReady: true,
      billingMode: 'credit_pack',
    });
    const second = await sandbox.call('GET', `${AML}/checks?page=2&limit=1`, { token: alice });
    expect(second.body.data[0].targetWallet).toBe(targets[0]);
  });

  it('returns the canonical JSON result with on-chain signals', async () => {
    const target = screeningTarget(sandbox.world, 'signals');
    const payer = sandbox.world.chain.keypair('signals-payer');
    sandbox.world.chain.mint(payer.address, { trxSun: 2_000_000_000n });
    await sandbox.world.chain.sendTrx(payer.privateKey, target, 1_520_000_000n);
    await sandbox.mine();

    const created = (await runCheck(alice, { targetWallet: target })).body;
    const response = await sandbox.call('GET', `${AML}/checks/${created.checkId}`, { token: alice });
    expect(response.status).toBe(200);
    const result = expectContract(checkResultSchema, response.body);
    expect(result).toMatchObject({
      checkId: created.checkId,
      targetWallet: target,
      status: 'completed',
      billingMode: 'credit_pack',
      servedFromCache: false,
      consumedCreditCount: 1,
      chargedAmountTrx: null,
      amlScore: created.amlScore,
    });
    expect(result.signals).toMatchObject({ balance: '1520.000000', transactions: 1, uniqueInteractors: 1 });
    expect(result.signals!.lastActivity).not.toBeNull();
  });

  it("answers 404 for another customer's check and unknown ids", async () => {
    const created = (await runCheck(alice, { targetWallet: screeningTarget(sandbox.world, 'private') })).body;
    const stranger = await sandbox.register('stranger@example.com');
    for (const [path, token] of [
      [`/checks/${created.checkId}`, stranger],
      [`/checks/${created.checkId}/report`, stranger],
      [`/checks/${created.checkId}/report-summary`, stranger],
      ['/checks/9999', alice],
      ['/checks/abc', alice],
    ] as const) {
      const response = await sandbox.call('GET', `${AML}${path}`, { token });
      expect(response.status, path).toBe(404);
      expect(expectContract(errorEnvelopeSchema, response.body).error.message).toBe(
        'Wallet check not found.',
      );
    }
    expect((await sandbox.call('GET', `${AML}/checks`, { token: stranger })).body.total).toBe(0);
  });
});

describe('idempotency', () => {
  it('returns the same request for a retried key without charging twice', async () => {
    const body = { targetWallet: screeningTarget(sandbox.world, 'retry'), idempotencyKey: 'aml-check-retry' };
    const first = (await runCheck(alice, body)).body;
    const retry = await runCheck(alice, body);
    expect(retry.status).toBe(200);
    expect(retry.body.checkId).toBe(first.checkId);
    expect(await credits(alice)).toBe(4);
    const list = (await sandbox.call('GET', `${AML}/checks`, { token: alice })).body;
    expect(list.total).toBe(1);
  });

  it('answers 409 to an overlapping duplicate', async () => {
    await sandbox.call('POST', '/__sandbox/2aml/latency', { body: { createMs: 150 } });
    const body = {
      targetWallet: screeningTarget(sandbox.world, 'overlap'),
      idempotencyKey: 'aml-check-overlap',
    };
    const responses = await Promise.all([runCheck(alice, body), runCheck(alice, body)]);
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    const conflict = responses.find((response) => response.status === 409)!;
    expectContract(errorEnvelopeSchema, conflict.body);
    expect(await credits(alice)).toBe(4);
  });
});
