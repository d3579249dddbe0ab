/** The `payments` part of the app view: whether a gateway is set up and where; never its key. */
import type { PaymentsView } from './views';
import { paymentsSetupView } from './background';

/** Builds the payments view from storage alone (the key is not even opened). */
export function buildPaymentsView(): Promise<PaymentsView> {
  return paymentsSetupView();
}
