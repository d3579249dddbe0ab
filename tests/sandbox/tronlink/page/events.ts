/**
 * How TronLink tells a page things: TIP-1193 provider events (`tron.on(…)`), the older
 * `window.postMessage` messages (`{isTronLink, message: {action, data}}`), and TIP-6963 announcements.
 */

type Listener = (...args: unknown[]) => void;

/** The provider's event emitter (`on` / `removeListener`), errors in listeners do not stop others. */
export function createEmitter() {
  const listeners = new Map<string, Set<Listener>>();
  return {
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
    },
    emit(event: string, ...args: unknown[]) {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          listener(...args);
        } catch (error) {
          console.error(`[tronlink emulator] ${event} listener failed`, error);
        }
      }
    },
  };
}

/** Posts a TronLink message the way its content script does. */
export function postTronLinkMessage(action: string, data: unknown): void {
  window.postMessage({ message: { action, data }, source: 'contentScript', isTronLink: true }, '*');
}

const TRONLINK_ICON =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#135dcd"/><path d="M7 9l18 3-9 13z" fill="#fff"/></svg>',
  );

/** Announces `provider` as TronLink under TIP-6963 now and whenever a page asks for providers. */
export function announceProvider(provider: object): () => void {
  const info = Object.freeze({
    uuid: crypto.randomUUID(),
    name: 'TronLink',
    icon: TRONLINK_ICON,
    rdns: 'com.tronlink.wallet',
  });
  const announce = () =>
    window.dispatchEvent(
      new CustomEvent('TIP6963:announceProvider', { detail: Object.freeze({ info, provider }) }),
    );
  window.addEventListener('TIP6963:requestProvider', announce);
  announce();
  return () => window.removeEventListener('TIP6963:requestProvider', announce);
}
