/**
 * Pushes badge updates to the tabs where the TronScan content script runs, and only to them: a tab
 * is registered when its content script asks for badges and dropped when it closes or stops
 * answering. The registry lives in `storage.session` so a restarted worker still knows the tabs.
 */
import { sendMessage } from '@/lib/messaging';
import { riskTabsItem } from './schemas';
import type { RiskUpdate } from '@/lib/risk/badge-model';
import { createLogger } from '@/lib/log';

type Send = (tabId: number, update: RiskUpdate) => Promise<void>;

const log = createLogger('risk');

const sendToTab: Send = (tabId, update) => sendMessage('risk.update', update, tabId);

/** The tab registry and the broadcast; `send` is injectable for tests. */
export function createTabUpdates(send: Send = sendToTab) {
  // One read shared by every caller: two lookups arriving as the worker starts must not each build
  // a set and have the second replace the first (and forget the tab the first one added).
  let mirror: Promise<Set<number>> | null = null;

  function tabs(): Promise<Set<number>> {
    mirror ??= riskTabsItem.get().then(
      (ids) => new Set(ids),
      (error: unknown) => {
        log.warn(
          'the registered TronScan tabs could not be read; they get updates once they ask again',
          error,
        );
        return new Set<number>();
      },
    );
    return mirror;
  }

  async function untrack(tabId: number): Promise<void> {
    (await tabs()).delete(tabId);
    await riskTabsItem.update((current) => current.filter((id) => id !== tabId));
  }

  return {
    /** Remembers that `tabId` runs the content script (a cheap no-op when already known). */
    async track(tabId: number): Promise<void> {
      const known = await tabs();
      if (known.has(tabId)) return;
      known.add(tabId);
      await riskTabsItem.update((current) => (current.includes(tabId) ? current : [...current, tabId]));
    },
    untrack,
    /** Sends `update` to every registered tab; a tab that no longer answers is dropped. */
    async broadcast(update: RiskUpdate): Promise<void> {
      await Promise.all(
        [...(await tabs())].map((tabId) =>
          send(tabId, update).catch(() => {
            // No receiver: the tab navigated away from TronScan or was discarded.
            return untrack(tabId);
          }),
        ),
      );
    },
  };
}

export type TabUpdates = ReturnType<typeof createTabUpdates>;
