/**
 * Which tab hosts the TronLink bridge. TronLink lives only in web pages and refuses requests from a
 * tab that is not active (4001), so the host is an http(s) tab that Ampere activates: the one the
 * request went to before, else the tab the person is on, else a TronScan tab Ampere reuses or opens
 * (the sandbox build opens the sandbox's TronScan page, which carries the TronLink emulator).
 *
 * A tab qualifies only once the relay could be injected into it: that proves the extension may
 * script it (host permission, or the activeTab grant of a toolbar click).
 */
import { RELAY_SCRIPT_FILE } from '@/lib/tronlink/protocol';

/** A fresh TronScan tab may take a while on a slow connection; TronLink injects once it has loaded. */
const TAB_LOAD_TIMEOUT_MS = 20_000;

export interface HostPage {
  /** Opened when no tab can host the bridge. */
  url: string;
  /** Match patterns of tabs that are that page (reused before opening another). */
  matches: string[];
}

/** The TronScan page of the endpoints in force, and how to find its tabs. */
export function hostPageFor(tronscanUrl: string): HostPage {
  const url = new URL(tronscanUrl);
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { url: url.toString(), matches: [`${url.origin}${path}*`] };
}

const isWebUrl = (url: string | undefined) => url !== undefined && /^https?:\/\//i.test(url);

/** Injects the relay into `tabId`; false when the extension may not script that tab. */
async function injectRelay(tabId: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [RELAY_SCRIPT_FILE] });
    return true;
  } catch {
    return false;
  }
}

async function activate(tabId: number): Promise<void> {
  const tab = await browser.tabs.update(tabId, { active: true });
  // Focus is a courtesy: the tab is active, which is what TronLink needs (a closing window may refuse).
  if (tab?.windowId !== undefined)
    await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
}

async function waitUntilLoaded(tabId: number): Promise<void> {
  const until = Date.now() + TAB_LOAD_TIMEOUT_MS;
  while (Date.now() < until) {
    const tab = await browser.tabs.get(tabId);
    if (tab.status === 'complete') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A usable, active host tab with the relay in place; throws when none can be had. */
export async function prepareHostTab(page: HostPage, preferredTabId: number | null): Promise<number> {
  const candidates: number[] = [];
  if (preferredTabId !== null) {
    // The tab of the last request may have closed since: then it is simply no candidate.
    const preferred = await browser.tabs.get(preferredTabId).catch(() => undefined);
    if (preferred?.id !== undefined && isWebUrl(preferred.url)) candidates.push(preferred.id);
  }
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  // Without the `tabs` permission a URL is visible only where we may script anyway (host or activeTab).
  if (active?.id !== undefined && isWebUrl(active.url)) candidates.push(active.id);
  for (const tab of await browser.tabs.query({ url: page.matches })) {
    if (tab.id !== undefined) candidates.push(tab.id);
  }
  for (const tabId of new Set(candidates)) {
    // A candidate tab that closed meanwhile is skipped like one still loading.
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    if (!tab || tab.status !== 'complete') continue;
    if (!(await injectRelay(tabId))) continue;
    if (!tab.active) await activate(tabId);
    return tabId;
  }
  const created = await browser.tabs.create({ url: page.url, active: true });
  if (created.id === undefined) throw new Error('no tab could host TronLink');
  await waitUntilLoaded(created.id);
  if (!(await injectRelay(created.id))) throw new Error('the TronScan tab cannot be scripted');
  return created.id;
}
