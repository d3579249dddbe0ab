/**
 * Asks every source for its offer at once and hands each answer on as soon as it arrives, so a slow
 * or failing source never holds the others: the popup shows each offer in its own state. A source
 * still silent after `timeoutMs` is shown as failed (its late answer still replaces that). Zod-free:
 * the popup imports it.
 */
import type { Outcome } from '@/lib/outcome';
import { OFFER_SOURCES, type OfferSource, type OfferWire } from './offers';

/** What the popup keeps per source: nothing yet, or the answer (a refusal is the request's problem). */
export type OfferAnswerOf<Code extends string = string> = Outcome<OfferWire, Code>;

export interface GatherOptions {
  sources?: readonly OfferSource[];
  /** After this long without an answer a source shows as failed; default 20 s. */
  timeoutMs?: number;
  /** The text of a source that did not answer. */
  timeoutMessage?: string;
}

/** A source's failure as an answer (the request itself was fine). */
function failedAnswer<Code extends string>(source: OfferSource, message: string): OfferAnswerOf<Code> {
  return {
    ok: true,
    value: {
      source,
      state: 'failed',
      message,
      need: {
        receiver: '',
        receiverActivated: true,
        receiverEnergyAvailable: 0,
        wantedEnergy: 0,
        neededEnergy: 0,
        energyFeeSun: '0',
        burnSun: '0',
        sizedExactly: false,
      },
    },
  };
}

/**
 * Asks each source with `ask` in parallel; `onAnswer` runs once per answer, in arrival order.
 * Resolves when every source has answered or timed out.
 */
export async function gatherOffers<Code extends string>(
  ask: (source: OfferSource) => Promise<OfferAnswerOf<Code>>,
  onAnswer: (source: OfferSource, answer: OfferAnswerOf<Code>) => void,
  options: GatherOptions = {},
): Promise<void> {
  const sources = options.sources ?? OFFER_SOURCES;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const timeoutMessage = options.timeoutMessage ?? 'No answer';
  await Promise.all(
    sources.map(async (source) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<'timeout'>(
        (done) => (timer = setTimeout(() => done('timeout'), timeoutMs)),
      );
      const answered = ask(source).then(
        (answer) => answer,
        // The background did not answer at all (the worker stopped mid-way): no words of its own.
        () => failedAnswer<Code>(source, timeoutMessage),
      );
      const first = await Promise.race([answered, timedOut]);
      clearTimeout(timer);
      if (first !== 'timeout') return onAnswer(source, first);
      onAnswer(source, failedAnswer<Code>(source, timeoutMessage));
      // A late answer is still better than the failure shown meanwhile.
      onAnswer(source, await answered);
    }),
  );
}
