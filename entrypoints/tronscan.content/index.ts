/**
 * TronScan: a risk badge beside every TRON address. This entry only wires the feature modules to the
 * extension: the role-checked `content` messages it may send, and the updates the background pushes.
 *
 * Test URLs: https://tronscan.org/#/address/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t and the sandbox's
 * `/tronscan/` pages (the sandbox build adds them to the matches).
 */
import { onMessage, sendMessage } from '@/lib/messaging';
import type { RiskUpdate } from '@/lib/risk/badge-model';
import { createPageBadges, type RiskChannel } from '@/lib/risk/page/page-badges';
import { createDatasetMetrics } from '@/lib/risk/page/metrics';
import { createLogger } from '@/lib/log';
import { IS_SANDBOX_BUILD } from '@/lib/config/build-mode';

const START_RETRY_MS = 1_000;

// Production prints errors only and this logs none: a production build drops the logger (12 KB budget).
const log = import.meta.env.MODE === 'production' ? null : createLogger('risk');

export default defineContentScript({
  matches: ['https://tronscan.org/*', 'https://*.tronscan.org/*'],
  // From the start: the page's rows are then seen as its script inserts them, and badged before the
  // browser first lays them out (see lib/risk/page/badge-placement.ts).
  runAt: 'document_start',
  main(ctx) {
    const root = document.documentElement;
    // Sandbox builds publish timings; a production build drops the metrics code.
    if (IS_SANDBOX_BUILD) root.dataset.ampere = 'loaded';

    const channel: RiskChannel = {
      lookup: (addresses) => sendMessage('risk.lookup', { addresses }),
      requestCheck: (address) => sendMessage('risk.requestCheck', { address }),
      openCheckPage: (address) => sendMessage('risk.openCheckPage', { address }),
    };
    const page = createPageBadges(document, channel, IS_SANDBOX_BUILD ? createDatasetMetrics(root) : null);

    // Only our background can reach this listener (`tabs.sendMessage` is per extension).
    const stopListening = onMessage('risk.update', ({ data, sender }) => {
      if (sender.id === browser.runtime.id) page.applyUpdate(data as RiskUpdate);
    });

    const start = (attempt: number) =>
      page.start().catch((error: unknown) => {
        // The worker may still be starting (first install, update): try a few more times.
        if (attempt < 3 && !ctx.isInvalid) ctx.setTimeout(() => void start(attempt + 1), START_RETRY_MS);
        else if (!ctx.isInvalid) log?.warn('badges could not start on this page', error);
      });
    void start(0);

    ctx.onInvalidated(() => {
      stopListening();
      page.stop();
    });
  },
});
