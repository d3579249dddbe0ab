/** `/checks/*` of the Wallet AML Check namespace: run, list, JSON result, full and summary PDF reports. */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { SCREENING_NETWORKS, isScreeningNetwork } from './address';
import {
  REPORT_LANGUAGES,
  createCheck,
  resultOf,
  userRequestForCheck,
  userRequests,
  type ReportLanguage,
} from './checks';
import { checkHistoryView, checkResultView, createdCheckView } from './check-views';
import { nowMs, type TwoAml, type TwoAmlEnv } from './context';
import { MESSAGES, TwoAmlError } from './errors';
import { digestOf, runIdempotent } from './idempotency';
import { renderFullReport, renderSummaryReport } from './report-pdf';
import { fingerprintHeader, pageOf, readJsonBody, readPagination } from './request';
import { recordFingerprint } from './accounts';

const checkBody = z.object({
  targetWallet: z.string().trim().min(1).max(128),
  targetNetwork: z.string().trim().toLowerCase().min(1).max(32),
  requesterWallet: z.string().trim().min(1).max(128).nullish(),
  billingMode: z.enum(['auto', 'credit_pack', 'wallet_balance']).nullish(),
  reportLanguage: z.string().trim().toLowerCase().max(8).nullish(),
  fingerprint: z.string().trim().max(256).nullish(),
  idempotencyKey: z.string().trim().min(1).max(128).nullish(),
});

function isReportLanguage(language: string): language is ReportLanguage {
  return (REPORT_LANGUAGES as readonly string[]).includes(language);
}

/** The caller's request for `:checkId`, or the documented 404 (also for other customers' checks). */
function ownRequest(ctx: TwoAml, c: Context<TwoAmlEnv>) {
  const raw = c.req.param('checkId') ?? '';
  const checkId = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  const request = Number.isNaN(checkId) ? undefined : userRequestForCheck(ctx, c.get('user'), checkId);
  if (!request) throw new TwoAmlError(404, MESSAGES.checkNotFound);
  return request;
}

function pdfResponse(c: Context<TwoAmlEnv>, bytes: Uint8Array, fileName: string): Response {
  return c.body(bytes.slice().buffer, 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Content-Length': String(bytes.byteLength),
  });
}

/** The check routes (all protected by the namespace's session guard). */
export function createCheckRoutes(ctx: TwoAml): Hono<TwoAmlEnv> {
  const routes = new Hono<TwoAmlEnv>();

  routes.post('/', async (c) => {
    const body = await readJsonBody(c, checkBody, MESSAGES.checkInvalid);
    if (!isScreeningNetwork(body.targetNetwork)) throw new TwoAmlError(400, MESSAGES.checkInvalid);
    const network = body.targetNetwork;
    if (!SCREENING_NETWORKS[network](body.targetWallet))
      throw new TwoAmlError(400, MESSAGES.checkAddressInvalid);
    const reportLanguage = body.reportLanguage ?? 'en';
    if (!isReportLanguage(reportLanguage)) throw new TwoAmlError(400, MESSAGES.checkLanguageInvalid);
    if (ctx.state.controls.unavailable['aml-wallet-check'])
      throw new TwoAmlError(503, MESSAGES.amlUnavailable);
    const user = c.get('user');
    const fingerprint = body.fingerprint ?? fingerprintHeader(c);
    recordFingerprint(user, fingerprint);
    const input = {
      network,
      target: body.targetWallet,
      requesterWallet: body.requesterWallet ?? body.targetWallet,
      billingMode: body.billingMode ?? 'auto',
      reportLanguage,
      fingerprint,
    };
    const { result: request, replayed } = await runIdempotent(
      ctx,
      {
        userId: user.id,
        scope: 'aml-check',
        key: body.idempotencyKey,
        digest: digestOf({ ...input, fingerprint: null }),
        messages: { busy: MESSAGES.checkIdempotencyBusy, mismatch: MESSAGES.checkIdempotencyMismatch },
      },
      () => createCheck(ctx, user, input),
      (stored) => stored,
    );
    // A retry sees the request's current state (a check that was processing may have completed since).
    return c.json(createdCheckView(ctx, user, request), replayed ? 200 : 201);
  });

  routes.get('/', (c) => {
    const { page, limit } = readPagination(c);
    const rows = userRequests(ctx, c.get('user')).map((request) => checkHistoryView(ctx, request));
    return c.json(pageOf(rows, page, limit));
  });

  routes.get('/:checkId', (c) => {
    const request = ownRequest(ctx, c);
    // "for a completed check": with ids shown only once completed, an earlier read finds nothing.
    if (ctx.state.controls.checkIdOnlyWhenCompleted && resultOf(ctx, request).status !== 'completed')
      throw new TwoAmlError(404, MESSAGES.checkNotFound);
    return c.json(checkResultView(ctx, request));
  });

  const report = (kind: 'full' | 'summary') => async (c: Context<TwoAmlEnv>) => {
    const request = ownRequest(ctx, c);
    const result = resultOf(ctx, request);
    if (result.status !== 'completed') throw new TwoAmlError(409, MESSAGES.checkNotReady);
    const input = { result, request, generatedAtMs: nowMs(ctx) };
    const bytes = kind === 'full' ? await renderFullReport(input) : await renderSummaryReport(input);
    const fileName =
      kind === 'full' ? `aml-report-${result.checkId}.pdf` : `aml-report-summary-${result.checkId}.pdf`;
    return pdfResponse(c, bytes, fileName);
  };
  routes.get('/:checkId/report', report('full'));
  routes.get('/:checkId/report-summary', report('summary'));

  return routes;
}
