/**
 * Turns any failure from a service client into what the UI shows: a short readable message, the
 * code to branch on, and whether trying again can help. Branches on codes only, never on the
 * server's free text.
 */
import { i18n } from '#i18n';
import { ServiceError } from '../http';
import type { Problem } from '../outcome';
import { errorEntryFor, UNKNOWN_ERROR, type ErrorEntry } from './error-catalog';

/** A short readable message, a retry policy and the code for any error a client threw. */
export function describeServiceError(error: unknown): Problem {
  if (!(error instanceof ServiceError)) return describe(UNKNOWN_ERROR, 'unknown');
  if (error.advice) {
    // The feature's own reading; no key means the docs name no code: the service's words are shown.
    const retry = error.advice.retry === 'never' && error.transient ? 'later' : error.advice.retry;
    if (error.advice.key) return describe({ key: error.advice.key, retry }, error.code);
    return { message: error.message, retry, code: error.code };
  }
  const entry = errorEntryFor(error.service, error.code, error.status);
  // A transient failure that names no policy of its own is worth another try after a wait.
  const retry = entry.retry === 'never' && error.transient ? 'later' : entry.retry;
  return describe({ ...entry, retry }, error.code);
}

function describe(entry: ErrorEntry, code: string): Problem {
  // The keys live in the catalogue as data; i18n's typed `t` is widened to take them.
  const translate = i18n.t as (key: string) => string;
  return { message: translate(`errors.${entry.key}`), retry: entry.retry, code };
}
