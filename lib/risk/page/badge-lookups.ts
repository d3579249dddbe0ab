/**
 * The content script's questions to the background: the batched `risk.lookup` for candidates and
 * badges, and the first call that only learns the settings. Every reset the background pushes starts
 * a new generation: an answer to a question asked before it may carry the old settings (a lookup
 * answered just before badges were turned off) and is dropped, so it cannot undo the reset.
 */
import { IS_SANDBOX_BUILD } from '@/lib/config/build-mode';
import type { BadgeSettings, RiskLookupAnswer } from '@/lib/risk/badge-model';
import type { BadgeMetrics } from './metrics';
import { createLogger } from '@/lib/log';

export interface BadgeLookupOptions {
  /** A current answer (one asked in this generation) came back. */
  onAnswer(answer: RiskLookupAnswer): void;
  /** Whether an address still needs an answer when a failed call is retried. */
  stillNeeded(address: string): boolean;
}

/** Creates the lookups of one page over `channel`, timing each round trip for the sandbox metrics. */
export function createBadgeLookups(
  channel: RiskChannel,
  metrics: BadgeMetrics | null,
  options: BadgeLookupOptions,
) {
  let generation = 0;
  const queue = createLookupQueue({
    lookup: async (addresses) => {
      const askedIn = generation;
      const sentAt = IS_SANDBOX_BUILD && metrics ? performance.now() : 0;
      const answer = await channel.lookup(addresses);
      if (IS_SANDBOX_BUILD) metrics?.roundTrip(performance.now() - sentAt);
      return askedIn === generation ? answer : null;
    },
    onAnswer: options.onAnswer,
    stillNeeded: options.stillNeeded,
    onPending: IS_SANDBOX_BUILD && metrics ? (count) => metrics.asking(count) : undefined,
  });

  return {
    /** Asks about a candidate or address in the next batch (repeats cost nothing). */
    want: queue.want,
    /** The settings in force; null when a reset came while asking (it brought newer ones). */
    async settings(): Promise<BadgeSettings | null> {
      const askedIn = generation;
      const answer = await channel.lookup([]);
      return askedIn === generation ? answer.settings : null;
    },
    /** Drops every answer still on the way (the background reset what it said). */
    reset(): void {
      generation++;
    },
  };
}

// ── The batched risk.lookup queue ──

/**
 * Batches `risk.lookup` calls: the candidates and addresses wanted during one turn go out together,
 * in chunks the protocol accepts (a full chunk at once, so the background answers it while the scan
 * goes on), never twice while an answer is on the way, and again after a failed call for those still
 * needed (the worker may have been restarting).
 *
 * Test URL: the sandbox's `/tronscan/#/transfers?rows=1000` (512 distinct addresses, three calls).
 */
/** The protocol's cap on one `risk.lookup` batch (see lib/messaging.ts). */
export const LOOKUP_BATCH = 200;
/**
 * The first chunk of a burst is small: candidates are wanted in document order, so it holds the top
 * of the page, which is what a person sees first, and a small question is answered sooner.
 */
export const FIRST_CHUNK = 40;
const RETRY_MS = 2_000;

// Production prints errors only and this logs none: a production build drops the logger (12 KB budget).
const log = import.meta.env.MODE === 'production' ? null : createLogger('risk');

export interface LookupQueueOptions {
  /** Resolves null when the answer went stale on the way (settings changed meanwhile): ask again. */
  lookup(addresses: string[]): Promise<RiskLookupAnswer | null>;
  onAnswer(answer: RiskLookupAnswer): void;
  /** Whether an address still needs data when a failed call is retried. */
  stillNeeded(address: string): boolean;
  /** How many addresses are waiting for an answer (for the sandbox metrics). */
  onPending?(count: number): void;
}

/** Creates the queue; `want` may be called for every occurrence, repeats cost nothing. */
export function createLookupQueue(options: LookupQueueOptions) {
  const wanted = new Set<string>();
  const asking = new Set<string>();
  let queued = false;

  function send(): void {
    const addresses = [...wanted];
    wanted.clear();
    for (let i = 0; i < addresses.length; i += LOOKUP_BATCH) {
      const chunk = addresses.slice(i, i + LOOKUP_BATCH);
      for (const address of chunk) asking.add(address);
      options.onPending?.(asking.size);
      const askAgain = () => chunk.forEach((address) => options.stillNeeded(address) && want(address));
      let stale = false;
      options
        .lookup(chunk)
        .then((answer) => {
          if (answer) options.onAnswer(answer);
          else stale = true;
        })
        .catch((error: unknown) => {
          log?.debug(`risk.lookup of ${chunk.length} addresses failed; asking again`, error);
          setTimeout(askAgain, RETRY_MS);
        })
        .finally(() => {
          for (const address of chunk) asking.delete(address);
          options.onPending?.(asking.size);
          // Only now: `want` skips addresses still marked as being asked.
          if (stale) askAgain();
        });
    }
  }

  function want(address: string): void {
    if (asking.has(address)) return;
    wanted.add(address);
    // Nothing on the way yet: the first few leave at once, the rest in full chunks.
    if (wanted.size >= (asking.size === 0 ? FIRST_CHUNK : LOOKUP_BATCH)) send();
    else if (!queued) {
      queued = true;
      queueMicrotask(() => {
        queued = false;
        send();
      });
    }
  }

  return { want };
}

// ── Which candidates are addresses ──

/**
 * Which candidates the background said are addresses, and the anchors waiting for its answer.
 *
 * The content script carries no checksum code (it would cost a third of its size budget): every
 * candidate goes to the background in the batched `risk.lookup`, which answers badges for the valid
 * ones and lists the others. An anchor gets its badges once every candidate it shows is known, so
 * its badges are placed together, in the order the page shows the addresses.
 *
 * Test URL: the sandbox's `/tronscan/` home page ("Recent searches": checksum typos, none badged).
 */
/** Answers remembered at most; a page that shows more distinct strings is simply asked about again. */
const MAX_KNOWN = 20_000;

export interface ValidityOptions {
  /** Asks the background about a candidate (repeats while an answer is on the way cost nothing). */
  ask(candidate: string): void;
  /** Every candidate of a waiting anchor is known now; `addresses` are its valid ones, in order. */
  onSettled(anchor: Element | Text, addresses: string[]): void;
}

/** Creates the book of answers for one page. */
export function createValidity(options: ValidityOptions) {
  const known = new Map<string, boolean>();
  const waitingAnchors = new Map<Element | Text, string[]>();
  const anchorsWaitingFor = new Map<string, Set<Element | Text>>();

  /** The valid candidates when every one is known; otherwise null, asked about and waited for. */
  function validOf(candidates: string[]): string[] | null {
    let valid: string[] | null = [];
    for (const candidate of candidates) {
      const answer = known.get(candidate);
      if (answer === undefined) valid = null;
      else if (answer && valid) valid.push(candidate);
    }
    return valid;
  }

  function wait(anchor: Element | Text, candidates: string[]): void {
    waitingAnchors.set(anchor, candidates);
    for (const candidate of candidates) {
      if (known.has(candidate)) continue;
      let anchors = anchorsWaitingFor.get(candidate);
      if (!anchors) anchorsWaitingFor.set(candidate, (anchors = new Set()));
      anchors.add(anchor);
      options.ask(candidate);
    }
  }

  function forget(anchor: Node): void {
    const candidates = waitingAnchors.get(anchor as Element | Text);
    if (!candidates) return;
    waitingAnchors.delete(anchor as Element | Text);
    for (const candidate of candidates) {
      const anchors = anchorsWaitingFor.get(candidate);
      anchors?.delete(anchor as Element | Text);
      if (anchors?.size === 0) anchorsWaitingFor.delete(candidate);
    }
  }

  return {
    /**
     * The valid candidates of `anchor` when the background already answered for all of them (an
     * empty list when none is an address); otherwise null, and `onSettled` follows the answer.
     */
    settle(anchor: Element | Text, candidates: string[]): string[] | null {
      forget(anchor);
      const valid = validOf(candidates);
      if (!valid) wait(anchor, candidates);
      return valid;
    },
    /** Records the background's answer and settles the anchors that were waiting for it. */
    learn(valid: readonly string[], invalid: readonly string[]): void {
      if (known.size + valid.length + invalid.length > MAX_KNOWN) known.clear();
      for (const address of valid) known.set(address, true);
      for (const candidate of invalid) known.set(candidate, false);
      const touched = new Set<Element | Text>();
      for (const candidate of [...valid, ...invalid]) {
        for (const anchor of anchorsWaitingFor.get(candidate) ?? []) touched.add(anchor);
        anchorsWaitingFor.delete(candidate);
      }
      for (const anchor of touched) {
        const candidates = waitingAnchors.get(anchor);
        if (!candidates) continue;
        const addresses = validOf(candidates);
        if (!addresses) {
          // Another of its candidates is still unknown (or was forgotten to stay bounded): ask again.
          wait(anchor, candidates);
          continue;
        }
        waitingAnchors.delete(anchor);
        // Removed by the page while we waited: nothing to badge (a re-insert is scanned afresh).
        if (anchor.isConnected) options.onSettled(anchor, addresses);
      }
    },
    /** Stops waiting for `anchor` (the page removed or changed it). */
    forget,
    /** True while `anchor` waits for an answer: a scan must not pick it up again. */
    isWaiting: (anchor: Node) => waitingAnchors.has(anchor as Element | Text),
    /** True while some anchor waits for `candidate` (a failed lookup is retried only for those). */
    isWaitedFor: (candidate: string) => anchorsWaitingFor.has(candidate),
    /** How many anchors wait. */
    get waiting(): number {
      return waitingAnchors.size;
    },
    /** Stops waiting for every anchor (badges were turned off); the answers are kept. */
    clearWaits(): void {
      waitingAnchors.clear();
      anchorsWaitingFor.clear();
    },
  };
}

export type Validity = ReturnType<typeof createValidity>;

// ── The channel to the background ──

/** The background calls a content script may make (all `content`-role messages). */
export interface RiskChannel {
  lookup(addresses: string[]): Promise<RiskLookupAnswer>;
  requestCheck(address: string): Promise<void>;
  openCheckPage(address: string): Promise<void>;
}
