/**
 * Drawing the placed badges: a badge gets its shadow root and button only once its anchor is near
 * the viewport (see near-viewport.ts), and is redrawn when its data or the settings change. Counts
 * the first draws so each batch can report them.
 */
import type { BadgeSettings, RiskBadge } from '@/lib/risk/badge-model';
import { renderBadge, type BadgeHandle } from './badge-host';
import type { BadgeRegistry } from './badge-registry';
import { createNearViewport } from './near-viewport';

export interface BadgeDrawingView {
  /** What the background said about `address`, if it answered yet. */
  badgeOf(address: string): RiskBadge | undefined;
  settings(): BadgeSettings;
}

/** Creates the drawing; `onNearDrawn` follows each batch of badges that came near the viewport. */
export function createBadgeDrawing(
  win: Window & typeof globalThis,
  registry: BadgeRegistry,
  view: BadgeDrawingView,
  onNearDrawn: (startedAt: number) => void,
) {
  let firstDraws = 0;

  // Anchors are watched from the moment they are found; their badges are drawn as they come near.
  const near = createNearViewport(win, (came) => {
    const started = performance.now();
    const now = Date.now();
    for (const anchor of came) for (const handle of registry.badgesAfter(anchor) ?? []) draw(handle, now);
    onNearDrawn(started);
  });

  /** Draws a placed badge for the first time (a no-op once drawn: updates go through `renderBadge`). */
  function draw(handle: BadgeHandle, now: number): void {
    if (handle.button) return;
    renderBadge(handle, view.badgeOf(handle.address), view.settings(), now);
    firstDraws++;
  }

  return {
    near,
    draw,
    /** Redraws the drawn badges of `badge`'s address with it (undrawn ones read it when drawn). */
    redrawAddress(badge: RiskBadge, now: number): void {
      for (const handle of registry.ofAddress(badge.address) ?? []) {
        if (handle.button) renderBadge(handle, badge, view.settings(), now);
      }
    },
    /** Redraws every drawn badge (the settings changed). */
    redrawAll(): void {
      const now = Date.now();
      registry.each((handle) => {
        if (handle.button) renderBadge(handle, view.badgeOf(handle.address), view.settings(), now);
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
