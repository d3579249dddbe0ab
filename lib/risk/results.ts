/**
 * The local cache of paid 2aml results that badges show with their age. The check job calls
 * `recordRiskResult` when a check completes; the background then updates every open TronScan tab.
 */
import { type z } from 'zod';
import { riskResultsItem } from '../storage';
import { recordedRiskResultSchema } from './schemas';
import { rememberAddress } from './known-addresses';
import type { RiskResult } from './badge-model';
import type { CheckResult, CreatedCheck } from '../api/twoaml-aml-schemas';

export type RecordedRiskResult = z.input<typeof recordedRiskResultSchema>;

/** Most results kept; the oldest checks go first. */
export const RISK_RESULTS_MAX = 2_000;

/**
 * Stores the result of a completed paid check (background only) and remembers the address as one the
 * user dealt with. An older result never replaces a newer one (a history refresh may replay old
 * checks). Throws a ZodError when the result is malformed, so a caller's bug is not silently cached.
 */
export async function recordRiskResult(input: RecordedRiskResult): Promise<void> {
  const { address, ...result } = recordedRiskResultSchema.parse(input);
  await riskResultsItem.update((current) => {
    const before = current[address];
    if (before && Date.parse(before.checkedAt) > Date.parse(result.checkedAt)) return current;
    return keepNewest({ ...current, [address]: result }, RISK_RESULTS_MAX);
  });
  await rememberAddress(address, 'check');
}

/**
 * What a 2aml check (`POST /checks` or `GET /checks/:checkId`) leaves in the badge cache, or null
 * while it is not a completed TRON verdict (still `processing`, failed, another network). Only the
 * JSON result carries `signals.tags`; a later record of the same check with its tags replaces this one.
 */
export function riskResultFromCheck(check: CreatedCheck | CheckResult): RecordedRiskResult | null {
  if (check.status !== 'completed' || check.targetNetwork !== 'tron') return null;
  if (check.amlScore == null || !check.riskLevel || check.isFlagged == null) return null;
  const when = check.checkedAt ?? ('completedAt' in check ? check.completedAt : null);
  const checkedAt = when ? Date.parse(when) : NaN;
  if (Number.isNaN(checkedAt)) return null;
  return {
    address: check.targetWallet,
    checkId: check.checkId,
    score: check.amlScore,
    level: check.riskLevel,
    flagged: check.isFlagged,
    tags: 'signals' in check ? (check.signals?.tags ?? []) : [],
    checkedAt: new Date(checkedAt).toISOString(),
  };
}

/** The cached result for an address, if any. */
export async function cachedRiskResult(address: string): Promise<RiskResult | null> {
  return (await riskResultsItem.get())[address] ?? null;
}

function keepNewest(results: Record<string, RiskResult>, max: number): Record<string, RiskResult> {
  const addresses = Object.keys(results);
  if (addresses.length <= max) return results;
  const newestFirst = addresses.sort(
    (a, b) => Date.parse(results[b]!.checkedAt) - Date.parse(results[a]!.checkedAt),
  );
  return Object.fromEntries(newestFirst.slice(0, max).map((a) => [a, results[a]!]));
}
