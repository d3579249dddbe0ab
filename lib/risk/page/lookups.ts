/**
 * Batches `risk.lookup` calls: the candidates and addresses wanted during one turn go out together,
 * in chunks the protocol accepts (a full chunk at once, so the background answers it while the scan
 * goes on), never twice while an answer is on the way, and again after a failed call for those still
 * needed (the worker may have been restarting).
 *
 * Test URL: the sandbox's `/tronscan/#/transfers?rows=1000` (512 distinct addresses, three calls).
 */
import type { RiskLookupAnswer } from '@/lib/risk/badge-model';
import { createLogger } from '@/lib/log';

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
