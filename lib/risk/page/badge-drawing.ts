/**
 * Drawing the placed badges: a host is in the page from the moment its candidate was found (see
 * badge-placement.ts), an empty box of the badge's size; its shadow root and button are built only
 * once the background confirmed the address and the anchor is near the viewport (see
 * the part below), because building thousands nobody sees is most of the cost of a long list.
 * The host's size is fixed and its layout contained, so a drawing is paint only: nothing outside
 * the host moves. Drawn badges are redrawn when their data or the settings change. Counts the first
 * draws so each batch can report them.
 */
import { IS_SANDBOX_BUILD } from '@/lib/config/build-mode';
import type { RiskBadge } from '@/lib/risk/badge-model';
import { renderBadge, type BadgeHandle } from './badge-host';
import type { BadgeRegistry } from './badge-placement';

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
    const started = IS_SANDBOX_BUILD ? performance.now() : 0;
    for (const anchor of came) queued.add(anchor);
    flush();
    hooks.onNearDrawn(started);
  });

  /** Draws a placed badge for the first time (a no-op once drawn: updates go through `renderBadge`). */
  function render(handle: BadgeHandle, badge: RiskBadge | undefined): void {
    renderBadge(handle, badge);
    if (IS_SANDBOX_BUILD && hooks.markShown && badge) handle.host.setAttribute('data-shown', '');
  }

  /** Draws the confirmed, undrawn badges of every queued anchor (writes only: no layout is read). */
  function flush(): void {
    for (const anchor of queued) {
      for (const handle of registry.badgesAfter(anchor) ?? []) {
        if (handle.valid !== true || handle.button || !handle.host.isConnected) continue;
        render(handle, view.badgeOf(handle.address));
        if (IS_SANDBOX_BUILD) firstDraws++;
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

// ── Which parts of the page are near the viewport ──

/**
 * Which parts of the page are near the viewport: badges are drawn there (a shadow root each), the
 * rest as they scroll near, because drawing thousands nobody sees is most of the cost of a long list.
 *
 * What is watched is the element holding an anchor: its table row (tronscan's long lists are tables
 * with two or three addresses a row, so one observation serves them all), else the link itself or a
 * text anchor's parent. Anchors are watched from the moment they are found, while their candidates
 * are still with the background: the page's own layout answers which are near before the background
 * answers, so a badge placed near the viewport is drawn as it is placed, in the same frame.
 *
 * Test URL: the sandbox's `/tronscan/#/transfers?rows=1000` (drawn as you scroll).
 */
/** Where anchors count as near: this far outside the viewport too, so scrolling finds badges ready. */
const AHEAD = '400px 0px';

/** Watches anchors; `onNear` gets the anchors whose holders came near in one observer callback. */
export function createNearViewport(win: Window & typeof globalThis, onNear: (anchors: Anchor[]) => void) {
  let near = new WeakSet<Element>();
  // The anchors each watched holder holds; an entry exists exactly while its holder is observed.
  let held = new WeakMap<Element, Anchor[]>();

  const learn = (entries: IntersectionObserverEntry[]): Anchor[] => {
    const came: Anchor[] = [];
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      // Once near is enough: a badge drawn stays drawn.
      observer.unobserve(entry.target);
      near.add(entry.target);
      came.push(...(held.get(entry.target) ?? []));
      held.delete(entry.target);
    }
    return came;
  };
  const observer = new win.IntersectionObserver(
    (entries) => {
      const came = learn(entries);
      if (came.length > 0) onNear(came);
    },
    { rootMargin: AHEAD },
  );

  function holderOf(anchor: Anchor): Element | null {
    const own = anchor.nodeType === 1 ? (anchor as Element) : anchor.parentElement;
    return own?.closest('tr') ?? own;
  }

  return {
    /**
     * Starts watching the holder of `anchor`, unless it is near already (watching twice is free).
     * True when it is near now: one lookup of the holder answers both questions.
     */
    watch(anchor: Anchor): boolean {
      const holder = holderOf(anchor);
      if (!holder) return false;
      if (near.has(holder)) return true;
      const anchors = held.get(holder);
      if (anchors) {
        if (!anchors.includes(anchor)) anchors.push(anchor);
        return false;
      }
      held.set(holder, [anchor]);
      observer.observe(holder);
      return false;
    },
    /**
     * Takes in what the last frame measured but the browser has not delivered yet. Its callback
     * comes in a task of its own, which a busy renderer may put after the next frame: an answer
     * placing badges before then would leave them undrawn for a frame.
     */
    catchUp(): void {
      const came = learn(observer.takeRecords());
      if (came.length > 0) onNear(came);
    },
    /** Stops watching everything and forgets what was near (badges were removed). */
    reset(): void {
      observer.disconnect();
      near = new WeakSet();
      held = new WeakMap();
    },
  };
}
