/**
 * Wallet AML checks. A request (`requestId`) either reuses a recent completed result of the same target
 * (`servedFromCache`, free) or pays for a new screening (`checkId`) with a credit or the wallet. Some
 * targets need a deep scan and stay `processing` for a while; a forced outcome can make one `failed` or
 * `expired`, and then its charge is given back.
 */
import { nextId, nowMs, scheduleAt, type TwoAml } from './context';
import { consumeCredit, creditBalance, restoreCredit } from './credits';
import { FEE_PER_CHECK_SUN } from './credit-plans';
import { MESSAGES, TwoAmlError } from './errors';
import { formatTrx } from './money';
import { assessRisk, collectSignals, needsDeepScan } from './risk';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from './time';
import { moveWallet } from './wallet';
import type { ScreeningNetwork } from './address';
import type { CheckRequest, CheckResult, UserRecord } from './state';

/** A completed screening of the same target is reused for an hour (the contract only says "recently"). */
export const CHECK_CACHE_TTL_MS = HOUR_MS;
/** How long a deep scan stays `processing`. */
export const DEEP_SCAN_MS = 15 * SECOND_MS;
/** When a forced-`expired` check gives up. */
export const CHECK_EXPIRY_MS = 10 * MINUTE_MS;

export const REPORT_LANGUAGES = ['en', 'fa', 'ru', 'zh', 'ur', 'tr', 'ar', 'ps'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];
export type RequestBillingMode = 'auto' | 'credit_pack' | 'wallet_balance';

export interface NewCheckInput {
  network: ScreeningNetwork;
  target: string;
  requesterWallet: string;
  billingMode: RequestBillingMode;
  reportLanguage: ReportLanguage;
  fingerprint: string | null;
}

const outcomeKey = (network: string, target: string) => `${network}:${target}`;

/** Refuses a billing mode that is switched off (403), before anything else happens. */
function assertBillingModeAvailable(ctx: TwoAml, mode: RequestBillingMode): void {
  const { creditPackBillingEnabled, walletBalanceBillingEnabled } = ctx.state.controls;
  if (mode === 'credit_pack' && !creditPackBillingEnabled)
    throw new TwoAmlError(403, MESSAGES.creditPackDisabled);
  if (mode === 'wallet_balance' && !walletBalanceBillingEnabled) {
    throw new TwoAmlError(403, MESSAGES.walletBillingDisabled);
  }
  if (mode === 'auto' && !creditPackBillingEnabled && !walletBalanceBillingEnabled) {
    throw new TwoAmlError(403, MESSAGES.billingUnavailable);
  }
}

/** `auto` prefers a credit and falls back to the wallet; explicit modes insist on theirs. */
function chooseBilling(
  ctx: TwoAml,
  user: UserRecord,
  mode: RequestBillingMode,
): 'credit_pack' | 'wallet_balance' {
  const { creditPackBillingEnabled, walletBalanceBillingEnabled } = ctx.state.controls;
  const credits = creditBalance(ctx, user);
  const walletCovers = user.availableSun >= FEE_PER_CHECK_SUN;
  if (mode === 'credit_pack') {
    if (credits < 1) throw new TwoAmlError(400, MESSAGES.checkNoCredits);
    return 'credit_pack';
  }
  if (mode === 'wallet_balance') {
    if (!walletCovers) throw new TwoAmlError(400, MESSAGES.checkInsufficientBalance);
    return 'wallet_balance';
  }
  if (creditPackBillingEnabled && credits >= 1) return 'credit_pack';
  if (walletBalanceBillingEnabled && walletCovers) return 'wallet_balance';
  throw new TwoAmlError(400, MESSAGES.checkNoFunds);
}

function findCachedResult(ctx: TwoAml, network: ScreeningNetwork, target: string): CheckResult | undefined {
  const freshAfter = nowMs(ctx) - CHECK_CACHE_TTL_MS;
  let newest: CheckResult | undefined;
  for (const result of ctx.state.checks.values()) {
    if (result.network !== network || result.target !== target || result.status !== 'completed') continue;
    if ((result.completedAt ?? 0) < freshAfter) continue;
    if (!newest || (result.completedAt ?? 0) > (newest.completedAt ?? 0)) newest = result;
  }
  return newest;
}

function completeResult(ctx: TwoAml, result: CheckResult): void {
  const risk = assessRisk(ctx.world.chain, result.network, result.target);
  result.status = 'completed';
  result.amlScore = risk.amlScore;
  result.riskLevel = risk.riskLevel;
  result.isFlagged = risk.isFlagged;
  result.signals = collectSignals(ctx.world.chain, result.network, result.target, risk.tags, nowMs(ctx));
  result.completedAt = nowMs(ctx);
}

/** Ends a screening without a result and gives every paying request its credit or TRX back. */
function abandonResult(ctx: TwoAml, result: CheckResult, status: 'failed' | 'expired'): void {
  if (result.status !== 'processing') return;
  result.status = status;
  for (const request of ctx.state.requests) {
    if (request.checkId !== result.checkId || request.servedFromCache) continue;
    const user = ctx.state.users.get(request.userId);
    if (!user) continue;
    if (request.billingMode === 'credit_pack') {
      restoreCredit(ctx, user, request.creditLotId, request.requestId);
    } else if (request.chargedSun !== null) {
      moveWallet(ctx, user, {
        type: 'aml_refund',
        direction: 'credit',
        availableDeltaSun: request.chargedSun,
        amountSun: request.chargedSun,
        checkRequestId: request.requestId,
      });
    }
    ctx.world.ledger.record({
      service: '2aml-aml',
      kind: 'refund',
      account: user.email,
      amount: request.billingMode === 'credit_pack' ? '1' : formatTrx(request.chargedSun ?? 0n),
      unit: request.billingMode === 'credit_pack' ? 'credits' : 'TRX',
      ref: `check-request:${request.requestId}`,
      note: `check ${result.checkId} ${status}`,
    });
  }
}

function startScreening(ctx: TwoAml, network: ScreeningNetwork, target: string): CheckResult {
  const now = nowMs(ctx);
  const result: CheckResult = {
    checkId: nextId(ctx, 'check'),
    network,
    target,
    status: 'processing',
    amlScore: null,
    riskLevel: null,
    isFlagged: null,
    signals: null,
    requestedAt: now,
    completedAt: null,
  };
  ctx.state.checks.set(result.checkId, result);
  const forced = ctx.state.controls.forcedCheckOutcomes.get(outcomeKey(network, target));
  if (forced === 'expired') {
    scheduleAt(ctx, now + CHECK_EXPIRY_MS, () => abandonResult(ctx, result, 'expired'));
  } else if (forced === 'failed') {
    scheduleAt(ctx, now + DEEP_SCAN_MS, () => abandonResult(ctx, result, 'failed'));
  } else if (needsDeepScan(ctx.world.chain, network, target)) {
    scheduleAt(ctx, now + DEEP_SCAN_MS, () => completeResult(ctx, result));
  } else {
    completeResult(ctx, result);
  }
  return result;
}

function chargeRequest(
  ctx: TwoAml,
  user: UserRecord,
  request: CheckRequest,
  billing: 'credit_pack' | 'wallet_balance',
) {
  if (billing === 'credit_pack') {
    const lot = consumeCredit(ctx, user, request.requestId);
    if (!lot) throw new Error('credit vanished between the balance check and its use');
    request.consumedCreditCount = 1;
    request.creditLotId = lot.id;
    ctx.world.ledger.record({
      service: '2aml-aml',
      kind: 'charge',
      account: user.email,
      amount: '1',
      unit: 'credits',
      ref: `check-request:${request.requestId}`,
    });
    return;
  }
  moveWallet(ctx, user, {
    type: 'aml_check_charge',
    direction: 'debit',
    availableDeltaSun: -FEE_PER_CHECK_SUN,
    amountSun: FEE_PER_CHECK_SUN,
    checkRequestId: request.requestId,
  });
  request.chargedSun = FEE_PER_CHECK_SUN;
  ctx.world.ledger.record({
    service: '2aml-aml',
    kind: 'charge',
    account: user.email,
    amount: formatTrx(FEE_PER_CHECK_SUN),
    unit: 'TRX',
    ref: `check-request:${request.requestId}`,
  });
}

/** Runs one screening request for `user` and returns it (its result may still be `processing`). */
export function createCheck(ctx: TwoAml, user: UserRecord, input: NewCheckInput): CheckRequest {
  assertBillingModeAvailable(ctx, input.billingMode);
  const forced = ctx.state.controls.forcedCheckOutcomes.has(outcomeKey(input.network, input.target));
  const cached = forced ? undefined : findCachedResult(ctx, input.network, input.target);
  const billing = cached ? null : chooseBilling(ctx, user, input.billingMode);
  const request: CheckRequest = {
    requestId: nextId(ctx, 'request'),
    userId: user.id,
    checkId: 0,
    // A reused result costs nothing, which is what `free` tells the client.
    billingMode: billing ?? 'free',
    servedFromCache: cached !== undefined,
    consumedCreditCount: 0,
    chargedSun: null,
    creditLotId: null,
    reportLanguage: input.reportLanguage,
    requesterWallet: input.requesterWallet,
    fingerprint: input.fingerprint,
    createdAt: nowMs(ctx),
  };
  if (billing) chargeRequest(ctx, user, request, billing);
  request.checkId = (cached ?? startScreening(ctx, input.network, input.target)).checkId;
  ctx.state.requests.push(request);
  return request;
}

/** The newest request of `user` for `checkId`, or undefined when the user never asked for that check. */
export function userRequestForCheck(
  ctx: TwoAml,
  user: UserRecord,
  checkId: number,
): CheckRequest | undefined {
  return ctx.state.requests.findLast((request) => request.userId === user.id && request.checkId === checkId);
}

/** The result a request points to. */
export function resultOf(ctx: TwoAml, request: CheckRequest): CheckResult {
  const result = ctx.state.checks.get(request.checkId);
  if (!result) throw new Error(`request ${request.requestId} points to a missing check`);
  return result;
}

/** `user`'s requests, newest first. */
export function userRequests(ctx: TwoAml, user: UserRecord): CheckRequest[] {
  return ctx.state.requests
    .filter((request) => request.userId === user.id)
    .sort((a, b) => b.requestId - a.requestId);
}
