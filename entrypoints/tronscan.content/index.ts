/**
 * TronScan: risk badges beside addresses. Test URLs: https://tronscan.org/#/address/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t
 * and the sandbox's /tronscan/ pages.
 */
import { sendMessage } from '@/lib/messaging';

export default defineContentScript({
  matches: ['https://tronscan.org/*', 'https://*.tronscan.org/*'],
  runAt: 'document_idle',
  main() {
    // Announce ourselves so the harness (and later the badge feature) can see the script run.
    document.documentElement.dataset.ampere = 'loaded';
    void sendMessage('app.ping').catch(() => undefined);
  },
});
