/**
 * The words a badge puts in the page. Whatever a page's scripts can reach is public: `window.find()`
 * searches the text of closed shadow roots too, and a search that lands on a badge tells the page
 * which address it belongs to. So what is personal — the person's own address, "looks like your
 * address", paid results — is never written here: every badge with data says the same generic line,
 * its severity is shown by colour and shape (drawn by CSS, not text), and the detail lives on the
 * extension's own check page. The level is announced to assistive technology through the button's
 * `aria-label`, inside the closed shadow root: an attribute, which `window.find()` does not search
 * and page scripts cannot read, like the tone class the colour comes from. Test URL: the sandbox's
 * `/tronscan/` home page.
 */
import type { GeneratedI18nStructure } from '#i18n';
import type { RiskBadge } from '@/lib/risk/badge-model';

type MessageKey = keyof GeneratedI18nStructure;

// The browser's own lookup, typed by the generated keys: `@wxt-dev/i18n` would add half a KB to a
// content script that must stay under 12 KB, for features (plurals, named values) not used here.
const i18n = {
  t: (key: MessageKey, substitutions?: (string | number)[]): string =>
    browser.i18n.getMessage(key.replaceAll('.', '_') as never, substitutions?.map(String)),
};

export interface BadgeWords {
  /** Class names of the button: the tone, and what its glyph is (CSS draws it). */
  tone: string;
  /** The tooltip's one line, the same for every badge with data. */
  title: string;
  /** The tooltip's button. */
  link: string;
  /** The level in words ("High risk"), for the accessible label only. */
  level: string;
}

/** What a badge shows; `badge` undefined while its data is on the way. */
export function badgeWords(badge: RiskBadge | undefined): BadgeWords {
  const link = i18n.t('risk.page.open');
  if (!badge) {
    const pending = i18n.t('risk.tone.pending');
    return { tone: 'pending', title: pending, link, level: pending };
  }
  // A blacklisted address is critical; its own glyph marks it for colour-blind readers.
  const tone = badge.blacklisted ? `${badge.tone} listed` : badge.tone;
  return { tone, title: i18n.t('risk.page.details'), link, level: i18n.t(`risk.tone.${badge.tone}`) };
}

/** The accessible label: the level and what activating does ("Ampere: High risk. Activate…"). */
export function badgeLabel(words: BadgeWords): string {
  return i18n.t('risk.badgeLabel', [words.level, i18n.t('risk.page.activate')]);
}
