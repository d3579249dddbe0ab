/**
 * The AML wallet and credit messages: balances, deposit instructions, reconciling a top-up, the
 * credit catalog (with the referral price), buying a pack as a durable job, and both histories.
 */
import type { Handlers } from '@/lib/messaging';
import type { JobRunner } from '@/lib/jobs/runner';
import { txHash } from '@/lib/api/common-schemas';
import {
  CREDIT_PURCHASE_KIND,
  creditPurchaseDataSchema,
  type CreditPurchaseDataInput,
} from '@/lib/aml/purchase-job';
import { jobsItem } from '@/lib/storage';
import { newIdempotencyKey } from '@/lib/aml/job-policy';
import { twoAmlApi, twoAmlSession } from '../twoaml/background-session';
import { creditPurchaseJob } from './job-kinds';
import { refused, type Outcome } from '@/lib/outcome';
import type { CreditPlanCode } from '@/lib/aml/api-schemas';
import { outcomeOf } from './outcome';
import { localProblem } from './texts';
import {
  catalogView,
  creditHistoryRow,
  depositView,
  planPriceSun,
  topupView,
  walletHistoryRow,
  walletView,
} from './wallet-views';

const PAGE_SIZE = 20;

/** The wallet and credit handlers. */
export function createWalletHandlers({ runner }: { runner: JobRunner }): Handlers {
  const aml = async () => (await twoAmlApi()).aml;
  /** Set from before the first await of a purchase start until its job exists (or it was refused). */
  let purchaseStarting = false;

  async function startPurchase(
    planCode: CreditPlanCode,
    priceSun: string,
  ): Promise<Outcome<{ jobId: string }>> {
    const state = await twoAmlSession.ready();
    if (state.kind !== 'signed_in') return refused(localProblem('not_signed_in'));
    const busy = Object.values(await jobsItem.get()).some(
      (job) => job.kind === CREDIT_PURCHASE_KIND && !job.terminal,
    );
    if (busy) return refused(localProblem('purchase_in_progress', 'later'));
    const read = await outcomeOf(async () => (await aml()).creditCatalog());
    if (!read.ok) return read;
    const catalog = read.value;
    const plan = catalog.planCatalog.find((p) => p.code === planCode);
    if (!plan || !plan.active || !catalog.creditPackBillingEnabled)
      return refused(localProblem('plan_unavailable'));
    // What the person confirmed must be what 2aml charges now, to the sun.
    if (planPriceSun(plan).toString() !== priceSun) return refused(localProblem('price_changed'));
    const data: CreditPurchaseDataInput = {
      planCode,
      credits: plan.credits,
      priceSun,
      idempotencyKey: newIdempotencyKey('credits'),
      userId: state.session.user.id,
      email: state.session.user.email,
      startedAt: Date.now(),
      serviceOrigin: state.session.origin,
    };
    const job = await runner.create(creditPurchaseJob, 'created', creditPurchaseDataSchema.parse(data));
    return { ok: true, value: { jobId: job.id } };
  }

  return {
    'aml.wallet': () =>
      outcomeOf(async () => {
        const api = await aml();
        const [wallet, credits] = await Promise.all([api.wallet.summary(), api.creditSummary()]);
        return walletView(wallet, credits);
      }),

    'aml.deposit': () => outcomeOf(async () => depositView(await (await aml()).wallet.depositInstructions())),

    'aml.reconcile': async ({ txHash: hash }) => {
      const trimmed = hash.trim().replace(/^0x/i, '');
      if (!txHash.safeParse(trimmed).success) return refused(localProblem('tx_hash_invalid'));
      return outcomeOf(async () => {
        const answer = await (await aml()).wallet.reconcileTopup({ txHash: trimmed.toLowerCase() });
        return {
          topup: topupView(answer.topup),
          wallet: {
            availableSun: answer.wallet.availableBalanceSun.toString(),
            credits: answer.wallet.amlCreditsBalance,
          },
        };
      });
    },

    'aml.walletHistory': ({ page }) =>
      outcomeOf(async () => {
        const history = await (await aml()).wallet.history({ page: page ?? 1, limit: PAGE_SIZE });
        return {
          rows: history.data.map(walletHistoryRow),
          skipped: history.skipped,
          total: history.total,
          page: history.page,
          limit: history.limit,
        };
      }),

    'aml.catalog': () => outcomeOf(async () => catalogView(await (await aml()).creditCatalog())),

    'aml.purchase': async ({ planCode, priceSun }) => {
      // The intent is taken before the first await: a second window's purchase is refused, not doubled.
      if (purchaseStarting) return refused(localProblem('purchase_in_progress', 'later'));
      purchaseStarting = true;
      try {
        return await startPurchase(planCode, priceSun);
      } finally {
        purchaseStarting = false;
      }
    },

    'aml.creditHistory': ({ page, type }) =>
      outcomeOf(async () => {
        const history = await (await aml()).creditHistory({ page: page ?? 1, limit: PAGE_SIZE, type });
        return {
          rows: history.data.map(creditHistoryRow),
          skipped: history.skipped,
          total: history.total,
          page: history.page,
          limit: history.limit,
        };
      }),
  };
}
