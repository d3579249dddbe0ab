/**
 * The approval policy inside the page: the sandbox's stored config, a page-local override that
 * lasts until the stored config changes, and the decision TronLink's popup would end with.
 */
import type { Boot, EmulatorConfig, LocalConfig } from './boot';

export type Decision = 'approved' | 'rejected' | 'locked' | 'absent' | 'hidden';

/** How long a policy read may take before the last known policy is used. */
const CONFIG_READ_TIMEOUT_MS = 2_000;

export function createPolicy(boot: Boot) {
  let stored: EmulatorConfig = boot.config;
  let local: (LocalConfig & { baseRevision: number }) | null = null;
  let connectionInFlight: boolean | null = null;

  function effective(): EmulatorConfig {
    // A change stored after the page's own configure() wins, so an e2e test can always take over.
    const override = local && local.baseRevision >= stored.revision ? local : null;
    if (!override) return stored;
    const { baseRevision: _ignored, ...values } = override;
    return { ...stored, ...values };
  }

  async function refresh(): Promise<void> {
    try {
      const response = await fetch(`${boot.origin}/tronlink/config`, {
        cache: 'no-store',
        signal: AbortSignal.timeout(CONFIG_READ_TIMEOUT_MS),
      });
      if (response.ok) stored = (await response.json()) as EmulatorConfig;
    } catch {
      // The sandbox being slow or gone leaves the last known policy in force.
    }
  }

  return {
    effective,
    refresh,
    /** True when the user has connected this site (TronLink's whitelist, kept by the sandbox). */
    isConnected(): boolean {
      return connectionInFlight ?? stored.connectedOrigins.includes(location.origin);
    },
    /** Connects or disconnects this site; remembered by the sandbox so a reload keeps it, like TronLink. */
    setConnected(connected: boolean): void {
      // Until the sandbox has stored it, a policy read must not undo the change.
      connectionInFlight = connected;
      const others = stored.connectedOrigins.filter((origin) => origin !== location.origin);
      stored = { ...stored, connectedOrigins: connected ? [...others, location.origin] : others };
      void fetch(`${boot.origin}/tronlink/connections`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ origin: location.origin, connected }),
      })
        .catch(() => undefined)
        .finally(() => {
          if (connectionInFlight === connected) connectionInFlight = null;
        });
    },
    /** Sets the page-local override of mode, delay or account (merged into any earlier one). */
    configure(update: Omit<LocalConfig, 'connected'>): void {
      local = {
        ...(local && local.baseRevision >= stored.revision ? local : {}),
        ...update,
        baseRevision: stored.revision,
      };
    },
    /**
     * The outcome of a prompt: re-reads the policy first, and for `delay` waits, then re-reads it
     * again, so a test can flip the answer while the "popup" is open.
     */
    async decide(): Promise<Decision> {
      if (document.visibilityState !== 'visible') return 'hidden';
      await refresh();
      const atPrompt = effective();
      if (atPrompt.mode === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, atPrompt.delayMs));
        await refresh();
      }
      switch (atPrompt.mode === 'delay' ? effective().mode : atPrompt.mode) {
        case 'approve':
        case 'delay':
          return 'approved';
        case 'reject':
          return 'rejected';
        case 'locked':
          return 'locked';
        case 'absent':
          return 'absent';
      }
    },
  };
}

export type Policy = ReturnType<typeof createPolicy>;
