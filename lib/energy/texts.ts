/** Readable text for the energy feature's codes (locales: `energy.*`); branches on codes only. */
import { i18n } from '#i18n';
import type { NrgClaimErrorCode } from '@/lib/energy/claim-results';
import type { BridgeOutcome } from '@/lib/tronlink/outcome';
import type { QuoteRequestProblem, TronZapSetupProblem } from '@/lib/energy/views';

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
