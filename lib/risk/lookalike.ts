/**
 * Address-poisoning detection: an attacker sends dust from an address whose first and last
 * characters match one the victim uses, hoping the victim copies it from their history next time.
 * Wallets and explorers show addresses shortened to their ends, so ends are what we compare.
 */
import type { LOOKALIKE_SENSITIVITIES } from '../config/choices';

export type LookalikeSensitivity = (typeof LOOKALIKE_SENSITIVITIES)[number];

/** Where an address the user has dealt with came from; `tronlink` is an account proven by its signature. */
export type KnownAddressSource = 'tronlink' | 'rental' | 'check' | 'payment';

export interface KnownAddress {
  address: string;
  sources: KnownAddressSource[];
}

/**
 * Characters that must match at each end, counted after the leading `T` (every address has it).
 *
 * Why these numbers: the character after `T` takes only ~24 values (the version byte pins it), every
 * other one 58, so a random address matches `prefix + suffix` ends with odds of about
 * 1 / (24 · 58^(prefix + suffix − 1)). With 50 known addresses and 1,000 distinct ones on a page:
 * - strict 4 + 4: ~10⁻⁹ false warnings per page; still catches the vanity addresses real poisoning
 *   campaigns buy (they match what wallets display, typically 4–6 characters at each end);
 * - normal 2 + 3: ~10⁻⁴ per page; also catches cheaply ground lookalikes (minutes on one core);
 * - loose 1 + 3: ~1 % per page; catches anything that only shares a glance-deep resemblance.
 */
export const LOOKALIKE_THRESHOLDS: Record<LookalikeSensitivity, { prefix: number; suffix: number }> = {
  strict: { prefix: 4, suffix: 4 },
  normal: { prefix: 2, suffix: 3 },
  loose: { prefix: 1, suffix: 3 },
};

/** How many characters after the leading `T`, and at the end, two addresses share. */
export function sharedEnds(a: string, b: string): { prefix: number; suffix: number } {
  const length = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix + 1 < length && a[prefix + 1] === b[prefix + 1]) prefix++;
  let suffix = 0;
  while (suffix < length - 1 && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

/**
 * The known address `address` imitates at `sensitivity`, or null.
 *
 * The user's own TronLink accounts are never reported: if a checked stranger resembles your account,
 * the stranger is the suspect, not you. Only an account proven by its signature counts as your own
 * (a page could report any address as your account). Among several matches the closest one is named.
 */
export function findLookalike(
  address: string,
  known: readonly KnownAddress[],
  sensitivity: LookalikeSensitivity,
): KnownAddress | null {
  const { prefix: needPrefix, suffix: needSuffix } = LOOKALIKE_THRESHOLDS[sensitivity];
  let best: KnownAddress | null = null;
  let bestShared = -1;
  for (const candidate of known) {
    if (candidate.address === address) {
      if (candidate.sources.includes('tronlink')) return null;
      continue;
    }
    const { prefix, suffix } = sharedEnds(address, candidate.address);
    if (prefix >= needPrefix && suffix >= needSuffix && prefix + suffix > bestShared) {
      best = candidate;
      bestShared = prefix + suffix;
    }
  }
  return best;
}
