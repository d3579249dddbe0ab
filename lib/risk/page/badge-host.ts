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
 * addresses resemble the user's own (see labels.ts).
 */
import type { RiskBadge } from '@/lib/risk/badge-model';
import { BADGE_TAG } from './scan';
import { adoptSheets, badgeSheet } from './styles';
import { badgeLabel, badgeWords } from './labels';

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
