/**
 * The local cache of paid 2aml results that badges show with their age. The check job calls
 * `recordRiskResult` when a check completes; the background then updates every open TronScan tab.
 */
import { type z } from 'zod';
import { riskResultsItem } from './schemas';
import { recordedRiskResultSchema } from './schemas';
import { rememberAddress } from './known-addresses';
import type { RiskResult } from './badge-model';

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
