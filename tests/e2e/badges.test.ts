/**
 * Risk badges on the sandbox's TronScan-like pages, in real Chromium with the sandbox extension:
 * every address form badged exactly once (counts from the pages' manifests), none on look-alike
 * strings, rows added later and hash navigation, free signals without any paid call, settings, pushed
 * results in several tabs, and a page script that cannot open the confirmation or start a check.
 */
import { describe, expect } from 'vitest';
import type { ExtensionHarness } from './extension';
import { test as it, test } from './fixtures';
import { closePages, openTabUrls, popupWindowUrls, storageRemove, storageSet } from './helpers/browser';
import type { Sandbox } from './helpers/sandbox';
import type { OptionsPage } from './pages/options';
import { TronScanPage, type TronScanManifest } from './pages/tronscan';

const flat = (forms: Record<string, string[]>) => Object.values(forms).flat();
const sorted = (list: string[]) => [...list].sort();
/** The addresses a route shows once its live-update rows have arrived (1.5 s after the render). */
const shownAfterRender = (manifest: TronScanManifest) => [
  ...flat(manifest.forms),
  ...flat(manifest.late.timer),
];

const paidChecks = async (sandbox: Sandbox) => (await sandbox.ledger('2aml-aml')).length;

/** Opens the home page and waits until the USDT contract's badges are drawn, unknown (nothing checked). */
async function homeWithUsdtBadges(
  harness: ExtensionHarness,
  sandbox: Sandbox,
): Promise<{ page: TronScanPage; usdt: string }> {
  const { usdt } = sandbox.accounts.tronscan;
  const page = await TronScanPage.openRoute(harness, '#/');
  await page.waitForBadges(usdt, (b) => b.tone === 'unknown');
  return { page, usdt };
}

/**
 * Opens the home page once the sandbox has USDT-blacklisted the first known-bad address and the
 * extension knows the user's TronLink account, with the badge settings `badges`.
 */
async function homeWithFreeSignals(
  { harness, sandbox, options }: { harness: ExtensionHarness; sandbox: Sandbox; options: OptionsPage },
  badges: Record<string, unknown>,
): Promise<TronScanPage> {
  const { knownBad, tronlink } = sandbox.accounts.tronscan;
  await sandbox.blacklist(knownBad[0]!);
  // What other features record: the user's TronLink account (the bridge calls `rememberAddress`).
  await storageSet(await harness.worker(), 'local', {
    knownAddresses: { [tronlink]: { sources: ['tronlink'], lastUsedAt: Date.now() } },
  });
  await options.updateSettings({ badges });
  return TronScanPage.openRoute(harness, '#/');
}

test.beforeEach(async ({ harness, sandbox, options }) => {
  await sandbox.reset();
  await options.updateSettings({
    badges: { enabled: true, freeSignals: true, lookalikeSensitivity: 'normal' },
  });
  await storageRemove(await harness.worker(), 'local', ['knownAddresses', 'riskResults', 'usdtBlacklist']);
  await closePages(harness, options.page);
});

describe('badges on the TronScan-like pages', () => {
  it('draws exactly the expected badges of every page (no missing, no extra), each one visible', async ({
    harness,
    sandbox,
  }) => {
    const catalog = sandbox.accounts.tronscan;
    const routes = ['home', 'tronlinkAddress', 'usdtContract', 'usdtToken', 'sampleTransaction'];
    const invalid = new Set(flat(catalog.invalid));
    const formsSeen = new Set<string>();
    const notOccurrences = new Set<string>();
    for (const name of routes) {
      const route = new URL(catalog.pages[name]!).hash;
      const manifest = await TronScanPage.manifest(harness, route);
      const page = await TronScanPage.openRoute(harness, route);
      // The live-update rows arrive 1.5 s after the render; they are badged as they come.
      await page.page.waitForTimeout(1_600);
      const expected = shownAfterRender(manifest);
      await page.waitForBadgeCount(expected.length);
      const hosts = await page.badgeHosts();
      expect(sorted(hosts.map((h) => h.address)), name).toEqual(sorted(expected));
      expect(hosts.filter((h) => invalid.has(h.address))).toEqual([]);
      // Each in the cell that lists it beside it (`data-expect`), never in one that expects none.
      for (const host of hosts)
        if (host.expected !== null) expect(host.address, host.form).toBe(host.expected);
      expect(hosts.some((h) => h.shadowVisibleToPage)).toBe(false);
      // Every badge can be seen: inside the viewport once scrolled to, cut off by no clipping box.
      const visibility = await page.badgeVisibility();
      expect(
        visibility.filter((v) => v.problem !== ''),
        name,
      ).toEqual([]);
      for (const v of visibility) formsSeen.add(v.form);
      for (const [form, list] of Object.entries(manifest.notOccurrences))
        if (list.length) notOccurrences.add(form);
      // Each one drawn with an accessible label.
      const drawn = await page.drawnBadges();
      expect(drawn.length).toBe(hosts.length);
      for (const badge of drawn) expect(badge.label).toMatch(/^Ampere: /);
      await page.close();
    }
    // Every form was badged and checked for visibility somewhere; every negative was on some page.
    expect(sorted([...formsSeen])).toEqual(
      sorted([
        'header',
        'link-full',
        'link-short',
        'link-split',
        'link-split-div',
        'contract-js',
        'contract-code',
        'token20',
        'table-cell',
        'copyable',
        'split-text',
        'ellipsis-cell',
        'tag-text',
        'name-tag',
      ]),
    );
    expect(sorted([...notOccurrences])).toEqual(
      sorted(['tab-link', 'contract-tab', 'editable', 'code-editor', 'hidden-tooltip']),
    );
  });

  it('badges rows added later (load more, live rows, appended rows) and no more than once', async ({
    harness,
    sandbox,
  }) => {
    const route = '#/';
    const manifest = await TronScanPage.manifest(harness, route);
    const tronscan = await TronScanPage.openRoute(harness, route);
    const { page } = tronscan;
    const first = shownAfterRender(manifest).length;
    await page.waitForTimeout(1_600);
    await tronscan.waitForBadgeCount(first);
    await page.click('button.load-more');
    await tronscan.waitForBadgeCount(first + flat(manifest.late.loadMore).length);
    const appended = await tronscan.appendRows(5);
    // From, to and the token link of each row.
    const total = first + flat(manifest.late.loadMore).length + appended.length * 3;
    await tronscan.waitForBadgeCount(total);
    // The app re-renders a link in place (same node, new text): still one badge.
    await page.evaluate(() => {
      const link = document.querySelector('a.address-link[href^="#/address/"]')!;
      link.textContent = link.textContent + ' ';
      link.scrollIntoView();
    });
    await page.waitForTimeout(300);
    await tronscan.waitForBadgeCount(total);
    // A list that reuses the node for another address (new href): its one badge follows the link.
    const other = sandbox.accounts.tronscan.knownBad[1]!;
    await page.evaluate((address) => {
      document
        .querySelector('a.address-link[href^="#/address/"]')!
        .setAttribute('href', `#/address/${address}`);
    }, other);
    await expect
      .poll(() =>
        page.evaluate(() => {
          const link = document.querySelector('a.address-link[href^="#/address/"]')!;
          return link.closest('td')?.querySelector('ampere-risk-badge')?.getAttribute('data-address');
        }),
      )
      .toBe(other);
    await tronscan.waitForBadgeCount(total);
    await tronscan.close();
  });

  it('follows hash navigation without a reload and keeps only the new page’s badges', async ({
    harness,
    sandbox,
  }) => {
    const tronscan = await TronScanPage.openRoute(harness, '#/');
    const { page } = tronscan;
    const home = await TronScanPage.manifest(harness, '#/');
    await page.waitForTimeout(1_600);
    await tronscan.waitForBadgeCount(shownAfterRender(home).length);
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    const route = `#/address/${sandbox.accounts.tronscan.tronlink}`;
    const manifest = await TronScanPage.manifest(harness, route);
    await page.evaluate((hash) => {
      location.hash = hash;
    }, route);
    await tronscan.waitForRender();
    await page.waitForTimeout(1_600);
    const expected = shownAfterRender(manifest);
    await tronscan.waitForBadgeCount(expected.length);
    expect(sorted((await tronscan.badgeHosts()).map((h) => h.address))).toEqual(sorted(expected));
    expect(loads).toEqual([]);
    await tronscan.close();
  });
});

describe('free signals, without any paid call', () => {
  it('marks the poisoning lookalike of the user’s account and a USDT-blacklisted address', async ({
    harness,
    sandbox,
    options,
  }) => {
    const catalog = sandbox.accounts.tronscan;
    const checksBefore = await paidChecks(sandbox);
    const blacklisted = catalog.knownBad[0]!;
    // The sandbox's lookalike shares 1 + 3 characters after the T: caught at loose sensitivity.
    const page = await homeWithFreeSignals({ harness, sandbox, options }, { lookalikeSensitivity: 'loose' });
    // The page sees colour and shape only; assistive technology hears the level, never the reason.
    const lookalikes = await page.waitForBadges(catalog.lookalike.address, (b) => b.tone === 'high');
    expect(lookalikes[0]!.label).toBe('Ampere: High risk. Activate to open Ampere');
    expect(lookalikes[0]!.label).not.toContain(catalog.tronlink.slice(0, 6));
    const listed = await page.waitForBadges(blacklisted, (b) => b.tone === 'critical listed');
    expect(listed[0]!.label).toBe('Ampere: Critical risk. Activate to open Ampere');
    const own = await page.waitForBadges(catalog.tronlink, (b) => b.tone === 'unknown');
    expect(own[0]!.label).toBe('Ampere: Not checked yet. Activate to open Ampere');
    expect(await paidChecks(sandbox)).toBe(checksBefore);

    // At normal sensitivity the same 1 + 3 resemblance is not enough: the open tab is updated.
    await options.updateSettings({ badges: { lookalikeSensitivity: 'normal' } });
    await page.waitForBadges(catalog.lookalike.address, (b) => b.tone === 'unknown');
    expect(await paidChecks(sandbox)).toBe(checksBefore);
    await page.close();
  });

  it('with free signals off shows neither the lookalike nor the blacklist', async ({
    harness,
    sandbox,
    options,
  }) => {
    const catalog = sandbox.accounts.tronscan;
    const page = await homeWithFreeSignals(
      { harness, sandbox, options },
      { lookalikeSensitivity: 'loose', freeSignals: false },
    );
    await page.waitForBadges(catalog.lookalike.address, (b) => b.tone === 'unknown');
    await page.waitForBadges(catalog.knownBad[0]!, (b) => b.tone === 'unknown');
    await page.close();
  });
});

describe('settings and updates', () => {
  it('removes drawn badges when badges are turned off and draws them again when turned on', async ({
    harness,
    options,
  }) => {
    const page = await TronScanPage.openRoute(harness, '#/');
    const count = shownAfterRender(await TronScanPage.manifest(harness, '#/')).length;
    await page.waitForBadgeCount(count);
    await options.updateSettings({ badges: { enabled: false } });
    await page.waitForBadgeCount(0);
    await page.appendRows(3);
    await page.page.waitForTimeout(500);
    await page.waitForBadgeCount(0);
    await options.updateSettings({ badges: { enabled: true } });
    await page.waitForBadgeCount(count + 9);
    await page.close();
  });

  it('updates every badge of an address in every open tab when a result arrives', async ({
    harness,
    sandbox,
  }) => {
    const { usdt } = sandbox.accounts.tronscan;
    const first = await TronScanPage.openRoute(harness, '#/');
    const second = await TronScanPage.openRoute(harness, `#/contract/${usdt}/code`);
    await first.waitForBadges(usdt, (b) => b.tone === 'unknown');
    await second.waitForBadges(usdt, (b) => b.tone === 'unknown');
    // What the check job's `recordRiskResult` writes when a paid check completes.
    await storageSet(await harness.worker(), 'local', {
      riskResults: {
        [usdt]: {
          checkId: 17,
          score: 72,
          level: 'high',
          flagged: true,
          tags: ['aml-flagged'],
          checkedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
        },
      },
    });
    for (const page of [first, second]) {
      const badges = await page.waitForBadges(usdt, (b) => b.tone === 'high');
      // The paid result is the person's: the page gets its colour, never its words.
      expect(badges[0]!.label).not.toMatch(/72|aml-flagged|Score/);
    }

    // Hovering shows the generic tooltip, whose button opens the check page, where the result is.
    await first.page.bringToFront();
    await first.hoverBadge(usdt);
    const tooltip = await first.readTooltip();
    expect(tooltip.text).toBe('Open Ampere for details Open in Ampere');
    expect(tooltip.link).not.toBeNull();
    const opened = harness.context.waitForEvent('page');
    await first.page.mouse.move(tooltip.link!.x, tooltip.link!.y, { steps: 4 });
    await first.page.mouse.click(tooltip.link!.x, tooltip.link!.y);
    const checkPage = await opened;
    await expect
      .poll(async () =>
        (await openTabUrls(await harness.worker())).filter((url) => url.includes('/check.html')),
      )
      .toEqual([`chrome-extension://${harness.extensionId}/check.html?address=${usdt}`]);
    await checkPage.close();
    await first.close();
    await second.close();
  });
});

describe('the paid-check confirmation', () => {
  it('cannot be opened by a page script: synthetic clicks and posted messages do nothing', async ({
    harness,
    sandbox,
  }) => {
    const checksBefore = await paidChecks(sandbox);
    const { page, usdt } = await homeWithUsdtBadges(harness, sandbox);
    const pagesBefore = harness.context.pages().length;
    expect(await popupWindowUrls(await harness.worker())).toEqual([]);
    await page.page.evaluate((address) => {
      for (const host of document.querySelectorAll('ampere-risk-badge')) {
        (host as HTMLElement).click();
        host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      }
      const message = { type: 'risk.requestCheck', data: { address }, timestamp: Date.now(), id: 1 };
      window.postMessage(message, '*');
      window.postMessage({ source: 'ampere', ...message }, '*');
      document.dispatchEvent(new CustomEvent('ampere:check', { detail: address }));
    }, usdt);
    await page.page.waitForTimeout(1_500);
    expect(harness.context.pages().length).toBe(pagesBefore);
    expect(await popupWindowUrls(await harness.worker())).toEqual([]);
    expect(await paidChecks(sandbox)).toBe(checksBefore);
    await page.close();
  });

  it('opens the extension-owned confirmation on a person’s click, once per address', async ({
    harness,
    sandbox,
  }) => {
    const checksBefore = await paidChecks(sandbox);
    const { page, usdt } = await homeWithUsdtBadges(harness, sandbox);
    const opened = harness.context.waitForEvent('page');
    await page.clickBadge(usdt);
    const confirmation = await opened;
    const windows = await popupWindowUrls(await harness.worker());
    expect(windows).toHaveLength(1);
    const url = new URL(windows[0]!);
    expect(`${url.protocol}//${url.host}`).toBe(`chrome-extension://${harness.extensionId}`);
    expect(url.pathname).toBe('/check.html');
    expect(Object.fromEntries(url.searchParams)).toEqual({ address: usdt, confirm: '1' });
    // A second click focuses the same window instead of opening another.
    const pages = harness.context.pages().length;
    await page.clickBadge(usdt);
    await page.page.waitForTimeout(800);
    expect(harness.context.pages().length).toBe(pages);
    expect(await popupWindowUrls(await harness.worker())).toHaveLength(1);
    // Opening the confirmation charges nothing: the check runs only once the user confirms there.
    expect(await paidChecks(sandbox)).toBe(checksBefore);
    await confirmation.close();
    await page.close();
  });

  it('is reachable from the keyboard, with the tooltip shown on focus', async ({ harness, sandbox }) => {
    const { page: tronscan, usdt } = await homeWithUsdtBadges(harness, sandbox);
    const { page } = tronscan;
    await page.focus(`a[href="#/token20/${usdt}"]`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      return { tag: active?.tagName, address: active?.dataset.address };
    });
    expect(focused).toEqual({ tag: 'AMPERE-RISK-BADGE', address: usdt });
    expect((await tronscan.tooltipShown()).shown).toBe(true);
    const opened = harness.context.waitForEvent('page');
    await page.keyboard.press('Enter');
    await opened;
    expect(await popupWindowUrls(await harness.worker())).toEqual([
      `chrome-extension://${harness.extensionId}/check.html?address=${usdt}&confirm=1`,
    ]);
    await tronscan.close();
  });
});

describe('what a page script can learn from the badges', () => {
  it('opens no tooltip on synthetic hover or focus; a person’s hover opens one of fixed size', async ({
    harness,
    sandbox,
  }) => {
    const { page: tronscan, usdt } = await homeWithUsdtBadges(harness, sandbox);
    const { page } = tronscan;
    await page.evaluate(() => {
      for (const host of document.querySelectorAll('ampere-risk-badge')) {
        for (const type of ['mouseover', 'mouseenter', 'pointerover'])
          host.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
        for (const type of ['focusin', 'focus'])
          host.dispatchEvent(new FocusEvent(type, { bubbles: true, composed: true }));
        (host as HTMLElement).focus();
      }
    });
    await page.waitForTimeout(300);
    expect((await tronscan.tooltipShown()).shown).toBe(false);
    // A person's hover: shown, at the same size whatever the badge says.
    await tronscan.hoverBadge(usdt);
    const shown = await tronscan.tooltipShown();
    expect(shown).toEqual({ shown: true, width: 240, height: 64 });
    await tronscan.close();
  });

  it('finds nothing personal in the page: not the own address, not "your address", no paid result', async ({
    harness,
    sandbox,
    options,
  }) => {
    const { tronlink, lookalike } = sandbox.accounts.tronscan;
    await storageSet(await harness.worker(), 'local', {
      knownAddresses: { [tronlink]: { sources: ['tronlink'], lastUsedAt: Date.now() } },
      riskResults: {
        [lookalike.address]: {
          checkId: 41,
          score: 88,
          level: 'critical',
          flagged: true,
          tags: ['scam-poisoning'],
          checkedAt: new Date(Date.now() - 3_600_000).toISOString(),
        },
      },
    });
    await options.updateSettings({ badges: { lookalikeSensitivity: 'loose' } });
    const tronscan = await TronScanPage.openRoute(harness, `#/address/${lookalike.address}`);
    await tronscan.waitForBadges(lookalike.address, (b) => b.tone === 'critical');
    // A person is looking at the tooltip of the lookalike right now.
    await tronscan.hoverBadge(lookalike.address);
    expect((await tronscan.tooltipShown()).shown).toBe(true);

    const personal = [
      tronlink,
      tronlink.slice(0, 6),
      tronlink.slice(-6),
      'your address',
      'Looks like',
      'scam-poisoning',
      'Score',
    ];
    const found = await tronscan.page.evaluate(
      (needles) =>
        needles.map((needle) => {
          getSelection()?.removeAllRanges();
          window.scrollTo(0, 0);
          const find = (window as unknown as { find(s: string, ...flags: boolean[]): boolean }).find;
          return [needle, find(needle, false, false, true, false, false, true)] as const;
        }),
      [...personal, lookalike.address.slice(0, 12)],
    );
    // The control: what the page itself shows is found.
    expect(found.pop()).toEqual([lookalike.address.slice(0, 12), true]);
    expect(found.filter(([, hit]) => hit)).toEqual([]);
    const text = `${await tronscan.page.evaluate(() => document.body.innerText)}\n${await tronscan.allText()}`;
    for (const needle of personal) expect(text.includes(needle), needle).toBe(false);
    await tronscan.close();
  });
});
