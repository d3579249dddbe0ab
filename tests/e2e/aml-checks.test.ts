/**
 * Paid AML checks end to end, in real Chromium with the sandbox extension and the sandbox's 2aml and
 * TronScan-like pages: a check confirmed on the extension's own confirmation page updates the badges
 * in two open TronScan tabs and raises a notification; both PDF reports are saved through the
 * browser's downloads and render with pdftoppm; the right-click "Check this address" (its handler,
 * called through the worker: Playwright cannot click native menus) opens the confirmation or says
 * what is wrong; a page script cannot start a check (the ledger shows no charge); an invalid address
 * typed in the popup sends nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { sendFromPage } from './extension';
import { test as it, test } from './fixtures';
import {
  closePages,
  download,
  menuClick,
  storageGet,
  storageRemove,
  tabIdOf,
  type DownloadItem,
} from './helpers/browser';
import type { Sandbox } from './helpers/sandbox';
import { AmlTab } from './pages/aml';
import { CheckPage } from './pages/check';
import type { OptionsPage } from './pages/options';
import { TronScanPage } from './pages/tronscan';

/** The sanctioned-exchange address: on the TronScan home page, score 97 (critical). */
const bad = (sandbox: Sandbox) => sandbox.accounts.tronscan.knownBad[0]!;
/** Signed in by message: alice has no two-factor, and 5 AML credits. */
const signInAlice = (options: OptionsPage, sandbox: Sandbox) =>
  options.signIn(sandbox.accounts['2aml'].users.alice);

test.beforeEach(async ({ sandbox, options, harness }) => {
  await sandbox.reset();
  await options.signOut();
  await storageRemove(options.page, 'local', ['riskResults', 'knownAddresses', 'jobs']);
  await closePages(harness, options.page);
});

describe('a check through the confirmation page', () => {
  it('shows the cost first, charges one credit on the click there, and updates the badges in two tabs', async ({
    harness,
    sandbox,
    options,
  }) => {
    await signInAlice(options, sandbox);
    const home = sandbox.accounts.tronscan.pages.home!;
    const first = await TronScanPage.openWithBadges(harness, home);
    const second = await TronScanPage.openWithBadges(harness, home);
    await first.waitForTone(bad(sandbox), 'unknown');
    await second.waitForTone(bad(sandbox), 'unknown');

    await first.clickBadge(bad(sandbox));
    const confirm = await CheckPage.opened(harness, bad(sandbox));
    await confirm.confirmation.waitFor();
    await expect(confirm.address.textContent()).resolves.toBe(bad(sandbox));
    await expect(confirm.cost.textContent()).resolves.toBe('This check costs 1 AML credit.');
    // Nothing is paid until the click.
    expect(await sandbox.ledger('2aml-aml')).toEqual([]);
    await confirm.confirm('1 credit');

    await confirm.waitForResult();
    await expect(confirm.result.getAttribute('data-level')).resolves.toBe('critical');
    await expect(confirm.score.textContent()).resolves.toBe('97 of 100');
    await expect(confirm.result.textContent()).resolves.toContain('sanctions');
    await confirm.page
      .screenshot({ path: '/tmp/h9/shots/check-page-result.png', fullPage: true })
      .catch(() => undefined);

    await first.waitForTone(bad(sandbox), 'critical');
    await second.waitForTone(bad(sandbox), 'critical');
    expect(await sandbox.ledger('2aml-aml')).toEqual([
      expect.objectContaining({ kind: 'charge', amount: '1', unit: 'credits', account: 'alice@example.com' }),
    ]);
    expect((await options.notificationIds()).some((id) => id.startsWith('job:'))).toBe(true);
  });

  it('asks a signed-out user to sign in on the confirmation page, then shows the fee when credits are out', async ({
    harness,
    sandbox,
  }) => {
    const page = await CheckPage.open(harness, sandbox.accounts.tronscan.knownBad[1]!);
    await page.forms.signIn({ email: 'bob@example.com', password: 'bob-pass-1' });
    await page.forms.twoFactorForm.waitFor();
    await page.forms.enterTwoFactorCode(await sandbox.totp('bob@example.com'));
    // Bob has no credits, and 25 TRX: the cost is the 8 TRX fee.
    await expect(page.cost.textContent()).resolves.toBe('This check costs 8 TRX from your 2aml wallet.');
    await page.confirm('8 TRX');
    await page.waitForResult();
    expect(await sandbox.ledger('2aml-aml')).toEqual([
      expect.objectContaining({
        kind: 'charge',
        amount: '8.000000',
        unit: 'TRX',
        account: 'bob@example.com',
      }),
    ]);
  });
});

describe('reports', () => {
  it('saves the full and the summary PDF through the downloads, and both render', async ({
    harness,
    options,
    sandbox,
  }) => {
    await signInAlice(options, sandbox);
    const page = await CheckPage.open(harness, bad(sandbox));
    await page.confirm('1 credit');
    await page.waitForResult();
    const checkId = await page.result.getAttribute('data-check-id');

    const out = mkdtempSync(join(tmpdir(), 'ampere-aml-pdf-'));
    for (const [button, name] of [
      ['Full report (PDF)', `aml-report-${checkId}`],
      ['Summary (PDF)', `aml-report-summary-${checkId}`],
    ] as const) {
      const id = await page.saveReport(button, name);
      let item: DownloadItem | undefined;
      for (let i = 0; i < 50 && item?.state !== 'complete'; i++) {
        item = await download(options.page, id);
        if (item?.state !== 'complete') await page.page.waitForTimeout(100);
      }
      expect(item, name).toMatchObject({
        state: 'complete',
        mime: 'application/pdf',
        byExtensionId: harness.extensionId,
      });
      // Playwright stores downloads under its own names; the file is what matters.
      expect(existsSync(item!.filename)).toBe(true);
      execFileSync('pdftoppm', ['-png', '-r', '60', item!.filename, join(out, name)]);
      const pages = readdirSync(out).filter((file) => file.startsWith(`${name}-`) && file.endsWith('.png'));
      expect(pages.length, name).toBeGreaterThan(0);
      for (const png of pages) expect(statSync(join(out, png)).size).toBeGreaterThan(2_000);
    }
    console.log(`[aml] rendered report pages in ${out}`);
  });
});

describe('right-click "Check this address"', () => {
  it('opens the confirmation for a selected address; the result arrives on that page', async ({
    harness,
    options,
    sandbox,
  }) => {
    await signInAlice(options, sandbox);
    const address = bad(sandbox);
    expect(
      await menuClick(await harness.worker(), {
        menuItemId: 'ampere-check-address',
        selectionText: ` ${address} `,
      }),
    ).toEqual({
      ok: true,
      address,
      from: 'selection',
    });
    const confirm = await CheckPage.opened(harness, address);
    await confirm.confirm('1 credit');
    await confirm.waitForResult();
    expect((await options.notificationIds()).some((id) => id.startsWith('job:'))).toBe(true);
  });

  it('reads a TronScan address page and a contract link whose href is javascript:;', async ({
    harness,
    options,
    sandbox,
  }) => {
    const pageUrl = sandbox.accounts.tronscan.pages.tronlinkAddress!;
    const tronlink = new URL(pageUrl).hash.split('/')[2]!;
    const page = await TronScanPage.openWithBadges(harness, pageUrl);
    expect(
      await menuClick(
        await harness.worker(),
        { menuItemId: 'ampere-check-page', pageUrl },
        await tabIdOf(options.page, page.url()),
      ),
    ).toMatchObject({
      ok: true,
      address: tronlink,
      from: 'page',
    });
    await (await CheckPage.opened(harness, tronlink)).close();

    const home = await TronScanPage.openWithBadges(harness, sandbox.accounts.tronscan.pages.home!);
    const jsLink = await home.page.evaluate(() => {
      const link = Array.from(document.querySelectorAll('a')).find(
        (a) => a.getAttribute('href') === 'javascript:;',
      );
      return link ? { href: link.href, text: link.textContent ?? '' } : null;
    });
    expect(jsLink).not.toBeNull();
    const found = await menuClick(
      await harness.worker(),
      { menuItemId: 'ampere-check-address', linkUrl: jsLink!.href, pageUrl: home.url(), frameId: 0 },
      await tabIdOf(options.page, home.url()),
    );
    expect(found).toMatchObject({ ok: true, from: 'link' });
    expect(jsLink!.text.replace(/\s+/g, '')).toContain(found.address);
  });

  it('says clearly what is wrong with an invalid selection, and opens nothing', async ({
    harness,
    sandbox,
    options,
  }) => {
    const before = harness.context.pages().length;
    const typo = sandbox.accounts.tronscan.invalid['checksum-invalid']![0]!;
    const select = async (selectionText: string) =>
      menuClick(await harness.worker(), { menuItemId: 'ampere-check-address', selectionText });
    expect(await select(typo)).toEqual({ ok: false, reason: 'invalid_address' });
    expect(await select('TGABsd…N1AXc')).toEqual({ ok: false, reason: 'shortened' });
    expect(
      (await options.notificationIds()).filter((id) => id.startsWith('aml-menu:')).length,
    ).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.context.pages().length).toBe(before);
    expect(await sandbox.ledger('2aml-aml')).toEqual([]);
  });
});

describe('what a web page cannot do', () => {
  it('cannot start a check: synthetic clicks, messages and the extension pages are out of its reach', async ({
    harness,
    sandbox,
    options,
  }) => {
    await signInAlice(options, sandbox);
    const tronscan = await TronScanPage.openWithBadges(harness, sandbox.accounts.tronscan.pages.home!);
    await tronscan.waitForTone(bad(sandbox), 'unknown');
    const attempts = await tronscan.page.evaluate(
      async ([address, id]) => {
        const results: string[] = [];
        const host = document.querySelector(`ampere-risk-badge[data-address="${address}"]`) as HTMLElement;
        host.click();
        host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        window.postMessage({ type: 'aml.startCheck', data: { address } }, '*');
        window.postMessage({ type: 'risk.requestCheck', data: { address } }, '*');
        const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
        results.push(`runtime.sendMessage: ${typeof runtime?.sendMessage}`);
        try {
          const response = await fetch(`chrome-extension://${id}/check.html?address=${address}&confirm=1`);
          results.push(`fetch: ${response.status}`);
        } catch (error) {
          results.push(`fetch: ${(error as Error).name}`);
        }
        const opened = window.open(`chrome-extension://${id}/check.html?address=${address}&confirm=1`);
        results.push(`window.open: ${opened ? 'window' : 'blocked'}`);
        return results;
      },
      [bad(sandbox), harness.extensionId] as const,
    );
    // Whatever the page got back, nothing it did reached the confirmation or a check.
    await tronscan.page.waitForTimeout(1_500);
    const checkPages = harness.context
      .pages()
      .filter((p) => p.url().includes('/check.html') && !p.url().startsWith('chrome-error'));
    const loaded = [];
    for (const p of checkPages) {
      const hasApp = await p
        .getByTestId('check-page')
        .count()
        .catch(() => 0);
      if (hasApp > 0) loaded.push(p.url());
    }
    expect(loaded, attempts.join('; ')).toEqual([]);
    expect(await sandbox.ledger('2aml-aml')).toEqual([]);
    const { jobs } = await storageGet(options.page, 'local', 'jobs');
    expect(
      Object.values((jobs ?? {}) as Record<string, { kind: string }>).filter(
        (job) => job.kind === 'aml-check',
      ),
    ).toEqual([]);
    await tronscan.waitForTone(bad(sandbox), 'unknown');
  });
});

describe('the popup', () => {
  it('refuses an invalid address before anything is sent', async ({ harness, sandbox, options }) => {
    await signInAlice(options, sandbox);
    const aml = await AmlTab.open(harness);
    const typo = sandbox.accounts.tronscan.invalid['checksum-invalid']![0]!;
    await aml.enterAddress(typo);
    await expect(aml.alert.textContent()).resolves.toContain('not a valid TRON address');
    await expect(aml.startCheckButton.count()).resolves.toBe(0);
    // Even a forged message from an extension page is refused before the network.
    const outcome = await sendFromPage<{ ok: boolean; problem?: { code: string } }>(
      aml.page,
      'aml.startCheck',
      {
        address: typo,
        billingMode: 'auto',
        reportLanguage: 'en',
        cost: { kind: 'credit', credits: 1 },
        origin: 'popup',
      },
    );
    expect(outcome).toMatchObject({ ok: false, problem: { code: 'invalid_address' } });
    expect(await sandbox.ledger('2aml-aml')).toEqual([]);
  });
});
