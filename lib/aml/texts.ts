/** Readable text for the AML feature's codes (locales: `aml.*`); branches on codes only. */
import { i18n } from '#i18n';
import { ltrText } from '@/lib/locale';
import { describeServiceError } from '@/lib/api/errors';
import type { AmlCheckErrorCode } from '@/lib/aml/check-job';
import type { CreditPurchaseErrorCode } from '@/lib/aml/purchase-job';
import type { MenuAddressProblem } from '@/lib/aml/context-address';
import { SessionError } from '@/lib/twoaml/session';
import type { Problem } from '@/lib/outcome';

// The keys are data (a code per key); i18n's typed `t` is widened to take them.
const translate = i18n.t as (key: string, substitutions?: string[]) => string;

/** Problems the AML handlers find themselves, before or instead of asking 2aml. */
export type LocalProblemCode =
  | 'email_invalid'
  | 'password_missing'
  | 'password_short'
  | 'code_missing'
  | 'token_missing'
  | 'invalid_address'
  | 'tx_hash_invalid'
  | 'no_challenge'
  | 'challenge_expired'
  | 'not_signed_in'
  | 'cost_changed'
  | 'cost_unavailable'
  | 'price_changed'
  | 'plan_unavailable'
  | 'check_in_progress'
  | 'purchase_in_progress'
  | 'download_failed';

/** A problem found locally (nothing was sent, or nothing more). */
export function localProblem(code: LocalProblemCode, retry: Problem['retry'] = 'now'): Problem {
  return { code, message: translate(`aml.problems.${code}`), retry };
}

/** Any error a 2aml call or the session threw, as a problem a page can show. */
export function problemFromError(error: unknown): Problem {
  if (error instanceof SessionError) return localProblem(error.code);
  return describeServiceError(error);
}

/** The message of an `aml-check` job error. */
export function checkErrorText(
  code: AmlCheckErrorCode,
  detail: { email?: string; error?: unknown; address?: string } = {},
): string {
  if (code === 'refused') return problemFromError(detail.error).message;
  return translate(`aml.job.errors.${code}`, [detail.email ?? detail.address ?? '']);
}

/** The message of a `credit-purchase` job error. */
export function purchaseErrorText(
  code: CreditPurchaseErrorCode,
  detail: { email?: string; error?: unknown } = {},
): string {
  if (code === 'refused') return problemFromError(detail.error).message;
  return translate(`aml.job.errors.${code}`, [detail.email ?? '']);
}

/** Why a right-click found no address to check. */
export function menuProblemText(problem: MenuAddressProblem, shown?: string): string {
  return translate(`aml.menu.problems.${problem}`, [shown ?? '']);
}

/** The notification of a completed check. */
export function checkDoneText(result: { level: string; score: number; flagged: boolean }, address: string) {
  return {
    title: translate('aml.notify.doneTitle', [levelText(result.level)]),
    message: translate('aml.notify.doneBody', [
      ltrText(address),
      ltrText(String(result.score)),
      result.flagged ? translate('aml.notify.flagged') : '',
    ]),
  };
}

/** The notification title when a menu click held no address. */
export function menuProblemTitle(): string {
  return translate('aml.notify.menuProblemTitle');
}

/** A risk level for people (2aml's own word when it is not one of the documented bands). */
export function levelText(level: string): string {
  const known = ['low', 'medium', 'high', 'critical'];
  return known.includes(level) ? translate(`aml.result.levels.${level}`) : level;
}

/** The context menu item's title. */
export function menuTitle(): string {
  return translate('aml.menu.title');
}
