/**
 * The background risk service as a content script and the check job see it: messages go through the
 * role-checked router, storage is WXT's fake browser, the chain is a fake blacklist reader.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { dispatchMessage, MessageRefused, type Handler, type MessageType } from '@/lib/messaging';
import { settingsItem } from '@/lib/storage';
import { knownAddressesItem, riskResultsItem } from '@/lib/risk/schemas';
import { createRiskHandlers } from '@/lib/risk/background';
import type { TabUpdates } from '@/lib/risk/tab-updates';
import { rememberAddress, rememberProvenAccount } from '@/lib/risk/known-addresses';
import { recordRiskResult } from '@/lib/risk/paid-results';
import type { RiskBadges, RiskLookupAnswer, RiskUpdate } from '@/lib/risk/badge-model';

const OWN = 'TGABsdK6xFXWp6DP3QBgXHyfYzEJbN1AXc';
const LOOKALIKE = 'TGa9UrbxqwWm9q2FZpxVAHU2E3bDUuUAXc';
const BAD = 'TQMRM3KtGLWkCbRj9kvT4u3KSaMGuaUVt9';
const USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

const identity = { extensionId: fakeBrowser.runtime.id, extensionOrigin: fakeBrowser.runtime.getURL('/') };
const tronscanTab = (tabId: number) => ({
  id: identity.extensionId,
  url: 'https://tronscan.org/#/',
  tab: { id: tabId },
});
const webPage = { id: 'another-extension', url: 'https://evil.example/', tab: { id: 9 } };

function setup() {
  const chainReads: string[][] = [];
  const blacklisted = new Set([BAD]);
  const pushed: { tabId: number; update: RiskUpdate }[] = [];
  const tracked = new Set<number>();
  const tabUpdates: TabUpdates = {
    async track(tabId) {
      tracked.add(tabId);
    },
    async untrack(tabId) {
      tracked.delete(tabId);
    },
    async broadcast(update) {
      for (const tabId of tracked) pushed.push({ tabId, update });
    },
  };
  const handlers = createRiskHandlers({
    blacklistReader: {
      async isBlackListed(addresses) {
        chainReads.push([...addresses]);
        return new Map(addresses.map((a) => [a, blacklisted.has(a)]));
      },
    },
    tabUpdates,
  });
  const send = <K extends MessageType>(
    type: K,
    data: unknown,
    sender: Parameters<typeof dispatchMessage>[2],
  ) => dispatchMessage(type, data, sender, handlers[type] as Handler<K>, identity);
  const lookup = (addresses: string[], tabId = 1) =>
    send('risk.lookup', { addresses }, tronscanTab(tabId)) as Promise<RiskLookupAnswer>;
  return { handlers, send, lookup, chainReads, pushed, tracked };
}

// Chain reads and pushes finish after a handler answers: let them drain before the next test resets storage.
afterEach(() => new Promise((resolve) => setTimeout(resolve, 100)));

const badgeOf = (answer: RiskBadges, address: string) => answer.badges.find((b) => b.address === address);

describe('risk.lookup', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('answers with the settings and a neutral badge for an address nobody knows', async () => {
    const { lookup } = setup();
    const answer = await lookup([USDT]);
    expect(answer.settings).toEqual({ enabled: true, freeSignals: true });
    expect(badgeOf(answer, USDT)).toMatchObject({ tone: 'unknown', lookalikeOf: null, result: null });
  });

  it('reads the USDT blacklist from the chain in the background and pushes the answer to the tab', async () => {
    const { lookup, chainReads, pushed } = setup();
    const first = await lookup([BAD, USDT]);
    expect(badgeOf(first, BAD)?.blacklisted).toBeNull();
    await vi.waitFor(() => expect(pushed.length).toBeGreaterThan(0));
    expect(chainReads).toEqual([[BAD, USDT]]);
    const update = pushed[0]!.update;
    expect(update.reset).toBe(false);
    expect(badgeOf(update, BAD)).toMatchObject({ blacklisted: true, tone: 'critical' });
    expect(badgeOf(update, USDT)).toMatchObject({ blacklisted: false, tone: 'unknown' });
    // The next lookup is answered from the cache without another chain read.
    expect(badgeOf(await lookup([BAD]), BAD)?.blacklisted).toBe(true);
    expect(chainReads).toHaveLength(1);
  });

  it('warns about a lookalike of the user’s TronLink account at the chosen sensitivity', async () => {
    const { lookup } = setup();
    await rememberProvenAccount(OWN);
    expect(badgeOf(await lookup([LOOKALIKE]), LOOKALIKE)?.lookalikeOf).toBeNull(); // normal: 2 + 3 needed
    await settingsItem.update((s) => ({ ...s, badges: { ...s.badges, lookalikeSensitivity: 'loose' } }));
    const answer = await lookup([LOOKALIKE, OWN]);
    expect(badgeOf(answer, LOOKALIKE)).toMatchObject({
      tone: 'high',
      lookalikeOf: { address: OWN, sources: ['tronlink'] },
    });
    expect(badgeOf(answer, OWN)?.lookalikeOf).toBeNull();
  });

  it('with free signals off reads neither the chain nor the known addresses, but still shows cached results', async () => {
    const { lookup, chainReads } = setup();
    await rememberProvenAccount(OWN);
    await recordRiskResult({
      address: USDT,
      checkId: 5,
      score: 12,
      level: 'low',
      flagged: false,
      tags: [],
      checkedAt: '2026-04-15T12:04:00.000Z',
    });
    await settingsItem.update((s) => ({
      ...s,
      badges: { ...s.badges, freeSignals: false, lookalikeSensitivity: 'loose' },
    }));
    const answer = await lookup([LOOKALIKE, BAD, USDT]);
    expect(answer.settings.freeSignals).toBe(false);
    expect(badgeOf(answer, LOOKALIKE)).toMatchObject({
      lookalikeOf: null,
      blacklisted: null,
      tone: 'unknown',
    });
    expect(badgeOf(answer, USDT)).toMatchObject({ tone: 'low', result: { checkId: 5, score: 12 } });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(chainReads).toEqual([]);
  });

  it('answers nothing but the settings when badges are off', async () => {
    const { lookup, chainReads } = setup();
    await settingsItem.update((s) => ({ ...s, badges: { ...s.badges, enabled: false } }));
    expect(await lookup([BAD, USDT])).toEqual({
      settings: { enabled: false, freeSignals: true },
      badges: [],
      invalid: [],
    });
    expect(chainReads).toEqual([]);
  });

  it('answers badges for the addresses and lists the strings that fail the checksum, which cost no chain read', async () => {
    const { lookup, chainReads, pushed } = setup();
    const typo = `${USDT.slice(0, 10)}${USDT[10] === 'a' ? 'b' : 'a'}${USDT.slice(11)}`;
    const wrongVersion = 'TAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const answer = await lookup([typo, USDT, wrongVersion, typo, BAD]);
    expect(answer.badges.map((b) => b.address)).toEqual([USDT, BAD]);
    expect(answer.invalid).toEqual([typo, wrongVersion]);
    await vi.waitFor(() => expect(pushed.length).toBeGreaterThan(0));
    expect(chainReads).toEqual([[USDT, BAD]]);
    expect(pushed.flatMap((p) => p.update.badges.map((b) => b.address)).sort()).toEqual([BAD, USDT].sort());
    // A batch of nothing but junk is answered as such, without a badge and without a read.
    const junk = Array.from(
      { length: 200 },
      (_, i) => `${typo.slice(0, 30)}${String(1000 + i).replace(/0/g, 'z')}`,
    );
    const refused = await lookup(junk);
    expect(refused.badges).toEqual([]);
    expect(refused.invalid).toHaveLength(200);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(chainReads).toHaveLength(1);
  });

  it('refuses strings not shaped like an address, oversized batches and senders that are not ours', async () => {
    const { send } = setup();
    for (const shape of ['T123', `${USDT}1`, `T0${USDT.slice(2)}`, `A${USDT.slice(1)}`, ` ${USDT}`]) {
      await expect(send('risk.lookup', { addresses: [USDT, shape] }, tronscanTab(1))).rejects.toMatchObject({
        code: 'invalid_payload',
      });
    }
    await expect(
      send('risk.lookup', { addresses: Array.from({ length: 201 }, () => USDT) }, tronscanTab(1)),
    ).rejects.toMatchObject({ code: 'invalid_payload' });
    await expect(send('risk.lookup', { addresses: [USDT] }, webPage)).rejects.toBeInstanceOf(MessageRefused);
    await expect(send('risk.requestCheck', { address: USDT }, webPage)).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});

describe('updates pushed to TronScan tabs', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('sends a new paid result to every tab that asked for badges', async () => {
    const { lookup, pushed } = setup();
    await lookup([USDT], 1);
    await lookup([USDT], 2);
    await vi.waitFor(() => expect(pushed.length).toBe(2)); // the blacklist answer
    pushed.length = 0;
    await recordRiskResult({
      address: USDT,
      checkId: 17,
      score: 72,
      level: 'high',
      flagged: true,
      tags: ['aml-flagged'],
      checkedAt: '2026-04-15T12:04:00.000Z',
    });
    await vi.waitFor(() =>
      expect(
        pushed
          .filter((p) => badgeOf(p.update, USDT)?.result?.checkId === 17)
          .map((p) => p.tabId)
          .sort(),
      ).toEqual([1, 2]),
    );
    expect(badgeOf(pushed.find((p) => badgeOf(p.update, USDT))!.update, USDT)?.tone).toBe('high');
  });

  it('tells tabs to start over when badge settings change, and to remove badges when turned off', async () => {
    const { lookup, pushed } = setup();
    await lookup([], 3);
    await settingsItem.update((s) => ({ ...s, badges: { ...s.badges, enabled: false } }));
    await vi.waitFor(() =>
      expect(pushed.map((p) => p.update)).toContainEqual({
        settings: { enabled: false, freeSignals: true },
        badges: [],
        reset: true,
      }),
    );
  });

  it('does not push anything when an unrelated setting changes', async () => {
    const { lookup, pushed } = setup();
    await lookup([], 3);
    await settingsItem.update((s) => ({ ...s, privacy: { ...s.privacy, keepSignedIn: true } }));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(pushed).toEqual([]);
  });
});

describe('risk.requestCheck', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('opens one extension-owned confirmation window per address and focuses it when asked again', async () => {
    const { send } = setup();
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    const update = vi.spyOn(fakeBrowser.windows, 'update');
    await send('risk.requestCheck', { address: USDT }, tronscanTab(1));
    await send('risk.requestCheck', { address: USDT }, tronscanTab(1));
    expect(create).toHaveBeenCalledTimes(1);
    const url = new URL(create.mock.calls[0]![0]!.url as string);
    expect(url.href.startsWith(identity.extensionOrigin)).toBe(true);
    expect(url.pathname).toBe('/check.html');
    expect(Object.fromEntries(url.searchParams)).toEqual({ address: USDT, confirm: '1' });
    expect(create.mock.calls[0]![0]).toMatchObject({ type: 'popup' });
    expect(update).toHaveBeenCalledTimes(1);

    // Closed by the user: the next request opens a fresh one.
    const windowId = (await create.mock.results[0]!.value).id as number;
    await fakeBrowser.windows.remove(windowId);
    await vi.waitFor(async () => {
      await send('risk.requestCheck', { address: USDT }, tronscanTab(1));
      expect(create).toHaveBeenCalledTimes(2);
    });
  });

  it('never opens two windows for two quick requests', async () => {
    const { send } = setup();
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    await Promise.all([
      send('risk.requestCheck', { address: BAD }, tronscanTab(1)),
      send('risk.requestCheck', { address: BAD }, tronscanTab(2)),
    ]);
    expect(create).toHaveBeenCalledTimes(1);
  });
});

describe('recordRiskResult', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  const result = {
    address: BAD,
    checkId: 17,
    score: 97,
    level: 'critical',
    flagged: true,
    tags: ['sanctions', 'aml-flagged'],
    checkedAt: '2026-04-15T12:04:00.000Z',
  };

  it('caches the result for badges and remembers the address as one the user checked', async () => {
    const { lookup } = setup();
    await recordRiskResult(result);
    expect(badgeOf(await lookup([BAD]), BAD)).toMatchObject({
      tone: 'critical',
      result: { checkId: 17, score: 97, tags: ['sanctions', 'aml-flagged'] },
    });
    expect(await knownAddressesItem.get()).toMatchObject({ [BAD]: { sources: ['check'] } });
  });

  it('never lets an older check replace a newer one, and refuses a malformed result', async () => {
    await recordRiskResult(result);
    await recordRiskResult({ ...result, checkId: 3, checkedAt: '2026-01-01T00:00:00.000Z' });
    expect((await riskResultsItem.get())[BAD]?.checkId).toBe(17);
    await recordRiskResult({ ...result, checkId: 20, checkedAt: '2026-05-01T00:00:00.000Z' });
    expect((await riskResultsItem.get())[BAD]?.checkId).toBe(20);
    await expect(recordRiskResult({ ...result, address: 'T123' })).rejects.toThrow();
    await expect(recordRiskResult({ ...result, score: 101 })).rejects.toThrow();
  });
});

describe('known addresses and pushes', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('resets tabs when a new address becomes known, not when a known one is used again', async () => {
    const { lookup, pushed } = setup();
    await lookup([], 4);
    await rememberProvenAccount(OWN, 1_000);
    await vi.waitFor(() => expect(pushed.filter((p) => p.update.reset)).toHaveLength(1));
    await rememberProvenAccount(OWN, 1_000 + 120_000); // used again later: only lastUsedAt moves
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(pushed.filter((p) => p.update.reset)).toHaveLength(1);
    await rememberAddress(OWN, 'rental', 1_000 + 240_000); // a new role for it: lookalikes may name it
    await vi.waitFor(() => expect(pushed.filter((p) => p.update.reset)).toHaveLength(2));
  });
});
