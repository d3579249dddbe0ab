/**
 * What the energy feature says: readable text for its codes (locales `energy.*`), and the problems
 * pages get. Zod-free: the popup imports it.
 */

import { i18n } from '#i18n';
import type { NrgClaimErrorCode } from '@/lib/energy/claim-results';
import type { BridgeOutcome } from '@/lib/tronlink/reports';
import type { QuoteRequestProblem, TronZapSetupProblem, ConnectProblemCode } from '@/lib/energy/views';
import type { RetryAdvice } from '@/lib/api/error-catalog';
import type { Problem } from '@/lib/outcome';

/* Readable text for the energy feature's codes (locales: `energy.*`); branches on codes only. */
// The keys are data (a code per key); i18n's typed `t` is widened to take them.
const translate = i18n.t as (key: string, substitutions?: string[]) => string;

/** The message of a rental job's error code. */
export function claimErrorText(code: NrgClaimErrorCode, substitutions: string[] = []): string {
  return translate(`energy.errors.${code}`, substitutions);
}

/** What the popup says about a connect attempt's outcome. */
export function connectOutcomeText(outcome: BridgeOutcome | { status: 'unreachable' | 'timeout' }): string {
  switch (outcome.status) {
    case 'connected':
      return translate('energy.connect.connected', [outcome.account]);
    case 'error':
      return translate('energy.connect.error', [outcome.detail]);
    case 'paid':
    case 'signed':
    case 'signature_declined':
      return translate('energy.connect.error', [outcome.status]);
    default:
      return translate(`energy.connect.${outcome.status}`);
  }
}

/** Why the TronZap set-up cannot go ahead. */
export function tronZapSetupText(problem: TronZapSetupProblem): string {
  return translate(`energy.tronZap.problems.${problem}`);
}

/** The statuses a "Verify" of the account ends with (besides TronLink's own answers). */
export type VerifyStatus = 'proven' | 'not_proven' | 'unreachable' | 'timeout' | BridgeOutcome['status'];

/** What the popup says about a "Verify" of the account. */
export function verifyOutcomeText(status: VerifyStatus): string {
  switch (status) {
    case 'proven':
    case 'not_proven':
    case 'wrong_account':
    case 'locked':
    case 'not_installed':
    case 'unreachable':
    case 'timeout':
      return translate(`energy.verify.outcomes.${status}`);
    case 'signature_declined':
    case 'rejected':
      return translate('energy.verify.outcomes.declined');
    default:
      return translate('energy.verify.outcomes.failed', [status]);
  }
}

/** Why a quote or a rental cannot go ahead. */
export function quoteProblemText(problem: QuoteRequestProblem, substitutions: string[] = []): string {
  return translate(`energy.problems.${problem}`, substitutions);
}

/*
 * The energy feature's problems as pages get them (a `Problem`, lib/outcome.ts): the code, its
 * readable text and whether trying again can help, in the catalogue's sense (lib/api/error-catalog.ts):
 * `now` once the input or the cause the text names is fixed, `later` after a wait, `never` as it stands.
 */
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
