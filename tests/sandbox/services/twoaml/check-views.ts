/** The documented shapes of a check request: the create response, a history row, the canonical JSON result. */
import { resultOf } from './checks';
import type { TwoAml } from './context';
import { creditBalance } from './credits';
import { formatTrx } from './money';
import { iso, isoOrNull } from './time';
import type { CheckRequest, CheckResult, UserRecord } from './state';

function downloadsOf(request: CheckRequest) {
  const base = `/external/aml-wallet-check/checks/${request.checkId}`;
  return {
    jsonUrl: base,
    reportUrl: `${base}/report`,
    summaryReportUrl: `${base}/report-summary`,
    reportLanguage: request.reportLanguage,
  };
}

/** The `checkId` and `downloads` a request shows: none before completion when the sandbox is set so. */
function resultRef(ctx: TwoAml, request: CheckRequest, result: CheckResult) {
  const hidden = ctx.state.controls.checkIdOnlyWhenCompleted && result.status !== 'completed';
  return hidden
    ? { checkId: null, downloads: null }
    : { checkId: result.checkId, downloads: downloadsOf(request) };
}

/** When this request reached its terminal state (a cached request is served at once). */
function requestCompletedAt(request: CheckRequest, result: CheckResult): number | null {
  if (request.servedFromCache) return request.createdAt;
  return result.status === 'processing' ? null : (result.completedAt ?? null);
}

/** The documented response of `POST /checks`. */
export function createdCheckView(ctx: TwoAml, user: UserRecord, request: CheckRequest) {
  const result = resultOf(ctx, request);
  const ref = resultRef(ctx, request, result);
  return {
    checkId: ref.checkId,
    targetWallet: result.target,
    targetNetwork: result.network,
    status: result.status,
    amlScore: result.amlScore,
    riskLevel: result.riskLevel,
    isFlagged: result.isFlagged,
    checkedAt: isoOrNull(result.completedAt),
    billingMode: request.billingMode,
    servedFromCache: request.servedFromCache,
    consumedCreditCount: request.consumedCreditCount,
    chargedAmountTrx: request.chargedSun === null ? null : formatTrx(request.chargedSun),
    remainingAmlCredits: creditBalance(ctx, user),
    walletAvailableBalanceTrx: formatTrx(user.availableSun),
    downloads: ref.downloads,
  };
}

/** One row of `GET /checks`. */
export function checkHistoryView(ctx: TwoAml, request: CheckRequest) {
  const result = resultOf(ctx, request);
  const ref = resultRef(ctx, request, result);
  return {
    requestId: request.requestId,
    checkId: ref.checkId,
    targetWallet: result.target,
    targetNetwork: result.network,
    status: result.status,
    billingMode: request.billingMode,
    servedFromCache: request.servedFromCache,
    amlScore: result.amlScore,
    riskLevel: result.riskLevel,
    isFlagged: result.isFlagged,
    createdAt: iso(request.createdAt),
    completedAt: isoOrNull(requestCompletedAt(request, result)),
    downloadsReady: result.status === 'completed',
    downloads: ref.downloads,
  };
}

/** The canonical JSON result of `GET /checks/:checkId`, as seen through `request`. */
export function checkResultView(ctx: TwoAml, request: CheckRequest) {
  const result = resultOf(ctx, request);
  const signals = result.signals;
  return {
    checkId: result.checkId,
    requestId: request.requestId,
    targetWallet: result.target,
    targetNetwork: result.network,
    status: result.status,
    billingMode: request.billingMode,
    servedFromCache: request.servedFromCache,
    amlScore: result.amlScore,
    riskLevel: result.riskLevel,
    isFlagged: result.isFlagged,
    requestedAt: iso(request.createdAt),
    completedAt: isoOrNull(requestCompletedAt(request, result)),
    checkedAt: isoOrNull(result.completedAt),
    consumedCreditCount: request.consumedCreditCount,
    chargedAmountTrx: request.chargedSun === null ? null : formatTrx(request.chargedSun),
    downloads: downloadsOf(request),
    signals: signals && {
      lastActivity: isoOrNull(signals.lastActivity),
      balance: formatTrx(signals.balanceSun),
      transactions: signals.transactions,
      uniqueInteractors: signals.uniqueInteractors,
      tags: [...signals.tags],
    },
  };
}
