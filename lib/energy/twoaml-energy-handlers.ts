/**
 * The 2aml energy wallet and order history from the background (seeds/000 §7–11, §14–15): balance,
 * deposit instructions, wallet history, top-up records, orders and one order, and "Top up with
 * TronLink", a `wallet-topup` job (wallet-topup-job.ts) wired here to the bridge tab and the chain.
 */
import { interfaceLocale, ltrText } from '@/lib/locale';
import { i18n } from '#i18n';
import type { Handlers } from '@/lib/messaging';
import type { JobRunner } from '@/lib/jobs/runner';
import type { JobRecord } from '@/lib/jobs/schema';
import type { EndNotice } from '@/lib/jobs/notifications';
import { describeServiceError } from '@/lib/api/errors';
import { refused, settle, succeeded, type Outcome, type Problem } from '@/lib/outcome';
import { formatAmountForDisplay, TRX } from '@/lib/tron/units';
import { checkTopupAmount } from './twoaml-energy-inputs';
import { jobsItem } from '@/lib/storage';
import { createSerialQueue } from '@/lib/queue';
import { createLogger } from '@/lib/log';
import { depositView, topupView } from '@/lib/aml/wallet-views';
import { onSessionChange } from '@/lib/twoaml/background-session';
import { TWOAML_ERRORS, type TwoAmlErrorCode } from '@/lib/twoaml/errors';
import { tronLinkAccountItem } from '../tronlink/account';
import { energyClients, createRentalChain } from './rental-reads';
import {
  bridgeResults,
  newNonce,
  releaseBridgeWhenIdle,
  tronLinkBridge,
  type BridgeResultInput,
} from './rental-job';
import { isTerminalOrderStatus, type EnergyOrder } from './twoaml-order-schemas';
import { twoAmlEnergySession } from './twoaml-energy-session';
import { ENERGY_ORDER_KIND } from './job-names';
import {
  createWalletTopupKind,
  topupReportPatch,
  WALLET_TOPUP_KIND,
  walletTopupDataSchema,
  type WalletTopupData,
} from './wallet-topup-job';
import type { TopupProblemCode, TwoAmlEnergyHistoryRow, TwoAmlEnergyOrderView } from './twoaml-energy-views';

const log = createLogger('energy');
const translate = i18n.t as (key: string, substitutions?: string[]) => string;
const PAGE_SIZE = 20;

/** The text of a top-up job code (ours, TronLink's, or a 2aml error code). */
export function topupMessage(code: string): string {
  const own = translate(`twoamlEnergy.topup.errors.${code}`);
  if (own && own !== `twoamlEnergy.topup.errors.${code}`) return own;
  const twoAml = TWOAML_ERRORS[code as TwoAmlErrorCode];
  return twoAml ? translate(`errors.${twoAml.key}`) : translate('errors.unknownLater');
}

/** A top-up refused before anything was sent. */
export function topupProblem(code: TopupProblemCode, substitutions: string[] = []): Problem {
  return {
    code,
    message: translate(`twoamlEnergy.problems.${code}`, substitutions),
    retry: code === 'in_progress' ? 'later' : 'now',
  };
}

let runnerRef: JobRunner | undefined;

/** Applies a report that came straight back from the bridge tab to the top-up that asked. */
async function applyReport(jobId: string, nonce: string, report: unknown) {
  const record = (await jobsItem.get())[jobId];
  const data = record?.kind === WALLET_TOPUP_KIND ? walletTopupDataSchema.safeParse(record.data) : null;
  if (!record || !data?.success || !runnerRef) return;
  const patch = topupReportPatch({ ...record, data: data.data }, nonce, report, topupMessage);
  if (!patch) return;
  await runnerRef.patch(jobId, patch);
  await releaseBridgeWhenIdle(true);
}

/**
 * A report the relay brought for a top-up's payment: the worker that asked TronLink may have stopped
 * since, so the report is matched to its top-up by the nonce the job stored before asking.
 */
async function applyRelayedReport({ nonce, op, report }: BridgeResultInput): Promise<boolean> {
  if (op !== 'pay') return false;
  const record = Object.values(await jobsItem.get()).find(
    (job) =>
      job.kind === WALLET_TOPUP_KIND &&
      Array.isArray(job.data.nonces) &&
      (job.data.nonces as unknown[]).includes(nonce),
  );
  if (!record) return false;
  await applyReport(record.id, nonce, report);
  return true;
}
bridgeResults.addSink(applyRelayedReport);

/** txids other top-ups took. */
async function claimedTxids(exceptJobId: string): Promise<string[]> {
  return Object.values(await jobsItem.get())
    .filter((job) => job.kind === WALLET_TOPUP_KIND && job.id !== exceptJobId)
    .flatMap((job) => (typeof job.data.txid === 'string' ? [job.data.txid] : []));
}

export const walletTopupJob = createWalletTopupKind({
  session: twoAmlEnergySession,
  bridge: tronLinkBridge,
  chain: createRentalChain(async () => (await energyClients()).tronNode),
  newNonce,
  claimedTxids,
  deliverReport: (jobId, nonce, report) =>
    void applyReport(jobId, nonce, report).catch((error: unknown) =>
      log.warn('a top-up report could not be applied; the watch reads the relay instead', error),
    ),
  message: topupMessage,
  onSaved: async (job) => {
    if (job.state !== 'awaiting_payment') await releaseBridgeWhenIdle(true);
  },
});

function orderView(order: EnergyOrder): TwoAmlEnergyOrderView {
  return {
    energyOrderId: order.energyOrderId,
    orderId: order.orderId,
    status: order.status,
    terminal: isTerminalOrderStatus(order.status),
    receiver: order.receiver,
    energy: order.energy,
    period: order.period ?? null,
    amountSun: order.amountSun.toString(),
    chargedSun: order.chargedAmountSun?.toString() ?? null,
    transactionHash: order.transactionHash ?? null,
    message: order.message ?? null,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}

/** Runs `read` with the signed-in energy API; signed out is a problem that says where to sign in. */
async function signedIn<T>(
  read: (session: NonNullable<Awaited<ReturnType<typeof twoAmlEnergySession>>>) => Promise<T>,
): Promise<Outcome<T>> {
  const session = await twoAmlEnergySession();
  if (!session) return refused(topupProblem('not_signed_in'));
  return settle(() => read(session), describeServiceError);
}

const startQueue = createSerialQueue();

/** Starts a top-up: checks the input and the deposit route, writes the job, then it asks TronLink. */
async function startTopup(runner: JobRunner, amount: string): Promise<Outcome<{ jobId: string }>> {
  const session = await twoAmlEnergySession();
  if (!session) return refused(topupProblem('not_signed_in'));
  const account = await tronLinkAccountItem.get();
  if (!account) return refused(topupProblem('no_tronlink'));
  const pending = Object.values(await jobsItem.get()).some(
    (job) => job.kind === WALLET_TOPUP_KIND && !job.terminal,
  );
  if (pending) return refused(topupProblem('in_progress'));
  const read = await settle(() => session.api.wallet.depositInstructions(), describeServiceError);
  if (!read.ok) return read;
  const deposit = read.value;
  const checked = checkTopupAmount(amount, deposit.minDepositSun);
  if ('code' in checked)
    return refused(
      topupProblem(checked.code, [
        formatAmountForDisplay(TRX, deposit.minDepositSun, { locale: interfaceLocale() }),
      ]),
    );
  if (deposit.memoRequired && !deposit.depositMemo) return refused(topupProblem('memo_missing'));
  const data: WalletTopupData = walletTopupDataSchema.parse({
    userId: session.userId,
    payer: account.address,
    depositAddress: deposit.depositAddress,
    memo: deposit.memoRequired ? deposit.depositMemo : null,
    amountSun: checked.sun.toString(),
    minConfirmations: deposit.minConfirmations,
    startedAt: Date.now(),
  });
  const job = await runner.create(walletTopupJob, 'created', data);
  void runner.kick();
  return succeeded({ jobId: job.id });
}

/** A top-up or a 2aml energy order that stopped until its account signs in again. */
export function waitsForSignIn(job: Pick<JobRecord, 'kind' | 'terminal' | 'nextRunAt' | 'error'>): boolean {
  if (job.terminal || job.nextRunAt !== null) return false;
  if (job.kind === WALLET_TOPUP_KIND) return true;
  return job.kind === ENERGY_ORDER_KIND && job.error?.code === 'signed_out';
}

/** The 2aml energy wallet and order messages' handlers. */
export function createTwoAmlEnergyHandlers({ runner }: { runner: JobRunner }): Handlers {
  runnerRef = runner;
  // A top-up or an energy order waiting for its account to sign in again goes on at once when it
  // does (each checks the session is its own account's, and waits again if not).
  onSessionChange((session) => {
    if (!session) return;
    void (async () => {
      for (const job of Object.values(await jobsItem.get()))
        if (waitsForSignIn(job)) await runner.patch(job.id, { nextRunAt: Date.now() });
      await runner.kick();
    })();
  });

  return {
    'twoamlEnergy.wallet': () =>
      signedIn(async ({ api, email }) => {
        const summary = await api.wallet.summary();
        return {
          availableSun: summary.availableBalanceSun.toString(),
          reservedSun: summary.reservedBalanceSun.toString(),
          status: summary.status,
          email,
        };
      }),
    'twoamlEnergy.deposit': () =>
      signedIn(async ({ api }) => depositView(await api.wallet.depositInstructions())),
    'twoamlEnergy.history': ({ page }) =>
      signedIn(async ({ api }) => {
        const history = await api.wallet.history({ page: page ?? 1, limit: PAGE_SIZE });
        const rows: TwoAmlEnergyHistoryRow[] = history.data.map((entry) => ({
          type: entry.type,
          direction: entry.direction,
          status: entry.status,
          amountSun: entry.amountSun.toString(),
          availableSun: entry.availableBalanceSun.toString(),
          orderId: entry.orderId ?? null,
          energyOrderId: entry.energyOrderId ?? null,
          description: entry.description ?? '',
          createdAt: entry.createdAt,
        }));
        return {
          rows,
          skipped: history.skipped,
          total: history.total,
          page: history.page,
          limit: history.limit,
        };
      }),
    'twoamlEnergy.topups': ({ page }) =>
      signedIn(async ({ api }) => {
        const topups = await api.wallet.topups({ page: page ?? 1, limit: PAGE_SIZE });
        return {
          rows: topups.data.map(topupView),
          skipped: topups.skipped,
          total: topups.total,
          page: topups.page,
          limit: topups.limit,
        };
      }),
    'twoamlEnergy.orders': ({ page }) =>
      signedIn(async ({ api }) => {
        const orders = await api.listOrders({ page: page ?? 1, limit: PAGE_SIZE });
        return {
          rows: orders.data.map(orderView),
          skipped: orders.skipped,
          total: orders.total,
          page: orders.page,
          limit: orders.limit,
        };
      }),
    'twoamlEnergy.order': ({ energyOrderId }) =>
      signedIn(async ({ api }) => orderView(await api.getOrder(energyOrderId))),
    'twoamlEnergy.topup': ({ amount }) => startQueue(() => startTopup(runner, amount)),
  };
}

/** How a top-up's end reads in a notification. */
export function describeTopupEnd(job: JobRecord): EndNotice {
  const sun =
    typeof job.data.amountSun === 'string' && /^\d+$/.test(job.data.amountSun) ? job.data.amountSun : '0';
  const amount = formatAmountForDisplay(TRX, BigInt(sun), { locale: interfaceLocale() });
  if (job.state === 'credited')
    return {
      title: translate('twoamlEnergy.topup.done'),
      message: translate('twoamlEnergy.topup.credited', [ltrText(amount)]),
    };
  return { title: translate('twoamlEnergy.topup.failed'), message: job.error?.message ?? '', priority: 1 };
}
