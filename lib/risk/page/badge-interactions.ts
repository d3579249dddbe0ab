/**
 * What a person does with a badge: hovering it or giving it keyboard focus (trusted events only)
 * shows the shared tooltip, a trusted click or key press asks for a check (or opens the check page
 * when there is a result to read).
 */
import { badgeAction, type RiskBadge } from '@/lib/risk/badge-model';
import {
  adoptSheets,
  badgeWords,
  listenToBadges,
  renderBadge,
  tooltipSheet,
  TOOLTIP_HEIGHT,
  TOOLTIP_WIDTH,
  type BadgeHandle,
  type BadgeWords,
} from './badge-host';
import type { RiskChannel } from './badge-lookups';

export interface BadgeInteractionView {
  /** What the background said about `address`, if it answered yet. */
  badgeOf(address: string): RiskBadge | undefined;
  /** The badge whose host is `node`, if it is one of ours. */
  ofHost(node: Node): BadgeHandle | undefined;
}

/** Starts listening to the badges of `doc`; the tooltip is built now and shown on demand. */
export function createBadgeInteractions(doc: Document, channel: RiskChannel, view: BadgeInteractionView) {
  const tooltip = createTooltip(doc, tooltipSheet, (address) => void channel.openCheckPage(address));
  const stopListening = listenToBadges(
    doc,
    {
      activate(handle, event) {
        // Only a person's click or key press on our own shadow-root button; never a page script.
        if (!event.isTrusted) return;
        const badge = view.badgeOf(handle.address);
        if (!badge) return;
        const asked =
          badgeAction(badge) === 'check'
            ? channel.requestCheck(handle.address)
            : channel.openCheckPage(handle.address);
        // The background is restarting or gone: this click did nothing, and the next one asks again.
        void asked.catch(() => undefined);
      },
      show(handle) {
        const badge = view.badgeOf(handle.address);
        renderBadge(handle, badge);
        tooltip.show(handle.host, badgeWords(badge), handle.address);
      },
      hide(_handle, soon) {
        tooltip.hide(soon);
      },
    },
    (target) => (target ? view.ofHost(target as Node) : undefined),
  );

  return {
    /** Hides the tooltip at once (badges were removed). */
    hideTooltip(): void {
      tooltip.hide(false);
    },
    /** Stops listening and removes the tooltip. */
    stop(): void {
      stopListening();
      tooltip.destroy();
    },
  };
}

// ── The tooltip ──

/**
 * The one tooltip all badges share. It says nothing personal (see badge-host.ts): one generic line and a
 * button that opens the extension's own check page, where the detail is. Its host has a fixed size,
 * whatever it says, so measuring it tells a page nothing; it lives in its own closed shadow root at
 * the end of the document with fixed position, so a table cell's `overflow: hidden` cannot clip it.
 *
 * Test URL: the sandbox's `/tronscan/` home page (hover or focus any badge).
 */
const GAP = 6;
const HIDE_DELAY_MS = 250;

export interface Tooltip {
  show(anchor: Element, words: BadgeWords, address: string): void;
  /** Hides now, or after a short delay that the pointer entering the tooltip cancels. */
  hide(soon: boolean): void;
  destroy(): void;
}

/** Builds the tooltip; `openCheckPage` runs on a trusted click of its button. */
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
  const line = doc.createElement('p');
  const open = doc.createElement('button');
  open.type = 'button';
  box.append(line, open);
  root.append(box);
  host.hidden = true;
  let address = '';
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  const cancelHide = () => {
    clearTimeout(hideTimer);
    hideTimer = undefined;
  };
  box.addEventListener('mouseenter', cancelHide);
  box.addEventListener('mouseleave', () => tooltip.hide(true));
  open.addEventListener('click', (event) => {
    event.stopPropagation();
    // A page script can dispatch clicks on anything it reaches; only a person's click counts.
    if (event.isTrusted && address) openCheckPage(address);
  });

  const tooltip: Tooltip = {
    show(anchor, words, forAddress) {
      cancelHide();
      address = forAddress;
      if (!host.isConnected) doc.documentElement.append(host);
      line.textContent = words.title;
      open.textContent = words.link;
      host.hidden = false;
      // Below the badge when there is room, else above; kept inside the viewport horizontally. The
      // size is fixed, so only the badge is measured.
      const rect = anchor.getBoundingClientRect();
      const view = doc.documentElement;
      const left = Math.max(GAP, Math.min(rect.left, view.clientWidth - TOOLTIP_WIDTH - GAP));
      const below = rect.bottom + GAP;
      const top =
        below + TOOLTIP_HEIGHT <= view.clientHeight ? below : Math.max(GAP, rect.top - GAP - TOOLTIP_HEIGHT);
      host.style.transform = `translate(${Math.round(left)}px,${Math.round(top)}px)`;
    },
    hide(soon) {
      cancelHide();
      if (soon) hideTimer = setTimeout(() => tooltip.hide(false), HIDE_DELAY_MS);
      else {
        host.hidden = true;
        // Nothing stays behind in the page once hidden.
        line.textContent = '';
        open.textContent = '';
        address = '';
      }
    },
    destroy() {
      cancelHide();
      host.remove();
    },
  };
  return tooltip;
}
