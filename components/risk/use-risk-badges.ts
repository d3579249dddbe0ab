/**
 * The badges of some addresses as the TronScan pages get them (`risk.lookup`: free signals and the
 * cached paid result), for extension screens that show an address worth watching. The USDT
 * blacklist is read from the chain on the first lookup, so what is still unread is asked for again
 * a few times, shortly apart.
 */
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { BadgeSettings, RiskBadge } from '@/lib/risk/badge-model';
import { useOutcome, type Loaded } from '@/components/ui/use-outcome';

/** How many times unread signals are asked for again before they are shown as not read. */
const UNREAD_ROUNDS = 4;
const UNREAD_RETRY_MS = 1_500;

export interface RiskBadgesRead {
  badges: RiskBadge[];
  /** The settings the badges were built under (none are built while badges are off). */
  settings: BadgeSettings;
}

/** The badges of `addresses` (valid TRON addresses), read once `enabled`. */
export function useRiskBadges(addresses: readonly string[], enabled = true): Loaded<RiskBadgesRead> {
  const [round, setRound] = useState(0);
  const key = addresses.join(',');
  const read = useOutcome(
    async () => {
      const answer = await sendMessage('risk.lookup', { addresses: [...addresses] });
      return { ok: true as const, value: { badges: answer.badges, settings: answer.settings } };
    },
    `${key}|${round}`,
    enabled && addresses.length > 0,
  );
  const unread = read.value?.badges.some((badge) => badge.blacklisted === null) ?? false;
  useEffect(() => {
    if (!unread || round >= UNREAD_ROUNDS) return;
    const timer = setTimeout(() => setRound((n) => n + 1), UNREAD_RETRY_MS);
    return () => clearTimeout(timer);
  }, [unread, round]);
  return read;
}
