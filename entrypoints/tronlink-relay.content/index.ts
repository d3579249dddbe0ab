/**
 * The TronLink relay, injected by the background with `scripting.executeScript({files})` into the
 * tab that hosts the bridge (never listed in the manifest, so it runs nowhere else). It carries the
 * main-world bridge's reports to the background; see lib/tronlink/relay.ts.
 */
import { sendMessage } from '@/lib/messaging';
import { installRelayOnce } from '@/lib/tronlink/relay';

export default defineContentScript({
  registration: 'runtime',
  main() {
    installRelayOnce(globalThis as unknown as Record<string, unknown>, {
      window,
      forward: (result) => sendMessage('bridge.result', result as never),
    });
  },
});
