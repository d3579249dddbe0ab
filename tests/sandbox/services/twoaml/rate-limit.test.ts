import { describe, expect, it } from 'vitest';
import { AML, ENERGY, useTwoAmlSandbox } from './testing/harness';
import { errorEnvelopeSchema, expectContract } from './testing/contract-schemas';

const sandbox = useTwoAmlSandbox();

describe('rate limit', () => {
  it('allows 60 requests per 10 seconds per token across both namespaces, then answers 429 with Retry-After', async () => {
    const token = await sandbox.login('alice@example.com', 'alice-pass-1');
    for (let index = 0; index < 60; index += 1) {
      const base = index % 2 === 0 ? ENERGY : AML;
      const response = await sandbox.call('GET', `${base}/wallet/summary`, { token });
      expect(response.status, `request ${index + 1}`).toBe(200);
    }
    const limited = await sandbox.call('GET', `${AML}/credits/summary`, { token });
    expect(limited.status).toBe(429);
    expect(expectContract(errorEnvelopeSchema, limited.body).error.message).toBe(
      'Too many requests. Please try again shortly.',
    );
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);

    // Another session of the same user has its own budget.
    const other = await sandbox.login('alice@example.com', 'alice-pass-1');
    expect((await sandbox.call('GET', `${ENERGY}/wallet/summary`, { token: other })).status).toBe(200);

    sandbox.advance(retryAfter);
    expect((await sandbox.call('GET', `${ENERGY}/wallet/summary`, { token })).status).toBe(200);
  });

  it('can be tightened through the control API', async () => {
    await sandbox.call('POST', '/__sandbox/2aml/rate-limit', { body: { limit: 2, windowSeconds: 60 } });
    const token = await sandbox.login('alice@example.com', 'alice-pass-1');
    expect((await sandbox.call('GET', `${ENERGY}/auth/profile`, { token })).status).toBe(200);
    expect((await sandbox.call('GET', `${ENERGY}/auth/profile`, { token })).status).toBe(200);
    const limited = await sandbox.call('GET', `${ENERGY}/auth/profile`, { token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(50);
  });
});

describe('reset', () => {
  it('restores the seeded state and drops sessions', async () => {
    const token = await sandbox.login('alice@example.com', 'alice-pass-1');
    await sandbox.call('POST', `${AML}/credits/purchases`, { token, body: { planCode: 'pack_1' } });
    await sandbox.register('temp@example.com');
    await sandbox.reset();
    expect((await sandbox.call('GET', `${AML}/wallet/summary`, { token })).status).toBe(401);
    const fresh = await sandbox.login('alice@example.com', 'alice-pass-1');
    const summary = (await sandbox.call('GET', `${AML}/wallet/summary`, { token: fresh })).body;
    expect(summary).toMatchObject({ availableBalanceTrx: '100.000000', amlCreditsBalance: 5 });
    const login = await sandbox.call('POST', `${ENERGY}/auth/login`, {
      body: { email: 'temp@example.com', password: 'secret123' },
    });
    expect(login.status).toBe(401);
  });
});
