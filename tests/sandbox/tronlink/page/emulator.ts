/**
 * The TronLink emulator's page script (main world). Served by the sandbox as `/tronlink/emulator.js`
 * with a prelude that defines `__TRONLINK_BOOT__` and `__loadTronWeb` (see script.ts). Runs once per
 * page even when both a `<script src>` and a Playwright init script inject it.
 *
 * Controls: `window.__tronlinkEmulator.configure({mode, delayMs, account, connected})`, a
 * `window.__tronlinkEmulatorConfig` object set before the script runs, or `POST /tronlink/config`.
 */
import type { Boot, LocalConfig, TronWebModule } from './boot';
import { createPolicy } from './policy';
import { installTronLink, type InstalledTronLink } from './providers';

declare const __TRONLINK_BOOT__: Boot;
declare function __loadTronWeb(): TronWebModule;

interface EmulatorState {
  installed: boolean;
  mode: string;
  delayMs: number;
  account: { name: string; address: string } | null;
  connected: boolean;
  /** The address the page can see (connected and unlocked), else false. */
  exposedAddress: string | false;
  revision: number;
}

interface EmulatorHandle {
  configure(update: LocalConfig): Promise<EmulatorState>;
  /** Re-reads the sandbox's stored policy now (it is also read before every prompt). */
  refresh(): Promise<EmulatorState>;
  state(): EmulatorState;
}

declare global {
  interface Window {
    __tronlinkEmulator?: EmulatorHandle;
    __tronlinkEmulatorConfig?: LocalConfig;
  }
}

function startEmulator(): void {
  if (window.__tronlinkEmulator) return;
  const boot = __TRONLINK_BOOT__;
  const policy = createPolicy(boot);
  let tronWebModule: TronWebModule | null = null;
  let installed: InstalledTronLink | null = null;

  function applyLocal(update: LocalConfig): void {
    const { connected, ...rest } = update;
    policy.configure(rest);
    if (connected !== undefined && connected !== policy.isConnected()) {
      policy.setConnected(connected);
      if (!connected) installed?.emitDisconnect();
    }
  }

  /** Installs or removes the injected objects to match the policy, then syncs the account. */
  async function apply(): Promise<void> {
    if (policy.effective().mode === 'absent') {
      installed?.remove();
      installed = null;
      return;
    }
    installed ??= installTronLink(boot, policy, (tronWebModule ??= __loadTronWeb()));
    await installed.sync();
  }

  function state(): EmulatorState {
    const { mode, delayMs, revision } = policy.effective();
    return {
      installed: installed !== null,
      mode,
      delayMs,
      account: installed?.selectedAccount() ?? null,
      connected: policy.isConnected(),
      exposedAddress: installed?.exposedAddress() ?? false,
      revision,
    };
  }

  if (window.__tronlinkEmulatorConfig) applyLocal(window.__tronlinkEmulatorConfig);
  window.__tronlinkEmulator = Object.freeze({
    async configure(update: LocalConfig) {
      applyLocal(update);
      await apply();
      return state();
    },
    async refresh() {
      await policy.refresh();
      await apply();
      return state();
    },
    state,
  });
  // Synchronous for a present TronLink: pages test `window.tronWeb` right after their own scripts start.
  if (policy.effective().mode !== 'absent')
    installed = installTronLink(boot, policy, (tronWebModule = __loadTronWeb()));
  void apply();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void policy.refresh().then(apply);
  });
}

startEmulator();
