/**
 * What the sandbox hands the page script when it serves `/tronlink/emulator.js` (see script.ts), and
 * the configuration shapes the page works with. Browser code: imports types only.
 */
import type { EmulatorConfig, EmulatorMode } from '../emulator-config';

export type { EmulatorConfig, EmulatorMode };

export interface AccountKey {
  address: string;
  privateKey: string;
}

export interface Boot {
  /** The sandbox origin: the node is at `${origin}/tron`, the policy at `${origin}/tronlink/config`. */
  origin: string;
  config: EmulatorConfig;
  /** Keys of the accounts the script may need at once (the configured one). */
  accounts: Record<string, AccountKey>;
}

/** What a page (or Playwright) may set with `window.__tronlinkEmulator.configure()`. */
export interface LocalConfig {
  mode?: EmulatorMode;
  delayMs?: number;
  account?: string;
  /** Connects or disconnects this site, as the user would in TronLink's "connected sites". */
  connected?: boolean;
}

/** The TronWeb browser build, as its UMD wrapper exports it. */
export interface TronWebModule {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  TronWeb: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Trx: any;
}
