/**
 * The extension's own browser APIs (storage, notifications, downloads, tabs, windows, the context
 * menu handler), called inside an extension page or the service worker with `evaluate`, and the
 * housekeeping of the test browser's pages.
 */
import type { Page, Worker } from 'playwright-core';
import type { ExtensionHarness } from '../extension';

/** An extension context that runs code: an extension page or the service worker. */
export type ExtensionContext = Page | Worker;

/** What a download of the extension looks like through `chrome.downloads.search`. */
export interface DownloadItem {
  id: number;
  filename: string;
  state: string;
  mime?: string;
  byExtensionId?: string;
}

/** The context-menu click the worker's handler receives (Playwright cannot click native menus). */
export interface MenuClickInfo {
  menuItemId: string;
  selectionText?: string;
  linkUrl?: string;
  pageUrl?: string;
  frameId?: number;
}

export interface MenuClickOutcome {
  ok: boolean;
  address?: string;
  reason?: string;
  from?: string;
}

type StorageArea = 'local' | 'session';

// Runs inside extension pages and the service worker (`evaluate`), where `chrome` exists.
declare const chrome: {
  storage: Record<
    StorageArea,
    {
      get(keys: string | null): Promise<Record<string, unknown>>;
      set(items: object): Promise<void>;
      remove(keys: string[]): Promise<void>;
      clear(): Promise<void>;
    }
  >;
  notifications: { getAll(): Promise<Record<string, boolean>> };
  downloads: { search(query: { id?: number }): Promise<DownloadItem[]> };
  tabs: { query(info: object): Promise<{ id?: number; url?: string }[]> };
  windows: {
    getAll(options: {
      populate: boolean;
    }): Promise<{ type?: string; tabs?: { url?: string; pendingUrl?: string }[] }[]>;
  };
};
// The sandbox build exposes the context-menu handler on the worker's global scope.
declare const globalThis: {
  __ampereMenuClick(info: MenuClickInfo, tab?: { id?: number }): Promise<MenuClickOutcome>;
};

/** Page and Worker share `evaluate`; one signature for both (`fn` runs in the extension, `arg` is JSON). */
const run = <R, Arg>(target: ExtensionContext, fn: (arg: Arg) => R | Promise<R>, arg: Arg): Promise<R> =>
  (target as Worker).evaluate(fn as (arg: unknown) => R | Promise<R>, arg);

// ── storage ──

/** `chrome.storage[area].get(keys)`: every item when `keys` is null. */
export function storageGet(
  target: ExtensionContext,
  area: StorageArea,
  keys: string | null,
): Promise<Record<string, unknown>> {
  return run(target, ([a, k]) => chrome.storage[a].get(k), [area, keys] as const);
}

export function storageSet(target: ExtensionContext, area: StorageArea, items: object): Promise<void> {
  return run(target, ([a, i]) => chrome.storage[a].set(i), [area, items] as const);
}

export function storageRemove(target: ExtensionContext, area: StorageArea, keys: string[]): Promise<void> {
  return run(target, ([a, k]) => chrome.storage[a].remove(k), [area, keys] as const);
}

export function storageClear(target: ExtensionContext, area: StorageArea): Promise<void> {
  return run(target, (a) => chrome.storage[a].clear(), area);
}

// ── notifications, downloads, tabs, windows ──

/** The ids of the notifications on screen (`job:<id>` ends a job, `aml-menu:…` answers the menu). */
export async function notificationIds(target: ExtensionContext): Promise<string[]> {
  return Object.keys(await run(target, () => chrome.notifications.getAll(), undefined));
}

export async function download(target: ExtensionContext, id: number): Promise<DownloadItem | undefined> {
  const [item] = await run(target, (downloadId) => chrome.downloads.search({ id: downloadId }), id);
  return item;
}

/** The id of the tab showing `url`, as the extension knows it. */
export async function tabIdOf(target: ExtensionContext, url: string): Promise<number> {
  const tabs = await run(target, () => chrome.tabs.query({}), undefined);
  const tab = tabs.find((t) => t.url === url);
  if (tab?.id === undefined) throw new Error(`no tab for ${url}`);
  return tab.id;
}

/** Every window with its tabs' URLs (or the URL a tab is loading), as the extension sees them. */
async function windowTabs(target: ExtensionContext): Promise<{ type?: string; urls: string[] }[]> {
  const windows = await run(target, () => chrome.windows.getAll({ populate: true }), undefined);
  return windows.map((w) => ({ type: w.type, urls: (w.tabs ?? []).map((t) => t.url || t.pendingUrl || '') }));
}

/** The URLs of every tab, as the extension sees them (the check page may not be built yet). */
export async function openTabUrls(target: ExtensionContext): Promise<string[]> {
  return (await windowTabs(target)).flatMap((w) => w.urls);
}

/** The URLs of popup windows (where the confirmation opens), as the extension sees them once loaded. */
export async function popupWindowUrls(target: ExtensionContext): Promise<string[]> {
  for (let attempt = 0; ; attempt++) {
    const urls = (await windowTabs(target)).filter((w) => w.type === 'popup').flatMap((w) => w.urls);
    // A window that was just created may not report its URL yet.
    if (!urls.includes('') || attempt >= 20) return urls;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Calls the worker's context-menu handler as a click on the menu item would (in the tab `tabId`). */
export function menuClick(worker: Worker, info: MenuClickInfo, tabId?: number): Promise<MenuClickOutcome> {
  return worker.evaluate(
    ([i, id]) => globalThis.__ampereMenuClick(i, id === undefined ? undefined : { id }),
    [info, tabId] as const,
  );
}

// ── the browser's pages ──

/** Closes every page of the browser but `keep` (all of them without it). */
export async function closePages(harness: ExtensionHarness, keep?: Page): Promise<void> {
  for (const page of harness.context.pages()) if (page !== keep) await page.close();
}
