/**
 * Drawing the placed badges: a badge's host enters the page, with its shadow root and button, only
 * once its anchor is near the viewport (see near-viewport.ts); far below, a badge is bookkeeping
 * only, because inserting and styling thousands of hosts nobody sees is what made a long list stutter.
 * Anchors that came near are queued and drawn together: first every spot is read (badge-spots.ts),
 * then every host inserted, so a batch forces at most one style recalculation. Drawn badges are
 * redrawn when their data or the settings change. Counts the first draws so each batch can report them.
 */
import type { RiskBadge } from '@/lib/risk/badge-model';
import { renderBadge, type BadgeHandle } from './badge-host';
import type { BadgeRegistry } from './badge-registry';
import { createNearViewport } from './near-viewport';
import { createSpotReader, insertAt, type Spot } from './badge-spots';

export interface BadgeDrawingView {
  /** What the background said about `address`, if it answered yet. */
  badgeOf(address: string): RiskBadge | undefined;
}

export interface BadgeDrawingHooks {
  /** Follows each batch of badges that came near the viewport. */
  onNearDrawn(startedAt: number): void;
  /** Follows every batch of insertions (their mutation records are ours, not the page's). */
  afterInsert(): void;
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
  function draw(handle: BadgeHandle): void {
    if (handle.button) return;
    renderBadge(handle, view.badgeOf(handle.address));
    firstDraws++;
  }

  /** Inserts and draws the badges of every queued anchor: all reads first, then all writes. */
  function flush(): void {
    if (queued.size === 0) return;
    const spots = createSpotReader(win);
    const work: [Spot, BadgeHandle[]][] = [];
    for (const anchor of queued) {
      const handles = registry.badgesAfter(anchor);
      if (!handles || handles.length === 0 || !anchor.isConnected) continue;
      const waiting = handles.filter((handle) => !handle.host.isConnected);
      if (waiting.length > 0) work.push([spots.spotOf(anchor), waiting]);
    }
    queued.clear();
    for (const [spot, handles] of work) {
      for (const handle of handles) draw(handle);
      insertAt(
        spot,
        handles.map((handle) => handle.host),
      );
    }
    if (work.length > 0) hooks.afterInsert();
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
        if (handle.button) renderBadge(handle, badge);
      }
    },
    /** Redraws every drawn badge (the settings changed). */
    redrawAll(): void {
      registry.each((handle) => {
        if (handle.button) renderBadge(handle, view.badgeOf(handle.address));
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
