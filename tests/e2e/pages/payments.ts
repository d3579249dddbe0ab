/**
 * Page objects for merchant payments: the gateway set-up on the options page and the popup's Payments
 * tab (create, the watched payment's card, history with the unprocessed list, wallets), plus paying a
 * payment from a seeded wallet on the sandbox chain as a customer would.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionHarness } from '../extension';
import type { Sandbox, Wallet } from '../helpers/sandbox';

/** How long a watched payment may take to show its end (the watch polls every 5 s while young). */
export const WATCH_TIMEOUT = 30_000;
const USDT_CONTRACT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

/** The sandbox gateway's seeded merchant, as `GET /__sandbox/accounts` lists it. */
export interface SeededGateway {
  apiKey: string;
  suspendedApiKey: string;
  wallets: { id: number; address: string }[];
}

/** The gateway set-up on the options page. */
export class GatewaySetupForm {
  constructor(readonly page: Page) {}

  get form(): Locator {
    return this.page.getByTestId('gateway-setup');
  }

  /** Types the base URL and key and saves; waits until the background says it is saved. */
  async save(baseUrl: string, apiKey: string): Promise<void> {
    await this.form.getByLabel('Gateway address').fill(baseUrl);
    await this.form.getByLabel('API key').fill(apiKey);
    await this.form.getByRole('button', { name: 'Save gateway' }).click();
    await this.form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  }

  /** Runs "Test connection" and returns the partner rows shown (term → value). */
  async testConnection(): Promise<Record<string, string>> {
    await this.form.getByRole('button', { name: 'Test connection' }).click();
    const list = this.form.getByTestId('gateway-partner');
    await list.waitFor();
    const rows = await list.locator('div').all();
    const entries = await Promise.all(
      rows.map(async (row) => [await row.locator('dt').innerText(), await row.locator('dd').innerText()]),
    );
    return Object.fromEntries(entries) as Record<string, string>;
  }
}

/** The popup, opened on its Payments tab. */
export class PaymentsTab {
  private constructor(readonly page: Page) {}

  /** Opens the popup at `width` in `colorScheme` and selects Payments. */
  static async open(
    harness: ExtensionHarness,
    options: { width?: number; colorScheme?: 'light' | 'dark' } = {},
  ): Promise<PaymentsTab> {
    const page = await harness.openExtensionPage('popup.html');
    await page.setViewportSize({ width: options.width ?? 380, height: 600 });
    await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
    await page.getByRole('tabpanel').waitFor();
    await page.getByRole('tab', { name: 'Payments' }).click();
    await page.getByTestId('payments-screen').waitFor();
    return new PaymentsTab(page);
  }

  async section(name: 'New' | 'History' | 'Wallets'): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
  }

  get form(): Locator {
    return this.page.getByTestId('payment-create');
  }

  /** Fills and submits the create form; returns the transaction id it used. */
  async create(payment: { asset: 'USDT' | 'TRX'; amountUsd: string; postbackUrl?: string }): Promise<string> {
    const transactionId = await this.form.locator('input[name="transactionId"]').inputValue();
    await this.form.locator('select[name="asset"]').selectOption(payment.asset);
    await this.form.locator('input[name="amountUsd"]').fill(payment.amountUsd);
    if (payment.postbackUrl) await this.form.locator('input[name="postbackUrl"]').fill(payment.postbackUrl);
    await this.form.getByRole('button', { name: 'Create payment' }).click();
    await this.card(transactionId).waitFor();
    return transactionId;
  }

  card(transactionId: string): Locator {
    return this.page.locator(`[data-testid="payment-card"][data-transaction-id="${transactionId}"]`);
  }

  /** What the card of a pending payment asks the customer to send, and where. */
  async request(transactionId: string): Promise<{ amount: string; asset: string; address: string }> {
    const card = this.card(transactionId);
    const [amount, asset] = (await card.getByTestId('payment-amount').innerText()).trim().split(/\s+/);
    const address = (await card.getByTestId('payment-address').innerText()).trim();
    return { amount: amount!, asset: asset!, address };
  }

  /** Waits until the card shows `status` (completed, expired…). */
  async waitForStatus(transactionId: string, status: string, timeout = WATCH_TIMEOUT): Promise<void> {
    await this.card(transactionId)
      .and(this.page.locator(`[data-status="${status}"]`))
      .waitFor({ timeout });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

/** USDT (or TRX) base units of a decimal text with 6 decimals at most past trailing zeros. */
export function baseUnits(amount: string): bigint {
  const [whole, fraction = ''] = amount.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  if (trimmed.length > 6) throw new Error(`${amount} has more than 6 decimals`);
  return BigInt(whole!) * 1_000_000n + BigInt(trimmed.padEnd(6, '0') || '0');
}

/** Pays `amount` of `asset` to `to` from `payer` on the sandbox chain, and mines it. Returns the txid. */
export async function payFromWallet(
  sandbox: Sandbox,
  payer: Wallet,
  to: string,
  asset: string,
  amount: string,
): Promise<string> {
  const wallet = sandbox.tronWeb(payer.privateKey);
  let txid: string;
  if (asset === 'TRX') {
    const result = await wallet.trx.sendTransaction(to, Number(baseUnits(amount)));
    if (!('txid' in result) || !result.txid)
      throw new Error(`TRX transfer refused: ${JSON.stringify(result)}`);
    txid = result.txid;
  } else {
    const { transaction } = await wallet.transactionBuilder.triggerSmartContract(
      USDT_CONTRACT,
      'transfer(address,uint256)',
      { feeLimit: 100_000_000 },
      [
        { type: 'address', value: to },
        { type: 'uint256', value: baseUnits(amount).toString() },
      ],
      payer.address,
    );
    const signed = await wallet.trx.sign(transaction, payer.privateKey);
    expect((await wallet.trx.sendRawTransaction(signed)).result).toBe(true);
    txid = signed.txID;
  }
  await sandbox.mine(1);
  return txid;
}
