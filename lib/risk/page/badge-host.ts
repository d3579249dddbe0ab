/**
 * One badge: a host element placed right after the address, with a closed shadow root (page CSS
 * cannot reach in, page scripts cannot read it) holding one keyboard-focusable button.
 *
 * Test URL: the sandbox's `/tronscan/#/transfers?rows=1000` (a thousand rows of badges).
 *
 * The host is cheap and placed as soon as the background confirmed the address; the shadow root and
 * button are built when the badge is near the viewport (`render`), because attaching 3,000 shadow
 * roots is most of the cost of a long list and nobody sees the ones far below. The host is sized by
 * the document sheet, so a late shadow root never shifts the row. The tone lives only inside the
 * closed root, as a class and CSS-drawn glyph, never as text: a page must not learn which of its
 * addresses resemble the user's own (see "What a badge says" below).
 */
import type { RiskBadge } from '@/lib/risk/badge-model';
import { BADGE_TAG } from './scan';
import type { GeneratedI18nStructure } from '#i18n';

export interface BadgeHandle {
  host: HTMLElement;
  address: string;
  anchor: Element | Text;
  /**
   * Whether the background confirmed the candidate is an address: null while it is asked (the host
   * is an empty box of the badge's size), false when it is not (the host leaves the page when idle).
   */
  valid: boolean | null;
  /** Set once rendered. */
  button: HTMLButtonElement | null;
}

/** What the page controller does when a person uses a badge. */
export interface BadgeEvents {
  activate(handle: BadgeHandle, event: Event): void;
  show(handle: BadgeHandle): void;
  hide(handle: BadgeHandle, soon: boolean): void;
}

const handles = new WeakMap<EventTarget, BadgeHandle>();
let events: BadgeEvents | null = null;

/**
 * Sends badge events to `receiver` (one page controller per document). Hover, focus and Escape are
 * heard once on the document, in the capture phase (composed events reach it retargeted to our host,
 * even when the page stops their propagation); only the click needs a listener on each button,
 * to stop it before the page's own row and link handlers see it.
 */
export function listenToBadges(
  doc: Document,
  receiver: BadgeEvents,
  handleOf: (host: EventTarget | null) => BadgeHandle | undefined,
): () => void {
  events = receiver;
  // Only a person opens the tooltip: a page script's `dispatchEvent` makes untrusted events, and
  // focus counts only when the browser shows it as keyboard focus.
  const over = (event: Event) => {
    if (!event.isTrusted) return;
    const handle = handleOf(event.target);
    if (!handle?.button) return;
    if (event.type === 'focusin' && !handle.button.matches(':focus-visible')) return;
    receiver.show(handle);
  };
  const out = (event: Event) => {
    const { target, relatedTarget } = event as MouseEvent | FocusEvent;
    const handle = handleOf(target);
    if (handle?.button && relatedTarget !== target) receiver.hide(handle, event.type === 'mouseout');
  };
  const key = (event: KeyboardEvent) => {
    const handle = handleOf(event.target);
    if (event.key === 'Escape' && handle) receiver.hide(handle, false);
  };
  const listeners: [string, EventListener][] = [
    ['mouseover', over],
    ['focusin', over],
    ['mouseout', out],
    ['focusout', out],
    ['keydown', key as EventListener],
  ];
  for (const [type, listener] of listeners) doc.addEventListener(type, listener, true);
  return () => {
    for (const [type, listener] of listeners) doc.removeEventListener(type, listener, true);
    events = null;
  };
}

/** A new, unrendered badge for candidate `address`, not yet in the page nor confirmed. */
export function createBadge(doc: Document, address: string, anchor: Element | Text): BadgeHandle {
  // Cloning a prototype is cheaper than creating a custom-named element, on pages with thousands.
  prototype ??= doc.createElement(BADGE_TAG);
  const host = prototype.cloneNode() as HTMLElement;
  host.setAttribute('data-address', address);
  return { host, address, anchor, valid: null, button: null };
}
let prototype: HTMLElement | undefined;

// One function for every button, not one closure per badge: a page may hold thousands.
function onClick(event: Event): void {
  const handle = handles.get(event.currentTarget!);
  // Keep the page's own row and link handlers out of it, whoever clicked.
  event.stopPropagation();
  event.preventDefault();
  if (handle && events) events.activate(handle, event);
}

/** Draws (or redraws) a badge from its data; builds its shadow root on first call. */
export function renderBadge(handle: BadgeHandle, badge: RiskBadge | undefined): void {
  let button = handle.button;
  if (!button) {
    const root = handle.host.attachShadow({ mode: 'closed' });
    adoptSheets(root, [badgeSheet]);
    button = handle.host.ownerDocument.createElement('button');
    button.type = 'button';
    button.addEventListener('click', onClick);
    handles.set(button, handle);
    root.append(button);
    handle.button = button;
  }
  const { tone, label } = drawingOf(badge);
  button.className = tone;
  button.setAttribute('aria-label', label);
  if (badge) button.removeAttribute('aria-busy');
  else button.setAttribute('aria-busy', 'true');
}

// A page shows each address many times and every badge with data says the same words: they are
// built once per tone (localized strings are not free to look up).
const drawings = new Map<string, { tone: string; label: string }>();

function drawingOf(badge: RiskBadge | undefined): { tone: string; label: string } {
  const words = badgeWords(badge);
  let drawing = drawings.get(words.tone);
  if (!drawing) drawings.set(words.tone, (drawing = { tone: words.tone, label: badgeLabel(words) }));
  return drawing;
}

// ── Styles ──

/**
 * The badge and tooltip styles. Built once and shared: the badge sheet is adopted by every badge's
 * shadow root, the host sheet by the document (it only sizes our own host tag, so a badge takes its
 * space before it renders and the row does not shift when it does).
 *
 * Test URL: https://tronscan.org/#/address/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t (its own CSS must not
 * reach into a badge; light and dark themes).
 */
/** The tooltip host's fixed size, in CSS pixels. */
export const TOOLTIP_WIDTH = 240;
export const TOOLTIP_HEIGHT = 64;

const TONES = `
.unknown{background:#6b7280}.low{background:#15803d}.medium{background:#b45309}
.high{background:#dc2626}.critical{background:#7f1d1d}.pending{background:#c7cad1}`;

// A badge outside a clipping block, or first in a clipping cell, floats left of the address (see
// badge-placement.ts). Its size is fixed and it is fully contained from the moment it is placed, empty,
// so drawing it later is paint only. The host is 2px larger than the 16px badge on every side, with
// negative margins that keep the line's height, so the focus ring fits inside its paint containment.
const HOST_CSS = `${BADGE_TAG}{display:inline-block;box-sizing:border-box;width:20px;height:20px;padding:2px;
margin:-2px 0 -2px 2px;vertical-align:middle;line-height:0;contain:strict}
${BADGE_TAG}[data-float]{float:left;margin:0 2px 0 -2px}`;

const BADGE_CSS = `
:host{all:initial;display:inline-block;box-sizing:border-box;width:20px;height:20px;padding:2px;margin:-2px 0 -2px 2px;
vertical-align:middle;line-height:0}
button{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;justify-content:center;
width:16px;height:16px;border-radius:50%;font:700 10px/1 system-ui,sans-serif;color:#fff;cursor:pointer;
user-select:none}
button:focus-visible{outline:2px solid #2563eb;outline-offset:0}
.pending{cursor:progress}${TONES}
button::before{content:'?'}.pending::before{content:'\\B7'}.low::before{content:'\\2713'}
.medium::before,.high::before{content:'!'}.critical::before{content:'\\2715'}.listed::before{content:'\\2298'}`;

// Fixed size whatever it says (badge-interactions.ts): measuring the tooltip tells a page nothing.
const TOOLTIP_CSS = `
:host{all:initial;position:fixed;z-index:2147483647;top:0;left:0;width:${TOOLTIP_WIDTH}px;height:${TOOLTIP_HEIGHT}px}
:host([hidden]){display:none}
.tip{box-sizing:border-box;width:100%;height:100%;overflow:hidden;padding:8px 10px;border-radius:6px;
background:#111827;color:#f9fafb;font:12px/1.45 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.3)}
p{margin:0 0 6px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
button{all:unset;color:#93c5fd;text-decoration:underline;cursor:pointer}
button:focus-visible{outline:2px solid #93c5fd}`;

const sources = new WeakMap<CSSStyleSheet, string>();

function sheet(css: string): CSSStyleSheet {
  const built = new CSSStyleSheet();
  built.replaceSync(css);
  sources.set(built, css);
  return built;
}

export const badgeSheet = sheet(BADGE_CSS);
export const tooltipSheet = sheet(TOOLTIP_CSS);

/**
 * Adopts `sheets` into a shadow root or the document. Firefox refuses sheets constructed in a
 * content script's compartment for the page's document; there a `<style>` element does the job.
 */
export function adoptSheets(target: ShadowRoot | Document, sheets: CSSStyleSheet[]): void {
  try {
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, ...sheets];
  } catch {
    const doc = 'body' in target ? target : target.ownerDocument;
    const style = doc.createElement('style');
    style.textContent = sheets.map((s) => sources.get(s) ?? '').join('\n');
    ('head' in target ? (target.head ?? target.documentElement) : target).append(style);
  }
}

let hostSheetAdopted = false;

/** Adds the host sizing rule to the document once. */
export function adoptHostSheet(doc: Document): void {
  if (hostSheetAdopted) return;
  hostSheetAdopted = true;
  adoptSheets(doc, [sheet(HOST_CSS)]);
}

// ── What a badge says ──

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
