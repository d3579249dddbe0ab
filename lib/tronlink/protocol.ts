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
