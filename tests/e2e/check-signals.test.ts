/**
 * The check page gives the free signals in words, which the TronScan badge only shows as a tone:
 * the USDT blacklist, and the address a lookalike imitates with where the person knows it from.
 * Reading them charges nothing.
 */
import { describe, expect } from 'vitest';
import { test as it, test } from './fixtures';
import { closePages, storageRemove, storageSet } from './helpers/browser';
import { CheckPage } from './pages/check';

test.beforeEach(async ({ harness, sandbox, options }) => {
  await sandbox.reset();
  await storageRemove(await harness.worker(), 'local', ['knownAddresses', 'riskResults', 'usdtBlacklist']);
  const { tronlink } = sandbox.accounts.tronscan;
  await storageSet(await harness.worker(), 'local', {
    knownAddresses: { [tronlink]: { sources: ['tronlink'], lastUsedAt: Date.now() } },
  });
  await closePages(harness, options.page);
});

/** The check page of `address`, once its free signals have been read. */
async function signalsOf(page: CheckPage): Promise<Record<string, string>> {
  const card = page.page.getByTestId('free-signals');
  await card.locator('[data-signal]').first().waitFor();
  await expect
    .poll(async () => card.locator('[data-signal="blacklist-unknown"]').count(), { timeout: 10_000 })
    .toBe(0);
  const rows = await card.locator('[data-signal]').all();
  const found: Record<string, string> = {};
  for (const row of rows) found[(await row.getAttribute('data-signal'))!] = (await row.innerText()).trim();
  return found;
}

describe('the free signals on the check page', () => {
  it('names the blacklist and the imitated address in words, charging nothing', async ({
    harness,
    sandbox,
    options,
  }) => {
    const catalog = sandbox.accounts.tronscan;
    await sandbox.blacklist(catalog.knownBad[0]!);
    // The sandbox's lookalike shares 1 + 3 characters after the T: caught at loose sensitivity.
    await options.updateSettings({
      badges: { enabled: true, freeSignals: true, lookalikeSensitivity: 'loose' },
    });
    const checksBefore = (await sandbox.ledger('2aml-aml')).length;

    const listed = await CheckPage.open(harness, catalog.knownBad[0]!);
    expect(await signalsOf(listed)).toEqual({
      'blacklist-yes': 'On the USDT blacklist. USDT sent here is frozen.',
    });
    await listed.close();

    const lookalike = await CheckPage.open(harness, catalog.lookalike.address);
    const signals = await signalsOf(lookalike);
    expect(signals['blacklist-no']).toBe('Not on the USDT blacklist.');
    expect(signals.lookalike).toContain(catalog.tronlink);
    expect(signals.lookalike).toContain('your TronLink account');
    await lookalike.close();

    expect((await sandbox.ledger('2aml-aml')).length).toBe(checksBefore);
  });

  it('says the free signals are off when they are', async ({ harness, sandbox, options }) => {
    await options.updateSettings({
      badges: { enabled: true, freeSignals: false, lookalikeSensitivity: 'loose' },
    });
    const page = await CheckPage.open(harness, sandbox.accounts.tronscan.lookalike.address);
    expect(await signalsOf(page)).toEqual({
      off: 'Free signals (lookalikes, USDT blacklist) are off in the settings.',
    });
    await page.close();
  });
});
