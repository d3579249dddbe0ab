/**
 * Postbacks: when a payment completes, its status body is POSTed to the payment's `postback_url` (or
 * the partner's default). Only HTTP 200 counts as delivered. A failed first attempt is retried after
 * 1, then 5, then 15 minutes of sandbox time (so up to 4 tries in all); after that the payment is
 * listed as unprocessed until a manual resend gets through.
 */
import type { World } from '../../world';
import type { GatewayState, Payment } from './state';

export const POSTBACK_RETRY_DELAYS_MS = [1, 5, 15].map((minutes) => minutes * 60_000);
const POSTBACK_TIMEOUT_MS = 10_000;

/** Sends and retries postbacks; `bodyOf` is the payment's status body, `urlOf` where it goes. */
export function createPostbackSender(
  world: World,
  state: GatewayState,
  bodyOf: (payment: Payment) => unknown,
  urlOf: (payment: Payment) => string | null,
) {
  /** One POST; records the attempt and returns whether the receiver answered 200. */
  async function attempt(payment: Payment, url: string, manual: boolean): Promise<boolean> {
    const atMs = world.clock.now();
    let httpStatus: number | null = null;
    let error: string | undefined;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'TronPaymentGateway-Sandbox/1.0' },
        body: JSON.stringify(bodyOf(payment)),
        signal: AbortSignal.timeout(POSTBACK_TIMEOUT_MS),
      });
      httpStatus = response.status;
      await response.body?.cancel();
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    payment.postbacks.push({ atMs, url, httpStatus, manual, ...(error ? { error } : {}) });
    const delivered = httpStatus === 200;
    if (delivered) payment.postbackDelivered = true;
    world.ledger.record({
      service: 'gateway',
      kind: 'postback',
      ref: payment.transactionId,
      note: `${manual ? 'manual' : `attempt ${payment.postbacks.filter((p) => !p.manual).length}`}: ${
        httpStatus === null ? `unreachable (${error})` : `HTTP ${httpStatus}`
      } ${url}`,
    });
    return delivered;
  }

  /** Automatic delivery, from the first try through the scheduled retries. */
  async function deliver(payment: Payment, retriesDone: number): Promise<void> {
    const url = urlOf(payment);
    if (!url || payment.postbackDelivered) return;
    if (await attempt(payment, url, false)) return;
    // A reset while the attempt was in flight forgot this payment: no retries for it.
    if (!state.payments.includes(payment)) return;
    const delay = POSTBACK_RETRY_DELAYS_MS[retriesDone];
    if (delay === undefined) {
      payment.postbackGaveUp = !payment.postbackDelivered;
      return;
    }
    const cancel = world.clock.at(world.clock.now() + delay, () => {
      state.timers.delete(cancel);
      void deliver(payment, retriesDone + 1);
    });
    state.timers.add(cancel);
  }

  return {
    /** Starts automatic delivery for a payment that just completed. */
    start(payment: Payment): void {
      void deliver(payment, 0);
    },
    /** `resend-postback`: one attempt now, whatever the automatic schedule is doing. */
    async resend(payment: Payment, url: string): Promise<boolean> {
      const delivered = await attempt(payment, url, true);
      if (delivered) payment.postbackGaveUp = false;
      return delivered;
    },
  };
}

export type PostbackSender = ReturnType<typeof createPostbackSender>;
