/**
 * The background only wires things: every listener is registered synchronously on each worker start
 * (MV3 delivers the waking event only to listeners that exist by the end of the first turn).
 */
import { jobsItem, restrictStorageToExtension } from '@/lib/storage';
import { createJobRunner } from '@/lib/jobs/runner';
import { registerHandlers } from '@/lib/messaging';
import { jobKinds, notifyTransition, registerJobNotificationClicks } from './job-kinds';
import { createHandlers } from '@/lib/app-handlers';
import { registerViewPorts } from '@/lib/view-ports';
import { refreshBadge } from '@/lib/jobs/toolbar-count';
import { createRiskHandlers } from '@/lib/risk/background';
import { createEnergyHandlers } from '@/lib/energy/background';
import { recordRentalSaving, buildEnergyView } from '@/lib/energy/rentals';
import { createTronZapHandlers } from '@/lib/energy/tronzap-handlers';
import { createZapOrderHandlers } from '@/lib/energy/zap-orders';
import { createTwoAmlEnergyHandlers } from '@/lib/energy/twoaml-energy-handlers';
import { createOfferHandlers } from '@/lib/energy/offer-handlers';
import { createAmlHandlers } from '@/lib/aml/background';
import { buildAmlView } from '@/lib/aml/view-section';
import { createPaymentsHandlers } from '@/lib/payments/background';
import { buildPaymentsView } from '@/lib/payments/view-section';

export default defineBackground(() => {
  // Before anything else: content scripts must never read or write storage.local (Chromium).
  void restrictStorageToExtension();
  const runner = createJobRunner({
    store: jobsItem,
    kinds: jobKinds,
    alarms: browser.alarms,
    onTransition: (before, after) => {
      notifyTransition(before, after);
      void refreshBadge();
      void recordRentalSaving(after);
    },
  });

  // Each feature's part of the app view, for the view ports and `view.get`.
  const viewSections = { aml: buildAmlView, energy: buildEnergyView, payments: buildPaymentsView };

  // A click on an end notification may be what wakes the worker: its listener exists at every start.
  registerJobNotificationClicks();
  browser.alarms.onAlarm.addListener((alarm) => void runner.handleAlarm(alarm.name));
  registerHandlers(
    {
      ...createHandlers({ runner, viewSections }),
      ...createRiskHandlers(),
      ...createEnergyHandlers({ runner }),
      ...createTronZapHandlers(),
      ...createZapOrderHandlers({ runner }),
      ...createTwoAmlEnergyHandlers({ runner }),
      ...createOfferHandlers({ runner }),
      ...createAmlHandlers({ runner }),
      ...createPaymentsHandlers({ runner }),
    },
    {
      extensionId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
    },
  );
  registerViewPorts(viewSections, (watching) => void runner.setWatched(watching));

  // Resume whatever was pending when the worker last stopped.
  void runner.kick();
  void refreshBadge();
});
