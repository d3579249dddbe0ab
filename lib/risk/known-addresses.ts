/**
 * The set of addresses the user has dealt with, which lookalike detection compares page addresses
 * against. Other features report addresses here: the TronLink account once proven by its signature,
 * rentals (receivers), checks (checked addresses), payments.
 */
import { isTronAddress } from '../tron/address';
import { knownAddressesItem } from './schemas';
import type { KnownAddresses } from './schemas';
import type { KnownAddress, KnownAddressSource } from './lookalike';

/** Most addresses kept; the least recently used go first (a lookup compares against each one). */
export const KNOWN_ADDRESSES_MAX = 500;

/**
 * Records that the user dealt with `address` (background only); invalid addresses are ignored. The
 * person's own account is recorded only through `rememberProvenAccount`.
 */
export function rememberAddress(
  address: string,
  source: Exclude<KnownAddressSource, 'tronlink'>,
  now = Date.now(),
): Promise<void> {
  return remember(address, source, now);
}

/** Records the person's own account, once a signature from it was verified (silences its lookalike warnings). */
export function rememberProvenAccount(address: string, now = Date.now()): Promise<void> {
  return remember(address, 'tronlink', now);
}

/** Removes what connecting `address` added: its mark as the person's own account (its other uses stay). */
export async function forgetOwnAccount(address: string): Promise<void> {
  await knownAddressesItem.update((current) => {
    const before = current[address];
    if (!before?.sources.includes('tronlink')) return current;
    const { [address]: _dropped, ...rest } = current;
    const sources = before.sources.filter((source) => source !== 'tronlink');
    return sources.length > 0 ? { ...rest, [address]: { ...before, sources } } : rest;
  });
}

async function remember(address: string, source: KnownAddressSource, now: number): Promise<void> {
  if (!isTronAddress(address)) return;
  await knownAddressesItem.update((current) => {
    const before = current[address];
    const sources = before?.sources.includes(source) ? before.sources : [...(before?.sources ?? []), source];
    // Skip the write (and the update it pushes to tabs) when nothing a badge depends on changed.
    if (before && sources === before.sources && now - before.lastUsedAt < 60_000) return current;
    return keepMostRecent({ ...current, [address]: { sources, lastUsedAt: now } }, KNOWN_ADDRESSES_MAX);
  });
}

/** The stored known addresses as lookalike detection takes them. */
export function knownAddressesAsList(known: KnownAddresses): KnownAddress[] {
  return Object.entries(known).map(([address, entry]) => ({ address, sources: entry.sources }));
}

function keepMostRecent(entries: KnownAddresses, max: number): KnownAddresses {
  const addresses = Object.keys(entries);
  if (addresses.length <= max) return entries;
  const newestFirst = addresses.sort((a, b) => entries[b]!.lastUsedAt - entries[a]!.lastUsedAt);
  // The user's own accounts are the targets poisoners aim at: never evict them for a stranger.
  const own = newestFirst.filter((a) => entries[a]!.sources.includes('tronlink'));
  const others = newestFirst.filter((a) => !entries[a]!.sources.includes('tronlink'));
  const kept: KnownAddresses = {};
  for (const address of [...own, ...others].slice(0, max)) kept[address] = entries[address]!;
  return kept;
}
