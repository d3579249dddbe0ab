/**
 * The isolated-world relay: hears the bridge's window messages in its tab, keeps each request's last
 * state, and forwards finished reports to the background with `runtime.sendMessage`, which starts a
 * stopped worker. Until the background acknowledges a report it is retried; after that it is still
 * kept (a little while) so a worker that restarted can read it back by nonce.
 */
import {
  BRIDGE_MESSAGE_SOURCE,
  BRIDGE_OPS,
  RELAY_GLOBAL,
  type BridgeOp,
  type BridgeWindowMessage,
} from './protocol';

/** Kept per tab; old records go first. */
const MAX_RECORDS = 50;
/** Waits between forwarding attempts while the worker is starting or busy. */
const FORWARD_BACKOFF_MS = [200, 500, 1_000, 2_000, 4_000, 8_000, 15_000];

export interface RelayRecordState {
  op: BridgeOp;
  phase: 'started' | 'done';
  report?: unknown;
  acknowledged: boolean;
}

/** What the relay puts on its isolated-world global for the background to read. */
export interface RelayHandle {
  peek(nonce: string): { op: BridgeOp; phase: 'started' | 'done'; report?: unknown } | null;
}

export interface RelayOptions {
  /** The tab's window (the listener target, and the only accepted `event.source`). */
  window: Pick<Window, 'addEventListener'> & object;
  /** Sends `bridge.result`; resolves when the background took it. */
  forward(result: { nonce: string; op: BridgeOp; report: unknown }): Promise<unknown>;
  sleep?: (ms: number) => Promise<void>;
}

function isBridgeMessage(data: unknown): data is BridgeWindowMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Partial<BridgeWindowMessage>;
  return (
    message.source === BRIDGE_MESSAGE_SOURCE &&
    typeof message.nonce === 'string' &&
    message.nonce.length >= 8 &&
    message.nonce.length <= 100 &&
    (BRIDGE_OPS as readonly unknown[]).includes(message.op) &&
    (message.phase === 'started' || message.phase === 'done')
  );
}

/** Starts relaying in this tab and returns the handle the background reads. */
export function installRelay(options: RelayOptions): RelayHandle {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const records = new Map<string, RelayRecordState>();

  const remember = (nonce: string, record: RelayRecordState) => {
    records.delete(nonce);
    records.set(nonce, record);
    while (records.size > MAX_RECORDS) records.delete(records.keys().next().value!);
  };

  const forward = async (nonce: string, record: RelayRecordState) => {
    for (let attempt = 0; attempt <= FORWARD_BACKOFF_MS.length; attempt++) {
      try {
        await options.forward({ nonce, op: record.op, report: record.report });
        record.acknowledged = true;
        return;
      } catch {
        // The worker may be starting, or was stopped between our message and its answer.
        const wait = FORWARD_BACKOFF_MS[attempt];
        if (wait === undefined) return;
        await sleep(wait);
      }
    }
  };

  options.window.addEventListener('message', (event: MessageEvent) => {
    // Only messages posted on this very window: not from frames, not from other windows.
    if (event.source !== options.window || !isBridgeMessage(event.data)) return;
    const { nonce, op, phase, report } = event.data;
    const known = records.get(nonce);
    // A finished request stays finished: a later "started" for the same nonce is someone else's noise.
    if (known?.phase === 'done') return;
    const record: RelayRecordState = { op, phase, report, acknowledged: false };
    remember(nonce, record);
    if (phase === 'done') void forward(nonce, record);
  });

  return {
    peek(nonce) {
      const record = records.get(nonce);
      return record ? { op: record.op, phase: record.phase, report: record.report } : null;
    },
  };
}

/** Installs the relay once per tab (the background may inject the script again before each request). */
export function installRelayOnce(global: Record<string, unknown>, options: RelayOptions): RelayHandle {
  const existing = global[RELAY_GLOBAL] as RelayHandle | undefined;
  if (existing && typeof existing.peek === 'function') return existing;
  const handle = installRelay(options);
  global[RELAY_GLOBAL] = handle;
  return handle;
}
