/**
 * `npm start`: the sandbox, the sandbox build of the extension, and Chromium with it loaded on the
 * sandbox's TronScan-like page (which carries the TronLink emulator).
 *
 * With a display (`DISPLAY` or `WAYLAND_DISPLAY` set, not CI) Chromium opens as a normal window and
 * everything runs until the window is closed or Ctrl+C. Without one it runs headless, walks a short
 * tour (the TronScan page and the popup before and after connecting the emulated TronLink, one
 * rental, the lookalike's tooltip, a paid check through its confirmation, the check page, the
 * Activity and AML tabs, the options page, one merchant payment created, paid and completed, in
 * light and dark) and writes screenshots to
 * `start-screens/`, then stops.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { startSandbox } from './server';
import { launchWithExtension } from '../e2e/launch';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    headless: { type: 'boolean', default: false },
    out: { type: 'string', default: 'start-screens' },
  },
});
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI;
const headless = values.headless || !hasDisplay;

execFileSync('npx', ['tsx', 'tests/e2e/ensure-system-packages.ts', '--only-chromium'], { stdio: 'inherit' });

const started = Date.now();
const sandbox = await startSandbox({ port: Number(values.port), host: '127.0.0.1' });
console.log(`Sandbox listening at ${sandbox.origin}`);

console.log('Building the sandbox extension…');
execFileSync('npx', ['wxt', 'build', '--mode', 'sandbox'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, WXT_SANDBOX_ORIGIN: sandbox.origin },
});
const extensionDir = resolve('.output/chrome-mv3-sandbox');

const accounts = (await (await fetch(`${sandbox.origin}/__sandbox/accounts`)).json()) as {
  chain?: { wallets?: { tronlink?: { address?: string } } };
  tronscan?: { lookalike?: { address?: string }; knownBad?: string[] };
  '2aml'?: { users?: { alice?: { email?: string; password?: string } } };
};
const lookalikeAddress = accounts.tronscan?.lookalike?.address;
const tronlinkAddress = accounts.chain?.wallets?.tronlink?.address;
const landing = `${sandbox.origin}/tronscan/#/address/${tronlinkAddress ?? ''}`;
/** The Energy form's line while it asks for a price (locales/en.yml `energy.form.quoting`). */
const QUOTING_TEXT = 'Working out the price…';

const launched = await launchWithExtension({ extensionDir, headless, viewport: headless ? undefined : null });
const { context, extensionId } = launched;
console.log(`Chromium is up with Ampere ${extensionId} (${Date.now() - started} ms since start).`);

if (!headless) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(landing);
  console.log(
    `Opened ${landing}. Click the Ampere toolbar icon to rent energy; close the window or press Ctrl+C to stop.`,
  );
  const stop = async () => {
    await launched.close();
    await sandbox.close();
    process.exit(0);
  };
  context.on('close', () => void stop());
  process.on('SIGINT', () => void stop());
} else {
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });
  const shots: string[] = [];
  await firstVisit(context, outDir, shots);
  await merchantPayment(context, outDir, shots);
  for (const scheme of ['light', 'dark'] as const) {
    await tour(context, scheme, outDir, shots);
  }
  console.log(`Headless tour done; ${shots.length} screenshots in ${outDir}:`);
  for (const shot of shots) console.log(`  ${shot}`);
  await launched.close();
  await sandbox.close();
}

/** The number of badge hosts once it has not changed for half a second (rows arrive late by design). */
async function settledBadgeCount(page: Page): Promise<number> {
  const count = () => page.evaluate(() => document.querySelectorAll('ampere-risk-badge').length);
  let last = -1;
  for (let waited = 0; waited < 8_000; waited += 500) {
    await page.waitForTimeout(500);
    const now = await count();
    if (now === last && now > 0) return now;
    last = now;
  }
  return last;
}

/** A popup is at most 600 px tall and scrolls; the shot shows all of it at its real width. */
async function snapPopup(page: Page, path: string, width: number, shots: string[]) {
  await page.setViewportSize({ width, height: 600 });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width, height: Math.max(600, height) });
  await snapshot(page, path, shots, false);
  await page.setViewportSize({ width, height: 600 });
}

async function snapshot(page: Page, path: string, shots: string[], fullPage = true) {
  await page.screenshot({ path, fullPage });
  shots.push(path);
}

/** Before TronLink is connected: neutral badges, and the popup's Connect button; then connects. */
async function firstVisit(context: BrowserContext, outDir: string, shots: string[]) {
  const tronscan = await context.newPage();
  await tronscan.goto(landing);
  await settledBadgeCount(tronscan);
  await snapshot(tronscan, `${outDir}/tronscan-before-connect.png`, shots, false);

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('tabpanel').first().waitFor({ timeout: 10_000 });
  await snapPopup(popup, `${outDir}/popup-before-connect.png`, 380, shots);
  // The popup is a tab here, so the bridge asks TronLink on a sandbox TronScan tab it opens.
  await popup.getByRole('button', { name: 'Connect TronLink' }).click();
  await popup.getByTestId('energy-account').waitFor({ timeout: 30_000 });
  console.log('Connected the emulated TronLink account.');
  // The offers of the four sources, then one rental of 65,000 energy to the account from TronNRG,
  // approved by the emulator: payment, signature, claim.
  await popup.locator('[data-testid="energy-quote"][data-complete="true"]').waitFor({ timeout: 20_000 });
  await snapPopup(popup, `${outDir}/popup-offers.png`, 380, shots);
  await popup.getByRole('button', { name: /^Rent from TronNRG · / }).click();
  await popup.getByTestId('energy-confirm').waitFor({ timeout: 10_000 });
  await snapPopup(popup, `${outDir}/popup-confirm-rental.png`, 380, shots);
  await popup.getByRole('button', { name: /^Pay .* TRX in TronLink$/ }).click();
  const progress = popup.getByTestId('energy-progress');
  const terminal = ['delegated', 'refund_queued', 'failed', 'cancelled'];
  for (let waited = 0; waited < 60_000; waited += 250) {
    const state = await progress.getAttribute('data-job-state', { timeout: 1_000 }).catch(() => null);
    if (state && terminal.includes(state)) {
      console.log(`Rental ended: ${state}.`);
      break;
    }
    await popup.waitForTimeout(250);
  }
  for (const page of context.pages()) if (page.url().startsWith(sandbox.origin)) await page.close();
  await popup.close();

  // The sandbox's lookalike shares 1 + 3 characters after the T with the account (more is out of
  // reach of a quick key search), which the "Loose" sensitivity catches.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Lookalike sensitivity').selectOption('loose');
  await options
    .getByText('Saved')
    .first()
    .waitFor({ timeout: 5_000 })
    .catch(() => undefined);
  await options.close();

  // A paid check of a known-bad address through the confirmation, signed in as the seeded Alice.
  const alice = accounts['2aml']?.users?.alice;
  const bad = accounts.tronscan?.knownBad?.[0];
  if (!alice?.email || !alice.password || !bad) return;
  const confirm = await context.newPage();
  await confirm.setViewportSize({ width: 800, height: 700 });
  await confirm.goto(`chrome-extension://${extensionId}/check.html?address=${bad}&confirm=1`);
  await confirm.getByTestId('aml-sign-in').waitFor({ timeout: 10_000 });
  await confirm.getByLabel('E-mail').fill(alice.email);
  await confirm.getByLabel('Password', { exact: true }).fill(alice.password);
  await confirm.getByRole('button', { name: 'Sign in', exact: true }).click();
  await confirm.getByTestId('aml-cost').waitFor({ timeout: 10_000 });
  await snapshot(confirm, `${outDir}/check-confirm.png`, shots);
  await confirm.getByRole('button', { name: /^Check for / }).click();
  await confirm.getByTestId('aml-result').waitFor({ timeout: 30_000 });
  console.log(`Checked ${bad} as ${alice.email}.`);
  await confirm.close();
}

/**
 * One merchant payment: the seeded gateway set up in the options, a USDT payment created in the
 * Payments tab, paid from the seeded TronLink wallet on the sandbox chain, and shown completed.
 */
async function merchantPayment(context: BrowserContext, outDir: string, shots: string[]) {
  const gateway = (
    (await (await fetch(`${sandbox.origin}/__sandbox/accounts`)).json()) as { gateway?: { apiKey?: string } }
  ).gateway;
  const payer = (
    (await (await fetch(`${sandbox.origin}/__sandbox/accounts`)).json()) as {
      chain?: { wallets?: { tronlink?: { privateKey?: string } } };
    }
  ).chain?.wallets?.tronlink?.privateKey;
  if (!gateway?.apiKey || !payer) return;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const setup = options.getByTestId('gateway-setup');
  await setup.getByLabel('Gateway address').fill(`${sandbox.origin}/gateway`);
  await setup.getByLabel('API key').fill(gateway.apiKey);
  await setup.getByRole('button', { name: 'Save gateway' }).click();
  await setup.getByRole('button', { name: 'Test connection' }).click();
  await setup.getByTestId('gateway-partner').waitFor({ timeout: 10_000 });
  await options.close();

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('tab', { name: 'Payments' }).click();
  const form = popup.getByTestId('payment-create');
  await form.locator('input[name="amountUsd"]').fill('12.34');
  await form.getByRole('button', { name: 'Create payment' }).click();
  const card = popup.getByTestId('payment-card').first();
  await card.waitFor({ timeout: 10_000 });
  await snapPopup(popup, `${outDir}/popup-payment-pending.png`, 380, shots);
  const amount = (await card.getByTestId('payment-amount').innerText()).split(/\s+/)[0]!;
  const address = (await card.getByTestId('payment-address').innerText()).trim();
  const [whole, fraction = ''] = amount.split('.');
  const units = BigInt(whole!) * 1_000_000n + BigInt(fraction.slice(0, 6).padEnd(6, '0'));
  await sandbox.world.chain.sendUsdt(payer, address, units);
  sandbox.world.chain.produceBlock();
  await card.and(popup.locator('[data-status="completed"]')).waitFor({ timeout: 30_000 });
  console.log(`Merchant payment of ${amount} USDT to ${address} completed.`);
  await snapPopup(popup, `${outDir}/popup-payment-completed.png`, 380, shots);
  await popup.close();
}

async function tour(context: BrowserContext, scheme: 'light' | 'dark', outDir: string, shots: string[]) {
  const snap = (page: Page, name: string, fullPage = true) =>
    snapshot(page, `${outDir}/${name}-${scheme}.png`, shots, fullPage);

  const tronscan = await context.newPage();
  await tronscan.emulateMedia({ colorScheme: scheme });
  await tronscan.goto(landing);
  const badges = await settledBadgeCount(tronscan);
  console.log(`[${scheme}] TronScan page: ${badges} badges placed`);
  await snap(tronscan, 'tronscan', false);
  // The poisoning lookalike of the connected account, with its tooltip. The viewport only: a
  // full-page capture resizes the page, which moves the badge from under the pointer.
  const lookalike = tronscan.locator(`ampere-risk-badge[data-address="${lookalikeAddress}"]`).first();
  if (lookalikeAddress && (await lookalike.count()) > 0) {
    await lookalike.hover();
    await tronscan.waitForTimeout(300);
    await snap(tronscan, 'tronscan-tooltip', false);
  }

  const popup = await context.newPage();
  await popup.emulateMedia({ colorScheme: scheme });
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('tabpanel').first().waitFor({ timeout: 10_000 });
  // The last rental's outcome, or the form's quote when there is none on show.
  await popup
    .getByTestId('energy-progress')
    .or(popup.getByTestId('energy-quote'))
    .first()
    .waitFor({ timeout: 20_000 });
  await popup.waitForTimeout(500);
  await popup.getByText(QUOTING_TEXT).waitFor({ state: 'hidden', timeout: 20_000 });
  const wholePopup = (name: string, width: number) =>
    snapPopup(popup, `${outDir}/${name}-${scheme}.png`, width, shots);
  await wholePopup('popup', 380);
  await wholePopup('popup-narrow', 300);
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.getByRole('tab', { name: 'Activity' }).click();
  await wholePopup('popup-activity', 380);
  await popup.getByRole('tab', { name: 'AML' }).click();
  await popup.getByTestId('aml-account').waitFor({ timeout: 10_000 });
  // Wallet, history and credits arrive one by one after the account; let them all come in.
  await popup.waitForTimeout(1_500);
  await wholePopup('popup-aml', 380);

  const options = await context.newPage();
  await options.emulateMedia({ colorScheme: scheme });
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('heading', { level: 1 }).waitFor({ timeout: 10_000 });
  await snap(options, 'options');

  const bad = accounts.tronscan?.knownBad?.[0];
  const check = await context.newPage();
  await check.emulateMedia({ colorScheme: scheme });
  await check.setViewportSize({ width: 800, height: 700 });
  if (bad) {
    await check.goto(`chrome-extension://${extensionId}/check.html?address=${bad}`);
    await check.getByTestId('aml-result').waitFor({ timeout: 10_000 });
    await snap(check, 'check-page');
  }
  await check.close();

  await Promise.all([tronscan.close(), popup.close(), options.close()]);
}
