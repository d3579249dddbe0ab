/**
 * TronNRG failures as pages read them (background only: the client itself stays free of texts, so
 * the sandbox and its tests can import it without the extension's i18n).
 */
import { i18n } from '#i18n';
import { ServiceError } from '../http';
import type { Problem } from '../outcome';
import { documentedTronNrgError, type TronNrgEndpoint } from './tronnrg-client';

/**
 * A TronNRG failure at `endpoint` as a page shows it: the documented text for a documented code at
 * its documented status, else TronNRG's own message; null for anything else (transport failures,
 * other services), which the kernel's `describeServiceError` reads the same for every service.
 */
export function tronNrgProblem(error: unknown, endpoint: TronNrgEndpoint): Problem | null {
  if (!(error instanceof ServiceError) || error.service !== 'tronnrg' || error.status < 400) return null;
  const known = documentedTronNrgError(endpoint, error.status, error.code);
  // The keys are data (a code per key); i18n's typed `t` is widened to take them.
  const translate = i18n.t as (key: string) => string;
  if (known)
    return { code: known.code, message: translate(`errors.tronNrg.${known.key}`), retry: known.retry };
  return {
    code: error.code,
    message: error.message,
    retry: error.status === 429 || error.status >= 500 ? 'later' : 'never',
  };
}
