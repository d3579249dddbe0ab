/**
 * The local cache of paid 2aml results that badges show with their age. The check job calls
 * `recordRiskResult` when a check completes; the background then updates every open TronScan tab.
 */
import { type z } from 'zod';
import { riskResultsItem } from '../storage';
import { recordedRiskResultSchema } from './schemas';
import { rememberAddress } from './known-addresses';
import type { RiskResult } from './badge-model';
import { riskResultFrom } from '../aml/check-views';
import type { AmlCheckResult } from '../jobs/aml-check';

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

/** Puts a completed check in the badge cache (idempotent: the same check recorded twice is one entry). */
export async function recordCompletedCheck(result: AmlCheckResult, address: string): Promise<void> {
  const recorded = riskResultFrom(
    {
      checkId: result.checkId,
      targetWallet: address,
      amlScore: result.score,
      riskLevel: result.level,
      isFlagged: result.flagged,
      checkedAt: result.checkedAt,
    },
    result.tags,
    new Date().toISOString(),
  );
  // Badges in every tab update from the cache write (the risk feature watches it).
  if (recorded) await recordRiskResult(recorded);
}
