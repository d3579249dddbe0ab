/**
 * The `wallet-topup` job: TRX paid from the person's TronLink to their 2aml energy wallet's deposit
 * address (seeds/000 §8), then `POST /wallet/topups/reconcile` with the txid once the chain confirms
 * (§11). Exactly once, whatever happens to the popup or the worker:
 *
 *   created → awaiting_payment {request} → paid {txid} → confirmed → credited
 *                                 ↘ failed (only while no payment can have moved, or it bounced)
 *
 * The request (its nonce) is written before TronLink is asked; a txid TronLink reports is written
 * the moment it arrives and counts only once the node shows that exact transfer (payer → deposit
 * address, the amount); the job never asks TronLink twice. Reconcile is repeated with the same txid
 * until 2aml answers: a top-up 2aml already credited (its watcher, or an earlier reconcile whose
 * answer was lost) is success, read back from `GET /wallet/topups` when reconcile refuses.
 */
import { z } from 'zod';
import type { Job, JobKind, JobPatch, StepContext } from '@/lib/jobs/runner';
import { ServiceError } from '@/lib/http';
import { tronAddress } from '@/lib/api/common-schemas';
import type { BridgeRequest, TronLinkBridgeApi } from '@/lib/tronlink/protocol';
import type { TransactionView } from '@/lib/tron/node-schemas';
import { movedNoMoney } from '@/lib/tronlink/reports';
import { parseReport, type NrgClaimChain } from './claim-results';
import { WALLET_TOPUP_KIND } from './job-names';
import type { TwoAmlEnergyApi } from './twoaml-orders-api';

export { WALLET_TOPUP_KIND };

/** How long a payment may take to appear after TronLink stopped asking. */
export const TOPUP_PAYMENT_WINDOW_MS = 3 * 60_000;
/** How long a known payment may take to reach a block before the job calls it lost. */
export const TOPUP_CONFIRM_WINDOW_MS = 10 * 60_000;
/** Chain clocks and ours differ; a transfer this much older than the job can still be its payment. */
const CLOCK_SLACK_MS = 60_000;
/** Until TronLink answers the first time, the step in flight must not be repeated. */
const START_GUARD_MS = 30_000;
const WATCH_DELAYS_MS = [3_000, 5_000, 10_000, 20_000, 30_000];
const RECONCILE_DELAYS_MS = [2_000, 5_000, 15_000, 60_000, 5 * 60_000, 15 * 60_000];
/** Refusals of reconcile before the job stops asking (the txid stays, shown with the job). */
const RECONCILE_REFUSALS_MAX = 8;
const WAIT_FOR_PROVIDER_MS = 4_000;
const sunText = z.string().regex(/^\d{1,19}$/);

export const walletTopupDataSchema = z.object({
  /** The 2aml account the deposit address belongs to; another account's session never reconciles it. */
  userId: z.number().int(),
  /** The TronLink account that pays (the one connected when the person asked). */
  payer: tronAddress,
  depositAddress: tronAddress,
  /** Sent with the transfer when 2aml requires it. */
  memo: z.string().max(200).nullable(),
  amountSun: sunText,
  minConfirmations: z.number().int().nonnegative(),
  startedAt: z.number(),
  nonces: z.array(z.string()).default([]),
  request: z.object({ nonce: z.string(), sentAt: z.number(), settled: z.boolean() }).nullable().default(null),
  hostTabId: z.number().int().nullable().default(null),
  /** txids TronLink reported (a page can lie: each is checked on the chain before it counts). */
  reportedTxids: z.array(z.string()).default([]),
  txid: z.string().optional(),
  paidAt: z.number().optional(),
  reconcileAttempts: z.number().int().nonnegative().default(0),
  refusals: z.number().int().nonnegative().default(0),
  creditedSun: sunText.optional(),
  balanceAfterSun: sunText.optional(),
});
export type WalletTopupData = z.output<typeof walletTopupDataSchema>;
export type WalletTopupDataInput = z.input<typeof walletTopupDataSchema>;
type Topup = Job<WalletTopupData>;

/** The chain as a top-up reads it: the rental's reads of a transaction and of a TRX payment. */
export type WalletTopupChain = Pick<NrgClaimChain, 'transaction' | 'findPayment'>;

export interface WalletTopupDeps {
  /** The energy API of the signed-in 2aml session and whose it is (null when signed out). */
  session(): Promise<{ api: TwoAmlEnergyApi; userId: number } | null>;
  bridge: TronLinkBridgeApi;
  chain: WalletTopupChain;
  newNonce(): string;
  /** txids other top-ups already took, so a chain search never takes another job's payment. */
  claimedTxids(exceptJobId: string): Promise<string[]>;
  /** A report that came straight back from the tab while this worker lived. */
  deliverReport(jobId: string, nonce: string, report: unknown): void;
  /** Readable text of one of the job's codes or a 2aml error code. */
  message(code: string): string;
  /** After every write (frees the bridge tab once nothing waits for TronLink). */
  onSaved?(job: Topup): void | Promise<void>;
}

const delay = (delays: number[], attempt: number) => delays[Math.min(attempt, delays.length - 1)]!;

/** The TronLink request of `data`: the exact amount to the deposit address, with the memo if any. */
export function topupRequestOf(data: WalletTopupData, nonce: string): BridgeRequest {
  return {
    nonce,
    op: 'pay',
    expectedAccount: data.payer,
    payTo: data.depositAddress,
    amountSun: data.amountSun,
    ...(data.memo ? { memo: data.memo } : {}),
    waitForProviderMs: WAIT_FOR_PROVIDER_MS,
  };
}

/** True when `tx` is this top-up's transfer: payer → deposit address, the exact amount, not failed. */
export function isTopupPayment(data: WalletTopupData, tx: TransactionView): boolean {
  return (
    tx.type === 'TransferContract' &&
    tx.from === data.payer &&
    tx.to === data.depositAddress &&
    tx.amountSun === BigInt(data.amountSun) &&
    (tx.contractRet === undefined || tx.contractRet === 'SUCCESS')
  );
}

/**
 * What a TronLink report changes in the job: a txid is kept at once (checked later on the chain);
 * an answer that proves nothing moved ends the job; anything else leaves the watch to decide.
 */
export function topupReportPatch(
  job: Topup,
  nonce: string,
  report: unknown,
  message: (code: string) => string,
): JobPatch<WalletTopupData> | null {
  if (job.terminal || job.state !== 'awaiting_payment' || !job.data.nonces.includes(nonce)) return null;
  const outcome = parseReport('pay', report);
  if (!outcome) return null;
  const request =
    job.data.request?.nonce === nonce ? { ...job.data.request, settled: true } : job.data.request;
  const txid =
    outcome.status === 'paid' ? outcome.txid : outcome.status === 'error' ? outcome.txid : undefined;
  if (txid) {
    const reportedTxids = job.data.reportedTxids.includes(txid)
      ? job.data.reportedTxids
      : [...job.data.reportedTxids, txid.toLowerCase()];
    return { data: { reportedTxids, request }, nextRunAt: Date.now() };
  }
  if (movedNoMoney(outcome)) {
    return {
      state: 'failed',
      terminal: true,
      nextRunAt: null,
      data: { request },
      error: { code: `tronlink_${outcome.status}`, message: message(`tronlink_${outcome.status}`) },
    };
  }
  return { data: { request }, nextRunAt: Date.now() };
}

/** Creates the kind over its collaborators; the background passes the real ones, tests the sandbox's. */
export function createWalletTopupKind(deps: WalletTopupDeps): JobKind<WalletTopupData> {
  async function save(context: StepContext<WalletTopupData>, patch: JobPatch<WalletTopupData>) {
    const saved = await context.save(patch);
    await deps.onSaved?.(saved);
    return saved;
  }

  const fail = (context: StepContext<WalletTopupData>, code: string, data: Partial<WalletTopupData> = {}) =>
    save(context, {
      state: 'failed',
      terminal: true,
      nextRunAt: null,
      data,
      error: { code, message: deps.message(code) },
    });

  const paid = (context: StepContext<WalletTopupData>, txid: string) =>
    save(context, {
      state: 'paid',
      data: { txid: txid.toLowerCase(), paidAt: context.now(), request: null },
      error: null,
      nextRunAt: context.now(),
    });

  /** Writes the request, then hands it to TronLink (asked once per job, never again). */
  async function ask(job: Topup, context: StepContext<WalletTopupData>) {
    const now = context.now();
    const nonce = deps.newNonce();
    const saved = await save(context, {
      state: 'awaiting_payment',
      data: { request: { nonce, sentAt: now, settled: false }, nonces: [...job.data.nonces, nonce] },
      error: null,
      nextRunAt: now + START_GUARD_MS,
    });
    try {
      const { tabId } = await deps.bridge.start(topupRequestOf(saved.data, nonce), null, (report) =>
        deps.deliverReport(job.id, nonce, report),
      );
      await context.save({ data: { hostTabId: tabId }, nextRunAt: context.now() + WATCH_DELAYS_MS[0]! });
    } catch {
      // No tab could host the request: TronLink was never asked, nothing can have moved.
      await fail(context, 'tronlink_unreachable', { request: { nonce, sentAt: now, settled: true } });
    }
  }

  /** Looks for the payment: the txids TronLink named, then the chain; else TronLink's answer. */
  async function watchPayment(job: Topup, context: StepContext<WalletTopupData>) {
    const now = context.now();
    const data = job.data;
    let propagating = false;
    for (const txid of data.reportedTxids) {
      const tx = await deps.chain.transaction(txid).catch(() => undefined);
      if (tx && isTopupPayment(data, tx)) return void (await paid(context, txid));
      if (!tx) propagating = true;
    }
    const found = await deps.chain
      .findPayment({
        from: data.payer,
        to: data.depositAddress,
        amountSun: BigInt(data.amountSun),
        sinceMs: Math.max(0, data.startedAt - CLOCK_SLACK_MS),
        excludeTxids: await deps.claimedTxids(job.id),
      })
      .catch(() => undefined);
    if (found && isTopupPayment(data, found)) return void (await paid(context, found.txid));

    const request = data.request;
    if (request && !request.settled && data.hostTabId !== null) {
      const peek = await deps.bridge.peek(data.hostTabId, request.nonce).catch(() => 'tab_gone' as const);
      if (typeof peek === 'object' && peek.phase === 'done') {
        const patch = topupReportPatch(job, request.nonce, peek.report, deps.message);
        if (patch?.terminal) return void (await fail(context, patch.error!.code, patch.data));
        if (patch) return void (await save(context, { ...patch, nextRunAt: now }));
      }
      if (typeof peek === 'object' && peek.phase === 'started')
        return void (await context.save({ nextRunAt: now + delay(WATCH_DELAYS_MS, 2) }));
    }
    // TronLink stopped asking (or its tab is gone): a payment signed just before may still land.
    const since = request?.sentAt ?? data.startedAt;
    if (now - since < TOPUP_PAYMENT_WINDOW_MS || propagating)
      return void (await context.save({ nextRunAt: now + delay(WATCH_DELAYS_MS, propagating ? 0 : 3) }));
    await fail(context, 'payment_not_found', request ? { request: { ...request, settled: true } } : {});
  }

  /** Waits for the payment's block; a transfer that failed on the chain ends the job. */
  async function watchConfirmation(job: Topup, context: StepContext<WalletTopupData>) {
    const now = context.now();
    const tx = await deps.chain.transaction(job.data.txid!).catch(() => undefined);
    if (tx && tx.contractRet !== undefined && tx.contractRet !== 'SUCCESS')
      return void (await fail(context, 'payment_failed'));
    if (tx && tx.blockTimestampMs !== undefined && isTopupPayment(job.data, tx)) {
      await save(context, { state: 'confirmed', nextRunAt: now, error: null });
      return;
    }
    if (now - (job.data.paidAt ?? job.createdAt) > TOPUP_CONFIRM_WINDOW_MS)
      return void (await fail(context, 'payment_not_found'));
    await context.save({ nextRunAt: now + delay(WATCH_DELAYS_MS, 1) });
  }

  /** The top-up of this txid if 2aml lists it already (credited by its watcher or a lost answer). */
  async function creditedAlready(api: TwoAmlEnergyApi, txid: string) {
    const page = await api.wallet.topups({ page: 1, limit: 50 });
    return page.data.find((topup) => topup.txHash.toLowerCase() === txid) ?? null;
  }

  async function reconcile(job: Topup, context: StepContext<WalletTopupData>) {
    const now = context.now();
    const session = await deps.session();
    if (!session || session.userId !== job.data.userId) {
      // The deposit belongs to one account: wait until it is signed in again (nothing is lost).
      await context.save({
        nextRunAt: null,
        error: { code: 'signed_out', message: deps.message('signed_out') },
      });
      return;
    }
    const txid = job.data.txid!;
    const attempt = job.data.reconcileAttempts;
    await context.save({ data: { reconcileAttempts: attempt + 1 } });
    try {
      const answer = await session.api.wallet.reconcileTopup({ txHash: txid });
      await save(context, {
        state: 'credited',
        terminal: true,
        nextRunAt: null,
        error: null,
        data: {
          creditedSun: answer.topup.amountSun.toString(),
          balanceAfterSun: answer.wallet.availableBalanceSun.toString(),
        },
      });
      return;
    } catch (error) {
      if (error instanceof ServiceError && error.status === 401) {
        await context.save({
          nextRunAt: null,
          error: { code: 'signed_out', message: deps.message('signed_out') },
        });
        return;
      }
      const refused =
        error instanceof ServiceError && !error.transient && error.status >= 400 && error.status < 500;
      const listed = await creditedAlready(session.api, txid).catch(() => null);
      if (listed) {
        await save(context, {
          state: 'credited',
          terminal: true,
          nextRunAt: null,
          error: null,
          data: { creditedSun: listed.amountSun.toString() },
        });
        return;
      }
      const refusals = job.data.refusals + (refused ? 1 : 0);
      const code = error instanceof ServiceError ? error.code : 'unknown';
      if (refusals >= RECONCILE_REFUSALS_MAX)
        return void (await fail(context, 'reconcile_refused', { refusals }));
      await context.save({
        data: { refusals },
        nextRunAt: now + delay(RECONCILE_DELAYS_MS, attempt),
        error: {
          code,
          message: error instanceof ServiceError && error.message ? error.message : deps.message(code),
        },
      });
    }
  }

  return {
    kind: WALLET_TOPUP_KIND,
    dataSchema: walletTopupDataSchema,
    async step(job, context) {
      switch (job.state) {
        case 'created':
          return ask(job, context);
        case 'awaiting_payment':
          return watchPayment(job, context);
        case 'paid':
          return watchConfirmation(job, context);
        case 'confirmed':
          return reconcile(job, context);
        default:
          await context.save({ nextRunAt: null });
      }
    },
  };
}
