/**
 * The words of a badge: its accessible label and the tooltip's lines, from the background's badge
 * data. Test URL: the sandbox's `/tronscan/` home page shows every tone once a check has run.
 */
import type { GeneratedI18nStructure } from '#i18n';
import { ageParts, badgeAction, type BadgeSettings, type RiskBadge } from '@/lib/risk/badge-model';

type MessageKey = keyof GeneratedI18nStructure;

// The browser's own lookup, typed by the generated keys: `@wxt-dev/i18n` would add half a KB to a
// content script that must stay under 12 KB, for features (plurals, named values) not used here.
const i18n = {
  t: (key: MessageKey, substitutions?: (string | number)[]): string =>
    browser.i18n.getMessage(key.replaceAll('.', '_') as never, substitutions?.map(String)),
};

export type LineKind = 'warn' | 'text' | 'muted';

export interface BadgeWords {
  tone: string;
  title: string;
  lines: [LineKind, string][];
  /** What activating the badge does. */
  action: string;
  /** The tooltip's link text. */
  link: string;
}

/** A shortened address as wallets show it: first 6 and last 6 characters. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-6)}`;
}

function age(ms: number): string {
  const { count, unit } = ageParts(ms);
  return i18n.t(`risk.age.${unit}`, [count]);
}

/** Everything a badge says, in reading order; `badge` undefined while its data is on the way. */
export function badgeWords(badge: RiskBadge | undefined, settings: BadgeSettings, now: number): BadgeWords {
  const link = i18n.t('risk.action.view');
  if (!badge) return { tone: 'pending', title: i18n.t('risk.tone.pending'), lines: [], action: '', link };
  const lines: BadgeWords['lines'] = [];
  if (badge.lookalikeOf) {
    const source = badge.lookalikeOf.sources[0] ?? 'check';
    lines.push([
      'warn',
      i18n.t('risk.lookalike', [shortAddress(badge.lookalikeOf.address), i18n.t(`risk.source.${source}`)]),
    ]);
  }
  if (badge.blacklisted === true) lines.push(['warn', i18n.t('risk.blacklist.yes')]);
  else if (settings.freeSignals)
    lines.push([
      'text',
      i18n.t(badge.blacklisted === false ? 'risk.blacklist.no' : 'risk.blacklist.unknown'),
    ]);
  else lines.push(['muted', i18n.t('risk.freeSignalsOff')]);
  const result = badge.result;
  if (result) {
    lines.push(['text', i18n.t('risk.score', [result.score, result.level])]);
    if (result.flagged) lines.push(['warn', i18n.t('risk.flagged')]);
    const checkedAt = Date.parse(result.checkedAt);
    lines.push([
      'muted',
      i18n.t('risk.checked', [new Date(checkedAt).toLocaleString(), age(now - checkedAt)]),
    ]);
    if (result.tags.length > 0) lines.push(['text', i18n.t('risk.tags', [result.tags.join(', ')])]);
  } else {
    lines.push(['muted', i18n.t('risk.noResult')]);
  }
  const action = i18n.t(badgeAction(badge) === 'check' ? 'risk.action.check' : 'risk.action.view');
  return { tone: badge.tone, title: i18n.t(`risk.tone.${badge.tone}`), lines, action, link };
}

/** The accessible label: the headline, every line, and what activating the badge does. */
export function badgeLabel(words: BadgeWords): string {
  const detail = [...words.lines.map(([, text]) => text), words.action].filter(Boolean).join(' ');
  return i18n.t('risk.badgeLabel', [words.title, detail]);
}

/** The glyph inside the badge: shape as well as colour, for colour-blind readers. */
export function badgeGlyph(badge: RiskBadge | undefined): string {
  if (!badge) return '·';
  if (badge.blacklisted) return '⊘';
  if (badge.lookalikeOf) return '≈';
  return { unknown: '?', low: '✓', medium: '!', high: '!', critical: '✕' }[badge.tone];
}
