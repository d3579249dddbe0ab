/**
 * The one tooltip all badges share: level, score, when it was checked, tags, the "cached" mark and
 * age, the free signals, and a link to the check page. It lives in its own closed shadow root at the
 * end of the document with fixed position, so a table cell's `overflow: hidden` cannot clip it.
 *
 * Test URL: the sandbox's `/tronscan/` home page (hover or focus any badge).
 */
import type { BadgeWords } from './labels';
import { adoptSheets } from './styles';

const GAP = 6;
const HIDE_DELAY_MS = 250;

export interface Tooltip {
  show(anchor: Element, words: BadgeWords, checkPageUrl: string, address: string): void;
  /** Hides now, or after a short delay that the pointer entering the tooltip cancels. */
  hide(soon: boolean): void;
  destroy(): void;
}

/** Builds the tooltip; `openCheckPage` runs on a trusted click of its link. */
export function createTooltip(
  doc: Document,
  sheet: CSSStyleSheet,
  openCheckPage: (address: string) => void,
): Tooltip {
  const host = doc.createElement('ampere-risk-tooltip');
  const root = host.attachShadow({ mode: 'closed' });
  adoptSheets(root, [sheet]);
  const box = doc.createElement('div');
  box.className = 'tip';
  box.setAttribute('role', 'tooltip');
  box.hidden = true;
  root.append(box);
  let address = '';
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  const cancelHide = () => {
    clearTimeout(hideTimer);
    hideTimer = undefined;
  };
  box.addEventListener('mouseenter', cancelHide);
  box.addEventListener('mouseleave', () => tooltip.hide(true));

  const tooltip: Tooltip = {
    show(anchor, words, checkPageUrl, forAddress) {
      cancelHide();
      address = forAddress;
      if (!host.isConnected) doc.documentElement.append(host);
      const title = doc.createElement('h2');
      const dot = doc.createElement('i');
      dot.className = words.tone;
      title.append(dot, words.title);
      const lines = words.lines.map(([kind, text]) => {
        const line = doc.createElement('p');
        if (kind !== 'text') line.className = kind;
        line.textContent = text;
        return line;
      });
      if (words.action && words.action !== words.link) {
        const hint = doc.createElement('p');
        hint.className = 'muted';
        hint.textContent = words.action;
        lines.push(hint);
      }
      const link = doc.createElement('a');
      link.href = checkPageUrl;
      link.textContent = words.link;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        // A page script can dispatch clicks on anything it reaches; only a person's click counts.
        if (event.isTrusted) openCheckPage(address);
      });
      const footer = doc.createElement('p');
      footer.append(link);
      box.replaceChildren(title, ...lines, footer);
      box.hidden = false;
      // Below the badge when there is room, else above; kept inside the viewport horizontally.
      const rect = anchor.getBoundingClientRect();
      const tip = box.getBoundingClientRect();
      const view = doc.documentElement;
      const left = Math.max(GAP, Math.min(rect.left, view.clientWidth - tip.width - GAP));
      const below = rect.bottom + GAP;
      const top =
        below + tip.height <= view.clientHeight ? below : Math.max(GAP, rect.top - GAP - tip.height);
      host.style.transform = `translate(${Math.round(left)}px,${Math.round(top)}px)`;
    },
    hide(soon) {
      cancelHide();
      if (soon) hideTimer = setTimeout(() => tooltip.hide(false), HIDE_DELAY_MS);
      else box.hidden = true;
    },
    destroy() {
      cancelHide();
      host.remove();
    },
  };
  return tooltip;
}
