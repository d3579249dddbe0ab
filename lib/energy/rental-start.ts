/**
 * Starting a rental: quote again, check the quote is what the person confirmed, and create the
 * `nrg-claim` job unless the payer already has one that needs TronLink. Starts are serialized in
 * the background, and a start takes its turn synchronously, before its first `await`: a second
 * window's start runs only once the first one's job exists, and then finds it (`rental_in_progress`),
 * so two windows make one job and one payment prompt.
 */
import type { JobKind, JobRunner } from '@/lib/jobs/runner';
import type { JobRecord } from '@/lib/jobs/schema';
import type { MessageData, MessageOutput } from '@/lib/messaging';
import { createSerialQueue } from '@/lib/queue';
import { jobsItem } from '@/lib/storage';
import { succeeded } from '@/lib/outcome';
import { NRG_CLAIM_KIND, nrgClaimDataSchema, type NrgClaimData, type NrgClaimDataInput } from './claim-data';
import type { RentalQuote } from './quote';
import { quoteRefused, type QuoteOutcome, type QuoteRequest } from './quote-facts';

type RentalRequest = MessageData<'energy.rent'>;
type RentalStart = MessageOutput<'energy.rent'>;

/** States in which a rental still needs TronLink: a second one would stack prompts on the first. */
const NEEDS_TRONLINK = new Set(['quote', 'awaiting_payment', 'paid', 'signing']);

export interface RentalStartDeps {
  runner: Pick<JobRunner, 'create'>;
  job: JobKind<NrgClaimData>;
  /** Prices the rental now (network: the chain and TronNRG). */
  quote(request: QuoteRequest): Promise<QuoteOutcome>;
  /** After the job exists (history, known addresses). */
  onStarted?(job: JobRecord, quote: RentalQuote): Promise<void>;
  now?: () => number;
}

/** Creates the serialized rental start. */
export function createRentalStarts(deps: RentalStartDeps): (request: RentalRequest) => Promise<RentalStart> {
  const now = deps.now ?? Date.now;
  const turns = createSerialQueue();

  async function start(request: RentalRequest): Promise<RentalStart> {
    const outcome = await deps.quote({ receiver: request.receiver, sizing: request.sizing });
    if (!outcome.ok) return outcome;
    const quote = outcome.value;
    // What the person confirmed must be what is paid, to the sun and to the address.
    if (quote.priceSun.toString() !== request.priceSun) return quoteRefused('price_changed');
    if (quote.payTo !== request.payTo) return quoteRefused('pay_to_changed');
    if (quote.payToUndocumented && !request.confirmUndocumentedPayTo)
      return quoteRefused('pay_to_unconfirmed');
    const busy = Object.values(await jobsItem.get()).some(
      (job) =>
        job.kind === NRG_CLAIM_KIND &&
        !job.terminal &&
        NEEDS_TRONLINK.has(job.state) &&
        job.data.payer === quote.payer,
    );
    if (busy) return quoteRefused('rental_in_progress');

    const data: NrgClaimDataInput = {
      payer: quote.payer,
      receiver: quote.receiver,
      payTo: quote.payTo,
      priceSun: quote.priceSun.toString(),
      energy: quote.energy,
      neededEnergy: quote.neededEnergy,
      startedAt: now(),
    };
    // `create` kicks the runner: TronLink is asked to pay at once.
    const job = await deps.runner.create(deps.job, 'quote', nrgClaimDataSchema.parse(data));
    await deps.onStarted?.(job, quote);
    return succeeded({ jobId: job.id });
  }

  // No `async` here: the turn is taken in the same tick the message arrives.
  return (request) => turns(() => start(request));
}
