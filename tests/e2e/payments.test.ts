/**
 * Merchant payments end to end: the gateway set up in the options (the key never seen again), a USDT
 * payment created in the popup and paid from a seeded wallet on the sandbox chain, completed in the
 * popup and a notification; the same across a stopped worker; a payment left alone that expires;
 * "Resend postback" reaching the sandbox's receiver; the 16th wallet refused. The API key is looked
 * for in every storage area and in the pages after each of these.
 */
import { mkdirSync } from 'node:fs';
import { TronWeb } from 'tronweb';
import { describe, expect } from 'vitest';
import { test } from './fixtures';
import { notificationIds, storageGet } from './helpers/browser';
import { GatewaySetupForm, PaymentsTab, payFromWallet, type SeededGateway } from './pages/payments';
import type { ExtensionHarness } from './extension';
import type { OptionsPage } from './pages/options';

const SHOTS = process.env.AMPERE_SHOTS_DIR ?? 'test-results/payments';
mkdirSync(SHOTS, { recursive: true });

let gateway: SeededGateway;

/** Every value of every storage area and the HTML of every open extension page, as one text. */
async function everythingStored(harness: ExtensionHarness, options: OptionsPage): Promise<string> {
  const worker = await harness.worker();
  const areas = await Promise.all([
    storageGet(worker, 'local', null),
    storageGet(worker, 'session', null),
    worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { sync: { get(k: null): Promise<unknown> } } } }
      ).chrome.storage.sync.get(null),
    ),
  ]);
  const pages = await Promise.all(
    harness.context
      .pages()
      .filter((page) => page.url().startsWith('chrome-extension://'))
      .map((page) => page.content()),
  );
  return JSON.stringify(areas) + pages.join('\n') + (await options.page.content());
}

/** The job id of the watch of `transactionId`, from storage. */
async function watchJobId(harness: ExtensionHarness, transactionId: string): Promise<string> {
  const { jobs } = (await storageGet(await harness.worker(), 'local', 'jobs')) as {
    jobs: Record<string, { kind: string; data: { transactionId: string } }>;
  };
  const found = Object.entries(jobs).find(
    ([, job]) => job.kind === 'payment-watch' && job.data.transactionId === transactionId,
  );
  if (!found) throw new Error(`no watch for ${transactionId}`);
  return found[0];
}

/** The toolbar badge's text. */
async function badgeText(harness: ExtensionHarness): Promise<string> {
  const worker = await harness.worker();
  return worker.evaluate(() =>
    (
      globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
    ).chrome.action.getBadgeText({}),
  );
}

const consoleLines: string[] = [];

/** A fresh valid TRON address (nobody's). */
const newAddress = () => new TronWeb({ fullHost: 'http://127.0.0.1:1' }).utils.accounts.generateAccount();

describe('merchant payments', () => {
  test.beforeAll(async ({ sandbox, harness }) => {
    await sandbox.reset();
    await sandbox.fastBlocks();
    gateway = (await harness.control<{ gateway: SeededGateway }>('GET', 'accounts')).gateway;
    harness.context.on('console', (message) => consoleLines.push(message.text()));
  });
  test.afterAll(async ({ sandbox }) => {
    await sandbox.normalBlocks();
  });

  test('shows no Payments tab until a gateway is set up, then tests the connection', async ({
    harness,
    sandbox,
    options,
  }) => {
    const before = await harness.openExtensionPage('popup.html');
    await before.getByRole('tabpanel').waitFor();
    expect(await before.getByRole('tab', { name: 'Payments' }).count()).toBe(0);

    const setup = new GatewaySetupForm(options.page);
    // http is refused for a real gateway; the sandbox build takes its own sandbox only.
    await setup.form.getByLabel('Gateway address').fill('http://pay.example.com');
    await setup.form.getByText('Use an https:// address.').waitFor();
    await setup.save(`${sandbox.origin}/gateway`, gateway.apiKey);
    expect(await setup.form.getByLabel('API key').inputValue()).toBe('');
    const partner = await setup.testConnection();
    expect(partner).toMatchObject({
      Name: 'Sandbox Merchant',
      'E-mail': 'merchant@example.com',
      Status: 'active',
      Balance: '1000.00000000',
      'Default postback URL': 'none',
      Wallets: '2 active of 2 (at most 15)',
    });
    await options.page.screenshot({ path: `${SHOTS}/options-gateway.png`, fullPage: true });

    await before.getByRole('tab', { name: 'Payments' }).waitFor();
    await before.close();
    expect(await everythingStored(harness, options)).not.toContain(gateway.apiKey);
  });

  test('creates a USDT payment that a seeded wallet pays; the popup and a notification say so', async ({
    harness,
    sandbox,
    options,
  }) => {
    const popup = await PaymentsTab.open(harness);
    for (const width of [380, 300]) {
      for (const scheme of ['light', 'dark'] as const) {
        await popup.page.setViewportSize({ width, height: 600 });
        await popup.page.emulateMedia({ colorScheme: scheme });
        await popup.page.screenshot({ path: `${SHOTS}/empty-${width}-${scheme}.png`, fullPage: true });
      }
    }
    await popup.page.setViewportSize({ width: 380, height: 600 });
    await popup.page.emulateMedia({ colorScheme: 'light' });
    // A readable refusal, and nothing sent.
    await popup.form.locator('input[name="amountUsd"]').fill('1,000');
    await popup.form.getByText('Use digits with a dot for cents').waitFor();
    await popup.form.locator('input[name="amountUsd"]').fill('0.001');
    await popup.form.getByText('USD amounts have at most 2 decimals.').waitFor();

    const id = await popup.create({ asset: 'USDT', amountUsd: '12.34' });
    const request = await popup.request(id);
    expect(request.asset).toBe('USDT');
    expect(request.amount).toMatch(/^12\.34\d{4}00$/);
    expect(TronWeb.isAddress(request.address)).toBe(true);
    const card = popup.card(id);
    expect(await card.locator('svg[data-qr-text]').getAttribute('data-qr-text')).toBe(request.address);
    expect(await card.getByTestId('payment-countdown').innerText()).toMatch(/Expires in (29|30):\d\d/);
    expect(await card.getByTestId('payment-precision-note').innerText()).toContain('the customer sends');
    for (const width of [380, 300]) {
      for (const scheme of ['light', 'dark'] as const) {
        await popup.page.setViewportSize({ width, height: 700 });
        await popup.page.emulateMedia({ colorScheme: scheme });
        await popup.page.screenshot({ path: `${SHOTS}/pending-${width}-${scheme}.png`, fullPage: true });
      }
    }
    await popup.page.emulateMedia({ colorScheme: 'light' });
    await popup.page.setViewportSize({ width: 380, height: 600 });

    const payer = sandbox.accounts.chain.wallets.tronlink;
    const txid = await payFromWallet(sandbox, payer, request.address, 'USDT', request.amount);
    await popup.waitForStatus(id, 'completed');
    const received = popup.card(id).getByTestId('payment-received');
    expect(await received.innerText()).toContain(payer.address);
    expect(await received.getByRole('link').getAttribute('href')).toContain(txid);
    const jobId = await watchJobId(harness, id);
    await expect.poll(() => notificationIds(options.page), { timeout: 10_000 }).toContain(`job:${jobId}`);
    for (const width of [380, 300]) {
      for (const scheme of ['light', 'dark'] as const) {
        await popup.page.setViewportSize({ width, height: 600 });
        await popup.page.emulateMedia({ colorScheme: scheme });
        await popup.page.screenshot({ path: `${SHOTS}/completed-${width}-${scheme}.png`, fullPage: true });
      }
    }

    // The history lists it, and its detail carries the chain block.
    await popup.section('History');
    const row = popup.page.locator(`[data-testid="history-row"][data-transaction-id="${id}"]`);
    await row.getByRole('button', { name: 'Details' }).click();
    const detail = row.getByTestId('payment-detail');
    await detail.waitFor();
    expect(await detail.innerText()).toContain(txid);
    for (const width of [380, 300]) {
      for (const scheme of ['light', 'dark'] as const) {
        await popup.page.setViewportSize({ width, height: 600 });
        await popup.page.emulateMedia({ colorScheme: scheme });
        await popup.page.screenshot({ path: `${SHOTS}/history-${width}-${scheme}.png`, fullPage: true });
      }
    }
    await popup.close();
    expect(await everythingStored(harness, options)).not.toContain(gateway.apiKey);
  });

  test('completes a payment paid while the worker was stopped', async ({ harness, sandbox }) => {
    const popup = await PaymentsTab.open(harness);
    const id = await popup.create({ asset: 'TRX', amountUsd: '2.50' });
    const request = await popup.request(id);
    // The toolbar counts the payment being watched.
    expect(await badgeText(harness)).toBe('1');
    await popup.close();
    await harness.stopWorker();
    await payFromWallet(
      sandbox,
      sandbox.accounts.chain.wallets.tronlink2,
      request.address,
      'TRX',
      request.amount,
    );
    // Opening the popup wakes the worker; the runner resumes the watch from storage.
    const reopened = await PaymentsTab.open(harness);
    await reopened.waitForStatus(id, 'completed');
    await expect.poll(() => badgeText(harness)).toBe('');
    await reopened.close();
  });

  test('sends a postback again to the sandbox receiver from the unprocessed list', async ({
    harness,
    sandbox,
  }) => {
    // A completed payment whose postbacks were all refused is listed as unprocessed. The gateway
    // runs on loopback here, so the form takes the sandbox's plain-http receiver as its postback.
    await harness.control('POST', 'gateway/receiver/status', { status: 500 });
    const form = await PaymentsTab.open(harness);
    await form.form.locator('input[name="transactionId"]').fill('shop-order-77');
    const id = await form.create({
      asset: 'USDT',
      amountUsd: '3.00',
      postbackUrl: `${sandbox.origin}/__sandbox/gateway/receiver`,
    });
    expect(id).toBe('shop-order-77');
    const request = await form.request(id);
    await form.close();
    await payFromWallet(
      sandbox,
      sandbox.accounts.chain.wallets.tronlink,
      request.address,
      'USDT',
      request.amount,
    );
    const attempts = async () =>
      (await harness.control<{ received: unknown[] }>('GET', 'gateway/received')).received.length;
    await expect.poll(attempts, { timeout: 10_000 }).toBe(1);
    for (const [minutes, count] of [
      [1, 2],
      [5, 3],
      [15, 4],
    ] as const) {
      await harness.control('POST', 'clock', { advanceSeconds: minutes * 60 });
      await expect.poll(attempts, { timeout: 10_000 }).toBe(count);
    }
    await harness.control('POST', 'gateway/receiver/status', { status: 200 });

    const popup = await PaymentsTab.open(harness);
    await popup.section('History');
    const row = popup.page.locator(`[data-testid="unprocessed-row"][data-transaction-id="shop-order-77"]`);
    await row.getByRole('button', { name: 'Resend postback' }).click();
    expect(await row.getByTestId('postback-result').innerText()).toBe('Postback sent successfully');
    const { received } = await harness.control<{
      received: { status: number; body: { transaction_id: string } }[];
    }>('GET', 'gateway/received');
    expect(received.at(-1)).toMatchObject({ status: 200, body: { transaction_id: 'shop-order-77' } });
    await popup.close();
  });

  test('says a payment left alone has expired', async ({ harness }) => {
    const popup = await PaymentsTab.open(harness);
    const id = await popup.create({ asset: 'USDT', amountUsd: '9.99' });
    await harness.control('POST', 'clock', { advanceSeconds: 31 * 60 });
    await popup.waitForStatus(id, 'expired');
    expect(await popup.card(id).getByTestId('payment-status').innerText()).toContain('Expired');
    await popup.close();
  });

  test('adds wallets up to the limit and explains the 16th and a repeat', async ({ harness, options }) => {
    // Two are seeded; thirteen more reach the gateway's limit of fifteen.
    for (let i = 0; i < 13; i++) {
      const outcome = await options.send<{ ok: boolean }>('payments.addWallet', {
        address: newAddress().address.base58,
      });
      expect(outcome.ok).toBe(true);
    }
    const popup = await PaymentsTab.open(harness);
    await popup.section('Wallets');
    const add = popup.page.getByTestId('wallet-add');
    const address = add.getByLabel('TRON address');
    await address.fill('TXnNyJhWrbVCty8tFqArwZZaZkPzAkjhoX');
    await add.getByText('This is not a TRON address').waitFor();
    await address.fill(gateway.wallets[0]!.address);
    await add.getByRole('button', { name: 'Add wallet' }).click();
    await add.locator('[data-problem="WALLET_EXISTS"]').waitFor();
    await address.fill(newAddress().address.base58);
    await add.getByRole('button', { name: 'Add wallet' }).click();
    const limit = add.locator('[data-problem="WALLET_LIMIT_EXCEEDED"]');
    await limit.waitFor();
    expect(await limit.innerText()).toContain('at most 15 receiving wallets');
    await expect.poll(() => popup.page.getByTestId('wallet-row').count()).toBe(15);

    // Deactivate one, and it says so.
    const first = popup.page.locator(
      `[data-testid="wallet-row"][data-address="${gateway.wallets[0]!.address}"]`,
    );
    await first.getByRole('button', { name: 'Deactivate' }).click();
    await first.and(popup.page.locator('[data-active="false"]')).waitFor();
    for (const width of [380, 300]) {
      for (const scheme of ['light', 'dark'] as const) {
        await popup.page.setViewportSize({ width, height: 600 });
        await popup.page.emulateMedia({ colorScheme: scheme });
        await popup.page.screenshot({ path: `${SHOTS}/wallets-${width}-${scheme}.png`, fullPage: true });
      }
    }
    await first.getByRole('button', { name: 'Activate' }).click();
    await first.and(popup.page.locator('[data-active="true"]')).waitFor();
    await popup.close();
  });

  test('never opens the key for another origin, and no stored value, page or log line holds it', async ({
    harness,
    options,
  }) => {
    // Someone rewrites the stored base URL (Firefox lets content scripts write storage.local).
    const worker = await harness.worker();
    const { settings } = (await storageGet(worker, 'local', 'settings')) as {
      settings: { network: { custom: Record<string, unknown> } };
    };
    settings.network.custom.gateway = 'https://collector.example/gateway';
    await worker.evaluate(
      (value) =>
        (
          globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }
        ).chrome.storage.local.set({ settings: value }),
      settings,
    );
    const outcome = await options.send<{ ok: boolean; problem?: { code: string } }>(
      'payments.testConnection',
    );
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'not_set_up' } });
    expect(await everythingStored(harness, options)).not.toContain(gateway.apiKey);
    expect(consoleLines.join('\n')).not.toContain(gateway.apiKey);
  });
}, 120_000);
