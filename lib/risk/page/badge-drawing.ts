/**
 * Drawing the placed badges: a host is in the page from the moment its candidate was found (see
 * badge-placement.ts), an empty box of the badge's size; its shadow root and button are built only
 * once the background confirmed the address and the anchor is near the viewport (see
 * near-viewport.ts), because building thousands nobody sees is most of the cost of a long list.
 * The host's size is fixed and its layout contained, so a drawing is paint only: nothing outside
 * the host moves. Drawn badges are redrawn when their data or the settings change. Counts the first
 * draws so each batch can report them.
 */
import type { RiskBadge } from '@/lib/risk/badge-model';
import { renderBadge, type BadgeHandle } from './badge-host';
import type { BadgeRegistry } from './badge-registry';
import { createNearViewport } from './near-viewport';

export interface BadgeDrawingView {
  /** What the background said about `address`, if it answered yet. */
  badgeOf(address: string): RiskBadge | undefined;
}

export interface BadgeDrawingHooks {
  /** Follows each batch of badges that came near the viewport. */
  onNearDrawn(startedAt: number): void;
  /**
   * Sandbox builds only: marks a host whose badge shows its level (`data-shown`), so the benchmark
   * can tell when the badges a person sees are there. Production pages learn nothing from us.
   */
  markShown: boolean;
}

type Anchor = Element | Text;

/** Creates the drawing of `registry`'s badges in `win`'s document. */
export function createBadgeDrawing(
  win: Window & typeof globalThis,
  registry: BadgeRegistry,
  view: BadgeDrawingView,
  hooks: BadgeDrawingHooks,
) {
  let firstDraws = 0;
  const queued = new Set<Anchor>();

  // Anchors are watched from the moment they are found; their badges are drawn as they come near.
  const near = createNearViewport(win, (came) => {
    const started = performance.now();
    for (const anchor of came) queued.add(anchor);
    flush();
    hooks.onNearDrawn(started);
  });

  /** Draws a placed badge for the first time (a no-op once drawn: updates go through `renderBadge`). */
  function render(handle: BadgeHandle, badge: RiskBadge | undefined): void {
    renderBadge(handle, badge);
    if (hooks.markShown && badge) handle.host.setAttribute('data-shown', '');
  }

  /** Draws the confirmed, undrawn badges of every queued anchor (writes only: no layout is read). */
  function flush(): void {
    for (const anchor of queued) {
      for (const handle of registry.badgesAfter(anchor) ?? []) {
        if (handle.valid !== true || handle.button || !handle.host.isConnected) continue;
        render(handle, view.badgeOf(handle.address));
        firstDraws++;
      }
    }
    queued.clear();
  }

  return {
    near,
    /** Queues `anchor`'s badges for the next `flush` (its anchor is near the viewport). */
    queue(anchor: Anchor): void {
      queued.add(anchor);
    },
    flush,
    /** Redraws the drawn badges of `badge`'s address with it (undrawn ones read it when drawn). */
    redrawAddress(badge: RiskBadge): void {
      for (const handle of registry.ofAddress(badge.address) ?? []) {
        if (handle.button) render(handle, badge);
      }
    },
    /** Redraws every drawn badge (the settings changed). */
    redrawAll(): void {
      registry.each((handle) => {
        if (handle.button) render(handle, view.badgeOf(handle.address));
      });
    },
    /** How many badges were drawn for the first time since the last call. */
    takeFirstDraws(): number {
      const drawn = firstDraws;
      firstDraws = 0;
      return drawn;
    },
  };
}

export type BadgeDrawing = ReturnType<typeof createBadgeDrawing>;
