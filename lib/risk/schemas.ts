/**
 * Stored shapes and items of the risk feature. Each
 * record map drops the entries that no longer parse and keeps the rest, so one bad write never
 * costs the whole cache.
 */
import { z } from 'zod';
import { isTronAddress } from '../tron/address';
import { tronAddress } from '../api/common-schemas';
import { defineValidatedItem } from '../storage';

/** `tronlink`: the person's own account, proven by a signature verified here (see lib/tronlink/account-proof.ts). */
export const KNOWN_ADDRESS_SOURCES = ['tronlink', 'rental', 'check', 'payment'] as const;

/** A map keyed by address whose invalid keys or values are dropped one by one. */
function addressRecord<S extends z.ZodType>(entry: S) {
  return z.record(z.string(), z.unknown()).transform((raw) => {
    const kept: Record<string, z.output<S>> = {};
    for (const [address, value] of Object.entries(raw)) {
      if (!isTronAddress(address)) continue;
      const parsed = entry.safeParse(value);
      if (parsed.success) kept[address] = parsed.data;
    }
    return kept;
  });
}

export const knownAddressEntrySchema = z.object({
  sources: z
    .array(z.unknown())
    .transform((sources) =>
      sources.filter((s): s is (typeof KNOWN_ADDRESS_SOURCES)[number] =>
        (KNOWN_ADDRESS_SOURCES as readonly unknown[]).includes(s),
      ),
    )
    .pipe(z.array(z.enum(KNOWN_ADDRESS_SOURCES)).min(1)),
  /** Epoch ms of the last time a feature reported it. */
  lastUsedAt: z.number().int().nonnegative(),
});
export const knownAddressesSchema = addressRecord(knownAddressEntrySchema);
export type KnownAddresses = z.output<typeof knownAddressesSchema>;

export const riskResultSchema = z.object({
  checkId: z.number().int().nonnegative(),
  score: z.number().min(0).max(100),
  level: z.string().min(1).max(40),
  flagged: z.boolean(),
  tags: z.array(z.string().max(80)).max(50),
  checkedAt: z.iso.datetime({ offset: true }),
});
export const riskResultsSchema = addressRecord(riskResultSchema);
export type RiskResults = z.output<typeof riskResultsSchema>;

/** What `recordRiskResult` accepts: one result and the address it is about. */
export const recordedRiskResultSchema = riskResultSchema.extend({ address: tronAddress });

export const blacklistEntrySchema = z.object({
  blacklisted: z.boolean(),
  readAt: z.number().int().nonnegative(),
});
export const usdtBlacklistSchema = addressRecord(blacklistEntrySchema);

/** Tabs where the TronScan content script asked for badges, so updates reach only them. */
export const riskTabsSchema = z.array(z.number().int().nonnegative()).catch([]);

/** Open confirmation windows by address, so a second request focuses the first window. */
export const confirmWindowsSchema = z.record(z.string(), z.number().int()).catch({});

/** Addresses the user has dealt with (TronLink account, rental receivers, checked addresses): lookalike targets. */
/**
 * Version 2: `tronlink` means an account proven by its own signature. Before, it was whatever a page
 * reported through the bridge (a page could plant a lookalike there), so those marks are dropped.
 */
export const knownAddressesItem = defineValidatedItem('local:knownAddresses', knownAddressesSchema, {
  fallback: {},
  version: 2,
  migrations: { 2: withoutUnprovenAccounts },
});

function withoutUnprovenAccounts(old: unknown): unknown {
  if (typeof old !== 'object' || old === null) return {};
  const kept: Record<string, unknown> = {};
  for (const [address, entry] of Object.entries(old as Record<string, unknown>)) {
    const sources = (entry as { sources?: unknown } | null)?.sources;
    if (!Array.isArray(sources)) continue;
    const others = sources.filter((source) => source !== 'tronlink');
    if (others.length > 0) kept[address] = { ...(entry as object), sources: others };
  }
  return kept;
}

/** The last paid 2aml result per address, written by `recordRiskResult`. */
export const riskResultsItem = defineValidatedItem('local:riskResults', riskResultsSchema, { fallback: {} });

/** USDT `isBlackListed` answers read from the chain, with when they were read. */
export const usdtBlacklistItem = defineValidatedItem('local:usdtBlacklist', usdtBlacklistSchema, {
  fallback: {},
});

/** Tabs running the TronScan content script (memory only: tab ids die with the browser session). */
export const riskTabsItem = defineValidatedItem('session:riskTabs', riskTabsSchema, { fallback: [] });

/** Open paid-check confirmation windows by address (memory only, like the windows themselves). */
export const confirmWindowsItem = defineValidatedItem('session:riskConfirmWindows', confirmWindowsSchema, {
  fallback: {},
});
