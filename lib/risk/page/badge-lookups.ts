/**
 * The content script's questions to the background: the batched `risk.lookup` for candidates and
 * badges, and the first call that only learns the settings. Every reset the background pushes starts
 * a new generation: an answer to a question asked before it may carry the old settings (a lookup
 * answered just before badges were turned off) and is dropped, so it cannot undo the reset.
 */
import type { BadgeSettings, RiskLookupAnswer } from '@/lib/risk/badge-model';
import type { RiskChannel } from './risk-channel';
import type { BadgeMetrics } from './metrics';
import { createLookupQueue } from './lookups';

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
      const sentAt = metrics ? performance.now() : 0;
      const answer = await channel.lookup(addresses);
      metrics?.roundTrip(performance.now() - sentAt);
      return askedIn === generation ? answer : null;
    },
    onAnswer: options.onAnswer,
    stillNeeded: options.stillNeeded,
    onPending: metrics ? (count) => metrics.asking(count) : undefined,
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
