/**
 * The background's end of the TronLink bridge: runs the main-world function in the pinned document
 * of the bridge tab (bridge-tab.ts, never the person's current tab) and reads back what its relay
 * kept. A report reaches the background twice when the worker lives (straight from
 * `executeScript`, and through the relay); both are applied idempotently.
 */
import type { RelayPeek, TronLinkBridgeApi } from './protocol';
import { tronLinkMainWorld } from '@/lib/tronlink/main-world';
import { BRIDGE_MESSAGE_SOURCE, RELAY_GLOBAL, type BridgeRequest } from '@/lib/tronlink/protocol';
import { relayRecordSchema } from '@/lib/tronlink/schemas';
import type { BridgeTabs } from './bridge-tab';

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
