/**
 * Every extension page speaks the language the browser chose among Ampere's locales, and is written
 * in its direction. Each locale file names itself (`locale.code`, `locale.direction`), so the page
 * follows the strings actually shown: a browser in a language Ampere lacks gets English, left to
 * right, even when that language is written right to left.
 */
import { i18n } from '#i18n';

/** Sets `lang` and `dir` on `root` from the locale in use. */
export function applyDocumentLanguage(root: HTMLElement = document.documentElement): void {
  root.lang = i18n.t('locale.code');
  root.dir = i18n.t('locale.direction') === 'rtl' ? 'rtl' : 'ltr';
}
