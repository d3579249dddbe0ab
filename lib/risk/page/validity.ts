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
