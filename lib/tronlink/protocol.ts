/**
 * What travels between the background, the main-world bridge function and the isolated relay.
 *
 * Path of a result: main world --window.postMessage--> relay (isolated world of the same tab)
 * --runtime.sendMessage--> background. The page sees and can forge anything posted on its window,
 * so the background treats every reported txid and signature as a claim to check on the chain or
 * against the payer's key, never as a fact.
 */
/** Marks our window messages among everything else a page posts. */
export const BRIDGE_MESSAGE_SOURCE = 'ampere-tronlink-bridge';

/** Where WXT emits the runtime-registered relay content script. */
export const RELAY_SCRIPT_FILE = '/content-scripts/tronlink-relay.js';

/** The isolated-world global through which the background reads a result the relay kept. */
export const RELAY_GLOBAL = '__ampereTronLinkRelay';

export const BRIDGE_OPS = ['connect', 'pay', 'sign'] as const;
export type BridgeOp = (typeof BRIDGE_OPS)[number];

/** One request to TronLink, as handed to the main-world function. */
export interface BridgeRequest {
  /** Fresh and random per request; results are routed by it. */
  nonce: string;
  op: BridgeOp;
  /** pay / sign: the account the job expects TronLink to act as. */
  expectedAccount?: string;
  /** pay: the TronNRG payment address. */
  payTo?: string;
  /** pay: whole sun as a decimal string (TronLink's API takes a number; converted at the last step). */
  amountSun?: string;
  /** pay: a note the receiver requires with the transfer (a 2aml deposit memo), sent as its data. */
  memo?: string;
  /** sign: the exact text to sign with `signMessageV2`. */
  message?: string;
  /** How long to wait for TronLink to inject itself into a page that is still loading. */
  waitForProviderMs: number;
}

/** Which of TronLink's injected objects answered. */
export const PROVIDERS = ['tron', 'tronLink', 'tronWeb'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** A message the main world posts on its window; `started` first, then `done` with the report. */
export interface BridgeWindowMessage {
  source: typeof BRIDGE_MESSAGE_SOURCE;
  nonce: string;
  op: BridgeOp;
  phase: 'started' | 'done';
  report?: unknown;
}

/** What the relay kept for a nonce, or why it has nothing. */
export type RelayPeek = { phase: 'started' } | { phase: 'done'; report: unknown } | 'unknown' | 'tab_gone';

/** What a job asks of the TronLink bridge: start a request in the bridge tab, and ask the relay. */
export interface TronLinkBridgeApi {
  /**
   * Hands `request` to TronLink in a host tab (the preferred one when it can still host it), and
   * resolves once it is running there. `onReport` gets the report straight from the tab if this
   * worker lives to see it; the relay delivers it otherwise. Rejects when no tab could host it (then
   * TronLink was never asked).
   */
  start(
    request: BridgeRequest,
    preferredTabId: number | null,
    onReport: (report: unknown) => void,
  ): Promise<{ tabId: number }>;
  peek(tabId: number, nonce: string): Promise<RelayPeek>;
}
