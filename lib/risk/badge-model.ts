/**
 * What a badge says about one address, assembled in the background from the free signals and the
 * cached paid result, and drawn by the content script. Types and small pure functions only: the
 * content script imports this file, so it must never pull in zod or storage.
 */
import type { KnownAddress } from './lookalike';

/** The badge's colour and headline, from least to most alarming. */
export const RISK_TONES = ['unknown', 'low', 'medium', 'high', 'critical'] as const;
export type RiskTone = (typeof RISK_TONES)[number];

/** A paid 2aml result as it is kept locally (see `recordRiskResult`). */
export interface RiskResult {
  checkId: number;
  /** 2aml `amlScore`, 0–100. */
  score: number;
  /** 2aml `riskLevel` as the service wrote it (`low`, `medium`, `high`, …). */
  level: string;
  flagged: boolean;
  tags: string[];
  /** ISO 8601, when 2aml ran the check. */
  checkedAt: string;
}

export interface RiskBadge {
  address: string;
  tone: RiskTone;
  /** The known address this one imitates (address poisoning); null when none or free signals are off. */
  lookalikeOf: KnownAddress | null;
  /** On the USDT blacklist; null when not known yet (being read, read failed, or free signals off). */
  blacklisted: boolean | null;
  /** The last paid result from the local cache; always shown with its age and a "cached" mark. */
  result: RiskResult | null;
}

/** The settings a content script obeys; it learns them only from the background's answers. */
export interface BadgeSettings {
  enabled: boolean;
  freeSignals: boolean;
}

/** Badges for some addresses, with the settings they are drawn under. */
export interface RiskBadges {
  settings: BadgeSettings;
  /** One per valid address asked; none while badges are off. */
  badges: RiskBadge[];
}

/**
 * The answer to `risk.lookup`. The content script sends every string shaped like an address; the
 * background checks each checksum, answers a badge for every valid one and lists the rest, so the
 * page's typos and look-alike strings get no badge.
 */
export interface RiskLookupAnswer extends RiskBadges {
  /** The asked strings that are not TRON addresses (bad checksum or version byte). */
  invalid: string[];
}

/**
 * What the background pushes to tabs: fresh badges for some addresses, or `reset` when everything a
 * tab holds may be stale (settings or known addresses changed) and it should look up again.
 */
export interface RiskUpdate extends RiskBadges {
  reset: boolean;
}

const LEVEL_TONES: Record<string, RiskTone> = {
  none: 'low',
  low: 'low',
  medium: 'medium',
  moderate: 'medium',
  high: 'high',
  critical: 'critical',
  severe: 'critical',
  sanctioned: 'critical',
};

/**
 * The tone of a paid result. The contract only shows `riskLevel: "high"`; other names are mapped
 * by meaning, and a name we do not know falls back to the score bands 2aml's examples follow
 * (below 35 low, below 65 medium, below 85 high, else critical) so a new level is never shown as safe.
 */
export function toneForResult(result: Pick<RiskResult, 'level' | 'score' | 'flagged'>): RiskTone {
  const named = LEVEL_TONES[result.level.toLowerCase()];
  const byScore: RiskTone =
    result.score < 35 ? 'low' : result.score < 65 ? 'medium' : result.score < 85 ? 'high' : 'critical';
  const tone = named ?? byScore;
  return result.flagged ? maxTone(tone, 'high') : tone;
}

/** The more alarming of two tones. */
export function maxTone(a: RiskTone, b: RiskTone): RiskTone {
  return RISK_TONES.indexOf(a) >= RISK_TONES.indexOf(b) ? a : b;
}

/**
 * The badge for one address. A blacklisted address is critical whatever else is known (USDT sent
 * to it is frozen); a lookalike is at least high (it is the poisoning pattern, whatever its score).
 */
export function riskBadgeFor(signals: {
  address: string;
  lookalikeOf: KnownAddress | null;
  blacklisted: boolean | null;
  result: RiskResult | null;
}): RiskBadge {
  let tone: RiskTone = signals.result ? toneForResult(signals.result) : 'unknown';
  if (signals.lookalikeOf) tone = maxTone(tone, 'high');
  if (signals.blacklisted) tone = 'critical';
  return {
    address: signals.address,
    tone,
    lookalikeOf: signals.lookalikeOf,
    blacklisted: signals.blacklisted,
    result: signals.result,
  };
}

/** What activating a badge does: without a paid result it offers a check (after confirmation). */
export function badgeAction(badge: RiskBadge): 'check' | 'view' {
  return badge.result ? 'view' : 'check';
}

export type AgeUnit = 's' | 'min' | 'h' | 'd';

/** How old a result is, in the largest whole unit that keeps the number readable (`3 min`, `2 h`, `5 d`). */
export function ageParts(ageMs: number): { count: number; unit: AgeUnit } {
  const seconds = Math.max(0, Math.floor(ageMs / 1000));
  if (seconds < 60) return { count: seconds, unit: 's' };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { count: minutes, unit: 'min' };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { count: hours, unit: 'h' };
  return { count: Math.floor(hours / 24), unit: 'd' };
}
