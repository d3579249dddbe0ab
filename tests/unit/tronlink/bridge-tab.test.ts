/**
 * The bridge tab over a scripted browser: which tab is used, how its document is pinned, and that a
 * tab which navigated away is never scripted again.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { bridgeHostFor, bridgeTabItem, createBridgeTabs, type BridgeTabApi } from '@/lib/tronlink/bridge';
import { RELAY_SCRIPT_FILE } from '@/lib/tronlink/protocol';

const HOST = bridgeHostFor('https://tronscan.org', false)!;
const TRONSCAN = 'https://tronscan.org/#/';

interface FakeTab {
  id: number;
  url: string;
  status: string;
  active: boolean;
  windowId: number;
  /** Bumped by every navigation: each load is a new document. */
  document: number;
}

/** A browser with tabs whose documents have ids, like Chrome's `documentId`. */
function fakeTabs(initial: Omit<FakeTab, 'document'>[]) {
  const tabs = new Map<number, FakeTab>(initial.map((tab) => [tab.id, { ...tab, document: 1 }]));
  const injected: { tabId: number; documentId: string; what: string }[] = [];
  let nextId = 100;
  const documentOf = (tab: FakeTab) => `doc-${tab.id}-${tab.document}`;
  const api: BridgeTabApi = {
    tabs: {
      async get(tabId) {
        const tab = tabs.get(tabId);
        if (!tab) throw new Error(`No tab with id: ${tabId}`);
        return { ...tab };
      },
      async query(query) {
        return [...tabs.values()].filter(
          (tab) =>
            (query.active === undefined || tab.active === query.active) &&
            (query.windowId === undefined || tab.windowId === query.windowId) &&
            (query.url === undefined ||
              query.url.some((pattern) => tab.url.startsWith(pattern.slice(0, -1)))),
        );
      },
      async create({ url, active }) {
        const tab = { id: nextId++, url, status: 'complete', active, windowId: 1, document: 1 };
        tabs.set(tab.id, tab);
        return { ...tab };
      },
      async update(tabId, { active }) {
        const tab = tabs.get(tabId)!;
        if (active)
          for (const other of tabs.values()) if (other.windowId === tab.windowId) other.active = false;
        tab.active = active;
        return { ...tab };
      },
      async remove(tabId) {
        tabs.delete(tabId);
      },
    },
    windows: { update: async () => undefined },
    scripting: {
      async executeScript({ target, files, func }) {
        const tab = tabs.get(target.tabId);
        if (!tab) throw new Error('No tab');
        if (target.documentIds && !target.documentIds.includes(documentOf(tab)))
          throw new Error(`No document with id ${target.documentIds[0]}`);
        injected.push({ tabId: tab.id, documentId: documentOf(tab), what: files?.[0] ?? func!.name });
        // `documentLocation` reads location.href in the document itself.
        return [{ documentId: documentOf(tab), frameId: 0, result: files ? undefined : tab.url }];
      },
    },
  };
  return {
    api,
    tabs,
    injected,
    /** The tab loads another page: a new document. */
    navigate(tabId: number, url: string) {
      const tab = tabs.get(tabId)!;
      tab.url = url;
      tab.document++;
    },
  };
}

const bridgeTabsOver = (browser: ReturnType<typeof fakeTabs>, host = HOST) =>
  createBridgeTabs({ host: async () => host, api: browser.api, sleep: async () => undefined });

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the bridge tab', () => {
  it('never uses the person’s current tab: it opens TronScan in the background and pins its document', async () => {
    const browser = fakeTabs([
      { id: 1, url: 'https://hostile.example/', status: 'complete', active: true, windowId: 1 },
    ]);
    const tabs = bridgeTabsOver(browser);
    // Even asked for the current tab, it does not take it.
    const pinned = await tabs.acquire(1);
    expect(pinned.tabId).not.toBe(1);
    expect(pinned).toMatchObject({ openedByAmpere: true, documentId: `doc-${pinned.tabId}-1` });
    expect(browser.tabs.get(pinned.tabId)!.url).toBe('https://tronscan.org/');
    expect(browser.tabs.get(1)!.active).toBe(true);
    expect(browser.injected.every((entry) => entry.tabId !== 1)).toBe(true);
    expect(browser.injected[0]).toMatchObject({ what: RELAY_SCRIPT_FILE });
  });

  it('reuses a TronScan tab that is open, and pins the same document next time', async () => {
    const browser = fakeTabs([
      { id: 1, url: 'https://hostile.example/', status: 'complete', active: true, windowId: 1 },
      { id: 2, url: TRONSCAN, status: 'complete', active: false, windowId: 1 },
    ]);
    const tabs = bridgeTabsOver(browser);
    expect(await tabs.acquire(null)).toMatchObject({
      tabId: 2,
      documentId: 'doc-2-1',
      openedByAmpere: false,
    });
    expect(await tabs.acquire(2)).toMatchObject({ tabId: 2, documentId: 'doc-2-1' });
    expect(browser.tabs.size).toBe(2);
    expect(await tabs.target(2)).toEqual({ tabId: 2, documentIds: ['doc-2-1'] });
  });

  it('treats a tab that navigated away as gone, and never scripts its new document', async () => {
    const browser = fakeTabs([{ id: 2, url: TRONSCAN, status: 'complete', active: true, windowId: 1 }]);
    const tabs = bridgeTabsOver(browser);
    await tabs.acquire(null);

    browser.navigate(2, 'https://hostile.example/');
    await expect(tabs.target(2)).rejects.toMatchObject({ reason: 'tab_gone' });
    // Back on TronScan, but a new document: the pin still refuses it.
    browser.navigate(2, TRONSCAN);
    const before = browser.injected.length;
    await expect(
      browser.api.scripting.executeScript({ target: await tabs.target(2), func: () => 0 }),
    ).rejects.toThrow('No document');
    expect(browser.injected.length).toBe(before);

    // The next request pins the new TronScan document (a fresh check, a fresh relay).
    expect(await tabs.acquire(2)).toMatchObject({ tabId: 2, documentId: 'doc-2-3' });
  });

  it('does not take a preferred tab that left TronScan, and opens another', async () => {
    const browser = fakeTabs([{ id: 2, url: TRONSCAN, status: 'complete', active: true, windowId: 1 }]);
    const tabs = bridgeTabsOver(browser);
    await tabs.acquire(null);
    browser.navigate(2, 'http://tronscan.org/'); // plain http is not TronScan
    const pinned = await tabs.acquire(2);
    expect(pinned.tabId).not.toBe(2);
    expect(browser.injected.filter((entry) => entry.tabId === 2 && entry.documentId === 'doc-2-2')).toEqual(
      [],
    );
  });

  it('refuses to script anything when the TronScan address in force is not trusted', async () => {
    const browser = fakeTabs([
      { id: 1, url: 'http://tronscan.org/', status: 'complete', active: true, windowId: 1 },
    ]);
    const tabs = createBridgeTabs({
      host: async () => bridgeHostFor('http://tronscan.org', false),
      api: browser.api,
    });
    await expect(tabs.acquire(1)).rejects.toMatchObject({ reason: 'untrusted_host' });
    expect(browser.injected).toEqual([]);
  });

  it('comes forward only while needed: the person’s tab comes back, and a tab Ampere opened closes', async () => {
    const browser = fakeTabs([
      { id: 1, url: 'https://news.example/', status: 'complete', active: true, windowId: 1 },
    ]);
    const tabs = bridgeTabsOver(browser);
    const { tabId } = await tabs.acquire(null);
    expect(browser.tabs.get(tabId)!.active).toBe(false);
    await tabs.bringForward(tabId);
    expect(browser.tabs.get(tabId)!.active).toBe(true);
    // After a connect it stays in the background, for the rental that usually follows.
    await tabs.release({ close: false });
    expect(browser.tabs.get(tabId)!.active).toBe(false);
    expect(browser.tabs.get(1)!.active).toBe(true);
    await tabs.bringForward(tabId);
    await tabs.release({ close: true });
    expect(browser.tabs.has(tabId)).toBe(false);
    expect(browser.tabs.get(1)!.active).toBe(true);
    expect(await bridgeTabItem.get()).toMatchObject({ tabId: null, documentId: null });
  });

  it('leaves a TronScan tab the person opened where it is, only giving their tab back', async () => {
    const browser = fakeTabs([
      { id: 1, url: 'https://news.example/', status: 'complete', active: true, windowId: 1 },
      { id: 2, url: TRONSCAN, status: 'complete', active: false, windowId: 1 },
    ]);
    const tabs = bridgeTabsOver(browser);
    await tabs.acquire(null);
    await tabs.bringForward(2);
    await tabs.release({ close: true });
    expect(browser.tabs.has(2)).toBe(true);
    expect(browser.tabs.get(1)!.active).toBe(true);
  });

  it('hears a relay only from the top frame of a pinned document on the host', async () => {
    const browser = fakeTabs([{ id: 2, url: TRONSCAN, status: 'complete', active: true, windowId: 1 }]);
    const tabs = bridgeTabsOver(browser);
    await tabs.acquire(null);
    const relay = { tabId: 2, frameId: 0, documentId: 'doc-2-1', url: TRONSCAN };
    expect(await tabs.isBridgeSender(relay)).toBe(true);
    expect(await tabs.isBridgeSender({ ...relay, documentId: 'doc-7-1' })).toBe(false);
    expect(await tabs.isBridgeSender({ ...relay, frameId: 3 })).toBe(false);
    expect(await tabs.isBridgeSender({ ...relay, documentId: undefined })).toBe(false);
    expect(await tabs.isBridgeSender({ ...relay, url: 'https://hostile.example/' })).toBe(false);
  });
});
