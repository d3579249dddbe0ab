/**
 * The energy feature's problems as pages get them (a `Problem`, lib/outcome.ts): the code, its
 * readable text and whether trying again can help, in the catalogue's sense (lib/api/error-catalog.ts):
 * `now` once the input or the cause the text names is fixed, `later` after a wait, `never` as it stands.
 */
import type { RetryAdvice } from '@/lib/api/error-catalog';
import type { Problem } from '@/lib/outcome';
import type { BridgeOutcome } from '@/lib/tronlink/outcome';
import type { ConnectProblemCode, QuoteRequestProblem, TronZapSetupProblem } from './views';
import { connectOutcomeText, quoteProblemText, tronZapSetupText } from './texts';

const QUOTE_RETRY: Record<QuoteRequestProblem, RetryAdvice> = {
  receiver_not_activated: 'never',
  receiver_has_enough: 'never',
  energy_invalid: 'now',
  energy_below_minimum: 'now',
  energy_above_maximum: 'now',
  balance_insufficient: 'never',
  not_connected: 'now',
  receiver_invalid: 'now',
  sizing_address_invalid: 'now',
  sizing_amount_invalid: 'now',
  price_changed: 'now',
  pay_to_changed: 'now',
  pay_to_unconfirmed: 'now',
  rental_in_progress: 'later',
  unavailable: 'later',
};

const CONNECT_RETRY: Partial<Record<ConnectProblemCode, RetryAdvice>> = {
  not_installed: 'never',
  request_pending: 'later',
  unreachable: 'later',
};

/** Why the TronZap set-up cannot go ahead (nothing was sent). */
export function tronZapProblem(code: TronZapSetupProblem): Problem<TronZapSetupProblem> {
  return { code, message: tronZapSetupText(code), retry: 'now' };
}

/** Why a quote or a rental cannot go ahead. */
export function quoteProblem(
  code: QuoteRequestProblem,
  substitutions: string[] = [],
): Problem<QuoteRequestProblem> {
  return { code, message: quoteProblemText(code, substitutions), retry: QUOTE_RETRY[code] };
}

/** Why connecting TronLink gave no account. */
export function connectProblem(
  outcome: BridgeOutcome | { status: 'unreachable' | 'timeout' },
): Problem<ConnectProblemCode> {
  const code = outcome.status;
  return { code, message: connectOutcomeText(outcome), retry: CONNECT_RETRY[code] ?? 'now' };
}
