/**
 * The TronLink bridge: the one host page allowed to run it, the one bridge tab Ampere reuses or
 * opens there, and running `main-world.ts` in that tab's pinned document with the relay reporting back.
 */

import { IS_SANDBOX_BUILD } from '../config/build-mode';
import { PRODUCTION_HOSTS } from '../config/hosts';
import { z } from 'zod';
import { defineValidatedItem } from '../storage';
import { createSerialQueue } from '../queue';
import {
  RELAY_SCRIPT_FILE,
  type RelayPeek,
  type TronLinkBridgeApi,
  BRIDGE_MESSAGE_SOURCE,
  RELAY_GLOBAL,
  type BridgeRequest,
} from './protocol';
import { tronLinkMainWorld } from '@/lib/tronlink/main-world';
import { relayRecordSchema } from '@/lib/tronlink/reports';

/*
 * The one page allowed to host the TronLink bridge. Whatever page runs the bridge owns
 * `window.tron` / `tronWeb` and can change what TronLink is asked to pay or sign, so the bridge runs
 * only on TronScan over https (the sandbox's TronScan page in sandbox builds, which serve plain
 * http from the loopback address), and every URL is checked against it before a script runs.
 */
export interface BridgeHost {
  /** Opened when no tab of the host is there to reuse. */
  url: string;
  /** The exact origin a bridge document must have. */
  origin: string;
  /** The path every bridge document starts with ('/' in production). */
  pathPrefix: string;
  /** Match patterns of the host's tabs, for `tabs.query`. */
  matches: string[];
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The bridge host for the TronScan address in force, or null when it may not host the bridge:
 * production accepts only https://tronscan.org; a sandbox build only its own http loopback page.
 */
export function bridgeHostFor(tronscanUrl: string, sandboxBuild = IS_SANDBOX_BUILD): BridgeHost | null {
  let url: URL;
  try {
    url = new URL(tronscanUrl);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  const trusted = sandboxBuild
    ? url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)
    : url.protocol === 'https:' && url.origin === PRODUCTION_HOSTS.tronscan;
  if (!trusted) return null;
  const pathPrefix = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return {
    url: `${url.origin}${pathPrefix}`,
    origin: url.origin,
    pathPrefix,
    matches: [`${url.origin}${pathPrefix}*`],
  };
}

/** True when `url` is a document of `host`: the same origin and under its path. */
export function isBridgeUrl(host: BridgeHost, url: string | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  return parsed.origin === host.origin && `${parsed.pathname}/`.startsWith(host.pathPrefix);
}

/*
 * The bridge tab: one tab on the bridge host (the bridge host above) that Ampere reuses or opens, whose
 * document is pinned by id. Every script runs in that very document (`target.documentIds`), after its
 * tab's URL was checked; a tab that navigated away has another document, so the pin no longer
 * matches and the tab counts as gone. The tab comes forward only while TronLink needs the person
 * (TronLink refuses requests from a tab that is not visible), and goes back — closed if Ampere
 * opened it — once nothing waits for TronLink.
 *
 * Never the person's current tab: a page they happen to be on may wrap TronLink's objects.
 */
/** A fresh TronScan tab may take a while on a slow connection; TronLink injects once it has loaded. */
const TAB_LOAD_TIMEOUT_MS = 20_000;
/** Earlier pinned documents whose relays may still deliver a late answer. */
const DOCUMENTS_KEPT = 8;

export const bridgeTabSchema = z
  .object({
    /** Null once Ampere closed the tab it had opened. */
    tabId: z.number().int().nullable(),
    documentId: z.string().min(1).max(200).nullable(),
    /** Ampere opened it, so Ampere closes it when done. */
    openedByAmpere: z.boolean(),
    /** The tab the person was on before the bridge tab came forward; shown again afterwards. */
    returnTabId: z.number().int().nullable(),
    /** Documents pinned in this browser session (the current one last); only their relays are heard. */
    documents: z.array(z.string().min(1).max(200)).max(DOCUMENTS_KEPT),
  })
  .nullable()
  .catch(null);
export type BridgeTab = NonNullable<z.output<typeof bridgeTabSchema>>;
/** A bridge tab whose document is pinned now. */
export type PinnedTab = BridgeTab & { tabId: number; documentId: string };

/** The pinned bridge tab (memory only: tab and document ids die with the browser session). */
export const bridgeTabItem = defineValidatedItem('session:tronLinkBridgeTab', bridgeTabSchema, {
  fallback: null,
});

/** Why no script may run: the host is not trusted, or the pinned document is gone. */
export class BridgeTabUnavailable extends Error {
  constructor(readonly reason: 'untrusted_host' | 'tab_gone' | 'no_tab') {
    super(`the TronLink bridge tab is unavailable: ${reason}`);
    this.name = 'BridgeTabUnavailable';
  }
}

interface TabInfo {
  id?: number;
  url?: string;
  status?: string;
  active?: boolean;
  windowId?: number;
}

interface InjectionTarget {
  tabId: number;
  frameIds?: number[];
  documentIds?: string[];
}

/** The part of the extension API the bridge tab uses (a test hands in a fake). */
export interface BridgeTabApi {
  tabs: {
    get(tabId: number): Promise<TabInfo>;
    query(query: { url?: string[]; active?: boolean; windowId?: number }): Promise<TabInfo[]>;
    create(properties: { url: string; active: boolean }): Promise<TabInfo>;
    update(tabId: number, properties: { active: boolean }): Promise<TabInfo | undefined>;
    remove(tabId: number): Promise<void>;
  };
  windows: { update(windowId: number, properties: { focused: boolean }): Promise<unknown> };
  scripting: {
    executeScript(injection: {
      target: InjectionTarget;
      files?: string[];
      func?: (...args: never[]) => unknown;
    }): Promise<{ result?: unknown; documentId?: string; frameId?: number }[]>;
  };
}

/** What a runtime message sender says about itself (Chrome fills `documentId` since 106). */
export interface BridgeSender {
  tabId?: number;
  frameId?: number;
  documentId?: string;
  url?: string;
}

/** The document's own address, read in the isolated world where the page cannot fake `location`. */
function documentLocation(): string {
  return location.href;
}

/** Creates the bridge tab over the host in force, the extension API and the pin's storage. */
export function createBridgeTabs(options: {
  host: () => Promise<BridgeHost | null>;
  api: BridgeTabApi;
  store?: Pick<typeof bridgeTabItem, 'get' | 'set'>;
  sleep?: (ms: number) => Promise<void>;
}) {
  const { api } = options;
  const store = options.store ?? bridgeTabItem;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  /** Two requests at once (connect and a rental) must not open two tabs. */
  const inTurn = createSerialQueue();

  const trustedHost = async (): Promise<BridgeHost> => {
    const host = await options.host();
    if (!host) throw new BridgeTabUnavailable('untrusted_host');
    return host;
  };

  const tabOf = (tabId: number) => api.tabs.get(tabId).catch((): TabInfo | undefined => undefined);

  /** The document's address as the document itself reports it, or null when it is gone. */
  async function locationOf(tabId: number, documentId: string): Promise<string | null> {
    try {
      const [answer] = await api.scripting.executeScript({
        target: { tabId, documentIds: [documentId] },
        func: documentLocation,
      });
      return typeof answer?.result === 'string' ? answer.result : null;
    } catch {
      return null;
    }
  }

  /**
   * Injects the relay into the tab's top document and pins that document; null when the tab may
   * not be scripted or its document is not the bridge host's (it may have navigated meanwhile).
   */
  async function pinDocument(host: BridgeHost, tabId: number): Promise<string | null> {
    let documentId: string | undefined;
    try {
      const [injected] = await api.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        files: [RELAY_SCRIPT_FILE],
      });
      documentId = injected?.documentId;
    } catch {
      return null;
    }
    if (!documentId) return null;
    return isBridgeUrl(host, (await locationOf(tabId, documentId)) ?? undefined) ? documentId : null;
  }

  async function waitUntilLoaded(tabId: number): Promise<void> {
    const until = Date.now() + TAB_LOAD_TIMEOUT_MS;
    while (Date.now() < until) {
      const tab = await tabOf(tabId);
      if (!tab) throw new BridgeTabUnavailable('tab_gone');
      if (tab.status === 'complete') return;
      await sleep(100);
    }
  }

  async function pin(tabId: number, documentId: string, openedByAmpere: boolean): Promise<PinnedTab> {
    const before = await store.get();
    const documents = [...(before?.documents ?? []).filter((id) => id !== documentId), documentId];
    const pinned: PinnedTab = {
      tabId,
      documentId,
      openedByAmpere,
      returnTabId: before?.tabId === tabId ? before.returnTabId : null,
      documents: documents.slice(-DOCUMENTS_KEPT),
    };
    await store.set(pinned);
    return pinned;
  }

  /** The pinned tab while its document is still the bridge host's, else null. */
  async function livePin(host: BridgeHost): Promise<PinnedTab | null> {
    const pinned = await store.get();
    if (!pinned || pinned.tabId === null || pinned.documentId === null) return null;
    const tab = await tabOf(pinned.tabId);
    if (!tab || !isBridgeUrl(host, tab.url)) return null;
    return isBridgeUrl(host, (await locationOf(pinned.tabId, pinned.documentId)) ?? undefined)
      ? { ...pinned, tabId: pinned.tabId, documentId: pinned.documentId }
      : null;
  }

  async function acquire(preferredTabId: number | null): Promise<PinnedTab> {
    const host = await trustedHost();
    const live = await livePin(host);
    if (live) return live;
    const pinned = await store.get();
    const candidates: number[] = [];
    if (preferredTabId !== null) candidates.push(preferredTabId);
    for (const tab of await api.tabs.query({ url: host.matches })) {
      if (tab.id !== undefined) candidates.push(tab.id);
    }
    for (const tabId of new Set(candidates)) {
      const tab = await tabOf(tabId);
      // Only a loaded tab of the host: the preferred tab may have navigated anywhere since.
      if (!tab || tab.status !== 'complete' || !isBridgeUrl(host, tab.url)) continue;
      const documentId = await pinDocument(host, tabId);
      if (documentId) return pin(tabId, documentId, pinned?.tabId === tabId && pinned.openedByAmpere);
    }
    const created = await api.tabs.create({ url: host.url, active: false });
    if (created.id === undefined) throw new BridgeTabUnavailable('no_tab');
    await waitUntilLoaded(created.id);
    const documentId = await pinDocument(host, created.id);
    if (!documentId) {
      await api.tabs.remove(created.id).catch(() => undefined);
      throw new BridgeTabUnavailable('no_tab');
    }
    return pin(created.id, documentId, true);
  }

  return {
    /** The pinned bridge tab, reused while its document lives, else another host tab or a new one. */
    acquire: (preferredTabId: number | null): Promise<PinnedTab> => inTurn(() => acquire(preferredTabId)),

    /**
     * The injection target of the pinned document of `tabId`, checked now: the tab must still show
     * the bridge host. Throws `BridgeTabUnavailable` otherwise (the tab navigated or closed).
     */
    async target(tabId: number): Promise<{ tabId: number; documentIds: string[] }> {
      const host = await trustedHost();
      const pinned = await store.get();
      if (!pinned || pinned.tabId !== tabId || pinned.documentId === null)
        throw new BridgeTabUnavailable('tab_gone');
      const tab = await tabOf(tabId);
      if (!tab || !isBridgeUrl(host, tab.url)) throw new BridgeTabUnavailable('tab_gone');
      return { tabId, documentIds: [pinned.documentId] };
    },

    /** Shows the bridge tab (TronLink answers only a visible tab), remembering the person's tab. */
    bringForward: (tabId: number): Promise<void> =>
      inTurn(async () => {
        const pinned = await store.get();
        const tab = await tabOf(tabId);
        if (!pinned || pinned.tabId !== tabId || !tab) return;
        if (!tab.active) {
          const [current] = await api.tabs.query({ active: true, windowId: tab.windowId });
          const returnTabId = pinned.returnTabId ?? (current?.id !== tabId ? (current?.id ?? null) : null);
          await store.set({ ...pinned, returnTabId });
          await api.tabs.update(tabId, { active: true });
        }
        // Focus is a courtesy: the tab is active, which is what TronLink needs.
        if (tab.windowId !== undefined)
          await api.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
      }),

    /**
     * Nothing waits for TronLink: the person's tab comes back, and with `close` a tab Ampere opened
     * closes (kept in the background otherwise, for the request that usually follows).
     */
    release: (options: { close: boolean }): Promise<void> =>
      inTurn(async () => {
        const pinned = await store.get();
        if (!pinned) return;
        if (pinned.returnTabId !== null) {
          // The person's tab may have closed meanwhile; then the browser picks one.
          await api.tabs.update(pinned.returnTabId, { active: true }).catch(() => undefined);
        }
        if (options.close && pinned.openedByAmpere && pinned.tabId !== null) {
          await api.tabs.remove(pinned.tabId).catch(() => undefined);
          // The document ids stay listed: a relay message already on its way is still heard.
          await store.set({ ...pinned, tabId: null, documentId: null, returnTabId: null });
          return;
        }
        await store.set({ ...pinned, returnTabId: null });
      }),

    /** True when a runtime message comes from the top frame of a pinned bridge document. */
    async isBridgeSender(sender: BridgeSender): Promise<boolean> {
      const host = await options.host();
      const pinned = await store.get();
      if (!host || !pinned || !sender.documentId || sender.frameId !== 0) return false;
      return pinned.documents.includes(sender.documentId) && isBridgeUrl(host, sender.url);
    },
  };
}

export type BridgeTabs = ReturnType<typeof createBridgeTabs>;

/*
 * The background's end of the TronLink bridge: runs the main-world function in the pinned document
 * of the bridge tab (the bridge tab above, never the person's current tab) and reads back what its relay
 * kept. A report reaches the background twice when the worker lives (straight from
 * `executeScript`, and through the relay); both are applied idempotently.
 */
/** Reads the relay's record of `nonce` in the isolated world of the tab (self-contained: serialised). */
function readRelayRecord(globalName: string, nonce: string): unknown {
  const relay = (globalThis as unknown as Record<string, { peek?: (n: string) => unknown } | undefined>)[
    globalName
  ];
  return relay && typeof relay.peek === 'function' ? (relay.peek(nonce) ?? null) : 'no_relay';
}

/** Creates the bridge over the bridge tab. */
export function createTronLinkBridge(tabs: BridgeTabs): TronLinkBridgeApi {
  return {
    async start(request: BridgeRequest, preferredTabId, onReport) {
      const { tabId } = await tabs.acquire(preferredTabId);
      await tabs.bringForward(tabId);
      // Checked again right before the script runs: the tab may have navigated while it came forward.
      const target = await tabs.target(tabId);
      // Not awaited: it resolves only when TronLink answers, which may be minutes away.
      void browser.scripting
        .executeScript({
          target,
          world: 'MAIN',
          func: tronLinkMainWorld as (...args: unknown[]) => unknown,
          args: [request, BRIDGE_MESSAGE_SOURCE],
        })
        .then((results) => {
          const report = results?.[0]?.result;
          if (report !== undefined && report !== null) onReport(report);
        })
        // The tab closed or navigated before TronLink answered: the job's watch takes it from here.
        .catch(() => undefined);
      return { tabId };
    },

    async peek(tabId, nonce): Promise<RelayPeek> {
      let answer: unknown;
      try {
        const [result] = await browser.scripting.executeScript({
          // A tab that navigated since has another document: the pin refuses it, and it counts as gone.
          target: await tabs.target(tabId),
          func: readRelayRecord as (...args: unknown[]) => unknown,
          args: [RELAY_GLOBAL, nonce],
        });
        answer = result?.result;
      } catch {
        return 'tab_gone';
      }
      // No relay in the tab: it navigated or reloaded since, and its answer went with it.
      if (answer === 'no_relay') return 'tab_gone';
      const record = relayRecordSchema.safeParse(answer);
      if (!record.success) return 'unknown';
      return record.data.phase === 'done'
        ? { phase: 'done', report: record.data.report }
        : { phase: 'started' };
    },
  };
}
