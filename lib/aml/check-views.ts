/**
 * Turns 2aml's check answers (seeds/003 §16–18, as the client parsed them) into what pages see and
 * what the badge cache keeps. Sun companions become decimal strings; nothing else is invented.
 */
import type { CheckHistoryEntry, CheckResult, CreatedCheck } from './api-schemas';
import type { RecordedRiskResult } from '../risk/paid-results';
import type { CheckDetailView, CheckHistoryRow } from './views';

/** The network every check from Ampere screens. */
export const TRON_NETWORK = 'tron';

/** Drops the `…Sun` companions the schemas add (beside each `…Trx`), so the JSON shown is what 2aml sent. */
export function canonicalJson(result: CheckResult): string {
  return JSON.stringify(
    result,
    function (this: Record<string, unknown>, key: string, value: unknown) {
      if (typeof value === 'bigint') return undefined;
      if (key.endsWith('Sun') && `${key.slice(0, -'Sun'.length)}Trx` in this) return undefined;
      return value;
    },
    2,
  );
}

/** The full view of `GET /checks/:checkId`. */
export function checkDetailView(result: CheckResult): CheckDetailView {
  return {
    checkId: result.checkId,
    requestId: result.requestId ?? null,
    address: result.targetWallet,
    network: result.targetNetwork,
    status: result.status,
    score: result.amlScore ?? null,
    level: result.riskLevel ?? null,
    flagged: result.isFlagged ?? null,
    billingMode: result.billingMode ?? null,
    servedFromCache: result.servedFromCache ?? null,
    requestedAt: result.requestedAt ?? null,
    completedAt: result.completedAt ?? null,
    checkedAt: result.checkedAt ?? null,
    consumedCreditCount: result.consumedCreditCount ?? null,
    chargedSun:
      result.chargedAmountSun === null || result.chargedAmountSun === undefined
        ? null
        : result.chargedAmountSun.toString(),
    reportLanguage: result.downloads?.reportLanguage ?? null,
    signals: result.signals
      ? {
          lastActivity: result.signals.lastActivity ?? null,
          balance: result.signals.balance ?? null,
          transactions: result.signals.transactions ?? null,
          uniqueInteractors: result.signals.uniqueInteractors ?? null,
          tags: result.signals.tags,
        }
      : null,
    json: canonicalJson(result),
  };
}

/** One row of `GET /checks`. */
export function checkHistoryRow(entry: CheckHistoryEntry): CheckHistoryRow {
  return {
    requestId: entry.requestId,
    checkId: entry.checkId,
    address: entry.targetWallet,
    network: entry.targetNetwork,
    status: entry.status,
    billingMode: entry.billingMode ?? null,
    servedFromCache: entry.servedFromCache ?? null,
    score: entry.amlScore ?? null,
    level: entry.riskLevel ?? null,
    flagged: entry.isFlagged ?? null,
    createdAt: entry.createdAt,
    completedAt: entry.completedAt ?? null,
    downloadsReady: entry.downloadsReady ?? entry.status === 'completed',
  };
}

/** The verdict fields every completed answer carries, whichever endpoint sent it. */
type Verdict = Pick<CreatedCheck, 'amlScore' | 'riskLevel' | 'isFlagged'> & {
  checkId: number | null;
  targetWallet: string;
  checkedAt?: string | null;
  completedAt?: string | null;
};

/**
 * What `recordRiskResult` keeps for a completed TRON check, or null when the answer lacks a verdict
 * (a check that is not completed must never land in the badge cache as if it were).
 */
export function riskResultFrom(
  check: Verdict,
  tags: readonly string[],
  fallbackCheckedAt: string,
): RecordedRiskResult | null {
  if (check.amlScore === null || check.amlScore === undefined) return null;
  // The cache links to the full result by its id: a verdict without one is not cached.
  if (!check.riskLevel || check.checkId === null) return null;
  const checkedAt = check.checkedAt ?? check.completedAt ?? fallbackCheckedAt;
  return {
    address: check.targetWallet,
    checkId: check.checkId,
    score: Math.max(0, Math.min(100, check.amlScore)),
    level: check.riskLevel,
    flagged: check.isFlagged ?? false,
    tags: tags.slice(0, 50).map((tag) => tag.slice(0, 80)),
    checkedAt: new Date(checkedAt).toISOString(),
  };
}
