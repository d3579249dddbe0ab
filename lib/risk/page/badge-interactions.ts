/**
 * What a person does with a badge: hovering it or giving it keyboard focus (trusted events only)
 * shows the shared tooltip, a trusted click or key press asks for a check (or opens the check page
 * when there is a result to read).
 */
import { badgeAction, type RiskBadge } from '@/lib/risk/badge-model';
import { listenToBadges, renderBadge, type BadgeHandle } from './badge-host';
import { badgeWords } from './labels';
import { createTooltip } from './tooltip';
import { tooltipSheet } from './styles';
import type { RiskChannel } from './risk-channel';

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
