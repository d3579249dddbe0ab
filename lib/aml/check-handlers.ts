/**
 * The AML check messages: the cost of a check before it is paid, starting the durable `aml-check`
 * job (from an extension page only, after the user's click), the history, one result in full, the
 * check page's data for an address, report downloads, stopping a job, and the check defaults.
 */
import type { Handlers } from '@/lib/messaging';
import type { JobRunner } from '@/lib/jobs/runner';
import { jobsItem } from '@/lib/storage';
import { amlPreferencesItem } from './preferences';
import { riskResultsItem } from '../risk/schemas';
import { isTronAddress } from '@/lib/tron/address';
import {
  AML_CHECK_KIND,
  amlCheckDataSchema,
  isCancellableCheck,
  type AmlCheckDataInput,
} from '@/lib/aml/check-job';
import { CREDIT_PURCHASE_KIND } from '@/lib/aml/purchase-job';
import { previewCheckCost, sameCost } from '@/lib/aml/cost';
import { checkDetailView, checkHistoryRow } from '@/lib/aml/check-views';
import { newIdempotencyKey } from '@/lib/aml/job-policy';
import type { AddressCheckView, CheckCostView, CheckDetailView } from '@/lib/aml/views';
import { refused, succeeded, type Outcome } from '@/lib/outcome';
import type { RequestBillingMode } from '@/lib/aml/api-schemas';
import { ServiceError } from '@/lib/http';
import { twoAmlApi, twoAmlSession } from '../twoaml/background-session';
import { amlCheckJob } from './job-kinds';
import { outcomeOf } from './outcome';
import { localProblem, problemFromError } from './texts';
import { downloadReport } from './report-downloads';
import { createLogger } from '@/lib/log';
import { paidJobLock } from './job-lock';

const log = createLogger('aml');

const PAGE_SIZE = 20;

/** Addresses whose check is being started in this worker (held from before the first await). */
const startingChecks = new Set<string>();
/** How far back the check page looks for an address's latest check when nothing is cached. */
const HISTORY_SCAN_LIMIT = 100;

/** What one check costs now under `billingMode`, from the wallet, the credits and the catalog. */
async function currentCost(billingMode: RequestBillingMode): Promise<CheckCostView> {
  const api = (await twoAmlApi()).aml;
  const [wallet, catalog] = await Promise.all([api.wallet.summary(), api.creditCatalog()]);
  const cost = previewCheckCost({
    billingMode,
    credits: wallet.amlCreditsBalance,
    walletAvailableSun: wallet.availableBalanceSun,
    feePerCheckSun: catalog.feePerCheckSun,
    walletBalanceBillingEnabled: catalog.walletBalanceBillingEnabled,
    creditPackBillingEnabled: catalog.creditPackBillingEnabled,
  });
  return {
    cost,
    billingMode,
    credits: wallet.amlCreditsBalance,
    walletAvailableSun: wallet.availableBalanceSun.toString(),
    feePerCheckSun: catalog.feePerCheckSun.toString(),
  };
}

/** The check handlers. */
export function createCheckHandlers({ runner }: { runner: JobRunner }): Handlers {
  const aml = async () => (await twoAmlApi()).aml;

  async function startCheck({
    target,
    billingMode,
    reportLanguage,
    cost,
    origin,
  }: {
    target: string;
    billingMode: RequestBillingMode;
    reportLanguage: AmlCheckDataInput['reportLanguage'];
    cost: AmlCheckDataInput['cost'];
    origin: AmlCheckDataInput['origin'];
  }): Promise<Outcome<{ jobId: string }>> {
    const state = await twoAmlSession.ready();
    if (state.kind !== 'signed_in') return refused(localProblem('not_signed_in'));
    const running = Object.values(await jobsItem.get()).some(
      (job) => job.kind === AML_CHECK_KIND && !job.terminal && job.data.address === target,
    );
    if (running) return refused(localProblem('check_in_progress', 'later'));
    const now = await outcomeOf(() => currentCost(billingMode));
    if (!now.ok) return now;
    if (now.value.cost.kind === 'unavailable') return refused(localProblem('cost_unavailable', 'never'));
    // What the user confirmed (a credit, or the exact TRX fee) must be what is charged.
    if (!sameCost(now.value.cost, cost)) return refused(localProblem('cost_changed'));
    const data: AmlCheckDataInput = {
      address: target,
      billingMode,
      reportLanguage,
      idempotencyKey: newIdempotencyKey('check'),
      userId: state.session.user.id,
      email: state.session.user.email,
      origin,
      cost,
      startedAt: Date.now(),
      serviceOrigin: state.session.origin,
    };
    const job = await runner.create(amlCheckJob, 'created', amlCheckDataSchema.parse(data));
    return { ok: true, value: { jobId: job.id } };
  }

  return {
    'aml.cost': ({ billingMode }) => outcomeOf(() => currentCost(billingMode)),

    'aml.startCheck': async ({ address, billingMode, reportLanguage, cost, origin }) => {
      const target = address.trim();
      // An invalid address is refused here: nothing is sent, nothing is paid.
      if (!isTronAddress(target)) return refused(localProblem('invalid_address'));
      // The intent is taken before the first await: a second window asking for the same address
      // while this one reads the session, the jobs and the price is refused, so one job is made.
      if (startingChecks.has(target)) return refused(localProblem('check_in_progress', 'later'));
      startingChecks.add(target);
      try {
        return await startCheck({ target, billingMode, reportLanguage, cost, origin });
      } finally {
        startingChecks.delete(target);
      }
    },

    'aml.checks': ({ page }) =>
      outcomeOf(async () => {
        const history = await (await aml()).listChecks({ page: page ?? 1, limit: PAGE_SIZE });
        return {
          rows: history.data.map(checkHistoryRow),
          skipped: history.skipped,
          total: history.total,
          page: history.page,
          limit: history.limit,
        };
      }),

    'aml.checkDetail': ({ checkId }) =>
      outcomeOf(async () => checkDetailView(await (await aml()).getCheck(checkId))),

    'aml.addressCheck': async ({ address }) => addressCheck(address.trim()),

    'aml.downloadReport': async ({
      checkId,
      kind,
    }): Promise<Outcome<{ downloadId: number; filename: string }>> => {
      try {
        return succeeded(await downloadReport(await twoAmlApi(), checkId, kind));
      } catch (error) {
        // A 2aml refusal explains itself; anything else failed in the browser's downloads.
        if (error instanceof ServiceError) return refused(problemFromError(error));
        log.warn(`the ${kind} report of check ${checkId} could not be saved`, error);
        return refused(localProblem('download_failed'));
      }
    },

    'aml.cancelJob': async ({ id }) =>
      // A step sending the paid call finishes first; the state it leaves decides.
      paidJobLock.cancel(id, async () => {
        const job = (await jobsItem.get())[id];
        if (!job || job.terminal) return;
        if (job.kind !== AML_CHECK_KIND && job.kind !== CREDIT_PURCHASE_KIND) return;
        if (!isCancellableCheck(job.state)) return;
        await runner.patch(id, { state: 'cancelled', terminal: true, error: null });
      }),

    'aml.setPreferences': (patch) => amlPreferencesItem.update((current) => ({ ...current, ...patch })),
  };
}

/** The check page's data: the cached result, and the full one from 2aml when signed in. */
async function addressCheck(address: string): Promise<AddressCheckView> {
  const view: AddressCheckView = { address, cached: null, detail: null, problem: null };
  if (!isTronAddress(address)) return { ...view, problem: localProblem('invalid_address', 'never') };
  const cached = (await riskResultsItem.get())[address] ?? null;
  view.cached = cached;
  const state = await twoAmlSession.ready();
  if (state.kind !== 'signed_in') return { ...view, problem: localProblem('not_signed_in') };
  const detail = await outcomeOf(async (): Promise<CheckDetailView | null> => {
    const api = (await twoAmlApi()).aml;
    if (cached) {
      try {
        return checkDetailView(await api.getCheck(cached.checkId));
      } catch (error) {
        // Checked under another 2aml account: look for this account's own check below.
        if (!(error instanceof ServiceError) || error.code !== 'not_found') throw error;
      }
    }
    const history = await api.listChecks({ page: 1, limit: HISTORY_SCAN_LIMIT });
    const latest = history.data.find(
      (row) => row.targetWallet === address && row.status === 'completed' && row.checkId !== null,
    );
    return latest?.checkId ? checkDetailView(await api.getCheck(latest.checkId)) : null;
  });
  if (detail.ok) view.detail = detail.value;
  else view.problem = detail.problem;
  return view;
}
