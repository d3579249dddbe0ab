/**
 * The 2aml energy wallet in the Energy tab, in Chromium against the sandbox: "Top up with TronLink"
 * raises the wallet by the exact amount once (also with the worker stopped between the payment and
 * reconcile), an amount under the minimum sends nothing, and an order made through the API shows in
 * the order history with its detail.
 */
import { describe, expect } from 'vitest';
import { test as it, useRentalSandbox } from './fixtures';
import { count, type Sandbox } from './helpers/sandbox';
import { AmlTab } from './pages/aml';
import { EnergyTab } from './pages/energy';
import { TwoamlEnergyWallet } from './pages/twoaml-energy';
import type { ExtensionHarness } from './extension';

const ENERGY = '/2aml/external/tron-energy';

/** alice's energy wallet balance and her deposit address, read with her own token from the API. */
async function aliceApi(sandbox: Sandbox) {
  const { alice } = sandbox.accounts['2aml'].users;
  const login = await fetch(`${sandbox.origin}${ENERGY}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: alice.email, password: alice.password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${sandbox.origin}${ENERGY}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as T;
  };
  return {
    /** The available balance in sun, from the documented decimal text. */
    async availableSun(): Promise<bigint> {
      const { availableBalanceTrx } = await call<{ availableBalanceTrx: string }>('/wallet/summary');
      const [whole, fraction = ''] = availableBalanceTrx.split('.');
      return BigInt(whole!) * 1_000_000n + BigInt(fraction.slice(0, 6).padEnd(6, '0'));
    },
    depositAddress: async () =>
      (await call<{ depositAddress: string }>('/wallet/deposit-instructions')).depositAddress,
    call,
  };
}

/** Signs alice in on the AML tab, connects TronLink on the Energy tab and opens the wallet section. */
async function walletReady(harness: ExtensionHarness, sandbox: Sandbox) {
  const aml = await AmlTab.signedIn(harness, sandbox.accounts['2aml'].users.alice);
  await aml.close();
  const energy = await EnergyTab.open(harness);
  await energy.connect();
  const wallet = new TwoamlEnergyWallet(energy);
  await wallet.open();
  return { energy, wallet };
}

useRentalSandbox();

describe('the 2aml energy wallet', () => {
  it('says where to sign in while signed out', async ({ energy }) => {
    const wallet = new TwoamlEnergyWallet(energy);
    await wallet.open();
    await expect
      .poll(() => energy.page.getByTestId('twoaml-energy-signed-out').textContent())
      .toContain('AML tab');
  });

  it('tops up with TronLink: the wallet rises by the exact amount, once', async ({ harness, sandbox }) => {
    const api = await aliceApi(sandbox);
    const before = await api.availableSun();
    const payer = sandbox.accounts.chain.wallets.tronlink.address;
    const deposit = await api.depositAddress();
    const { wallet } = await walletReady(harness, sandbox);

    await wallet.topUp('7.250001');

    expect(await wallet.waitForTopup(['credited', 'failed'])).toBe('credited');
    expect((await api.availableSun()) - before).toBe(7_250_001n);
    expect(count(await sandbox.ledger('2aml-energy'), 'credit')).toBe(1);
    expect(await sandbox.transfersOnChain(payer, deposit)).toBe(1);
  });

  it('credits once when the worker stops between the payment and reconcile', async ({ harness, sandbox }) => {
    const api = await aliceApi(sandbox);
    const before = await api.availableSun();
    const payer = sandbox.accounts.chain.wallets.tronlink.address;
    const deposit = await api.depositAddress();
    // The first reconcile is held long enough for the worker to be stopped while it waits.
    await sandbox.fault({ path: `${ENERGY}/wallet/topups/reconcile`, delayMs: 5_000, times: 1 });
    const { energy, wallet } = await walletReady(harness, sandbox);

    await wallet.topUp('3');
    // Paid and confirmed on the chain; reconcile is in flight when the worker stops.
    // (An earlier test's credited top-up may still be shown until this one appears.)
    await wallet.waitForTopup(['confirmed']);
    await energy.close();
    await harness.stopWorker();

    const reopened = new TwoamlEnergyWallet(await EnergyTab.open(harness));
    await reopened.open();
    expect(await reopened.waitForTopup(['credited', 'failed'], 60_000)).toBe('credited');
    // Long enough for a second credit to show up, were there one.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await api.availableSun()) - before).toBe(3_000_000n);
    expect(count(await sandbox.ledger('2aml-energy'), 'credit')).toBe(1);
    expect(await sandbox.transfersOnChain(payer, deposit)).toBe(1);
  });

  it('refuses an amount under the minimum without asking TronLink', async ({ harness, sandbox }) => {
    const payer = sandbox.accounts.chain.wallets.tronlink.address;
    const deposit = await (await aliceApi(sandbox)).depositAddress();
    const { wallet } = await walletReady(harness, sandbox);
    // An earlier test's top-up may still be shown: no new one may replace it.
    const shownBefore = await wallet.topupState();

    await wallet.topUp('0.5');

    await expect
      .poll(async () => (await wallet.problem()).getAttribute('data-problem'))
      .toBe('amount_below_minimum');
    expect(await wallet.topupState()).toBe(shownBefore);
    expect(await sandbox.transfersOnChain(payer, deposit)).toBe(0);
  });

  it('shows an order made through the API in the order history, with its detail', async ({
    harness,
    sandbox,
  }) => {
    const api = await aliceApi(sandbox);
    const receiver = sandbox.accounts.chain.wallets.tronlink.address;
    const order = await api.call<{ energyOrderId: string }>('/orders', {
      orderId: `e2e-${Date.now()}`,
      receiver,
      energy: 65_000,
      period: '1H',
      idempotencyKey: `e2e-${crypto.randomUUID()}`,
    });
    const { wallet } = await walletReady(harness, sandbox);

    const row = await wallet.order(order.energyOrderId);
    await row.waitFor({ timeout: 20_000 });
    await row.getByRole('button', { name: 'Details' }).click();
    const detail = row.getByTestId('twoaml-energy-order-detail');
    await expect.poll(() => detail.textContent()).toContain(order.energyOrderId);
    expect(await detail.textContent()).toContain('65,000');
  });
});
