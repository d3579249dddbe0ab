/**
 * The full and summary PDF reports of a completed check, drawn with pdf-lib's standard fonts. Those fonts
 * only cover Latin text, so labels are English in every language; the requested language is stated on the
 * report and in its metadata (a font with Persian, Russian, Chinese, Urdu, Arabic and Pashto glyphs would need
 * `@pdf-lib/fontkit`, which the project does not have).
 */
import { PDFDocument } from 'pdf-lib';
import { COLORS, PageWriter, embedFonts } from './pdf-layout';
import type { ReportLanguage } from './checks';
import type { CheckRequest, CheckResult, RiskLevel } from './state';
import { formatTrx } from './money';

const LANGUAGE_NAMES: Record<ReportLanguage, string> = {
  en: 'English',
  fa: 'Persian',
  ru: 'Russian',
  zh: 'Chinese',
  ur: 'Urdu',
  tr: 'Turkish',
  ar: 'Arabic',
  ps: 'Pashto',
};

const LEVEL_LABELS: Record<RiskLevel, string> = {
  low: 'LOW RISK',
  medium: 'MEDIUM RISK',
  high: 'HIGH RISK',
  critical: 'CRITICAL RISK',
};

const NETWORK_LABELS: Record<string, string> = { tron: 'TRON', ethereum: 'Ethereum', bsc: 'BNB Smart Chain' };

export interface ReportInput {
  result: CheckResult;
  request: CheckRequest;
  generatedAtMs: number;
}

function dateText(ms: number | null): string {
  return ms === null ? 'n/a' : `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

function languageText(language: string): string {
  return `${language} (${LANGUAGE_NAMES[language as ReportLanguage] ?? language})`;
}

async function startDocument(input: ReportInput, kind: 'Full report' | 'Summary report') {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const { result, request } = input;
  doc.setTitle(`2aml Wallet AML Check ${kind} - check ${result.checkId}`);
  doc.setSubject(
    `AML risk screening of ${result.target} on ${NETWORK_LABELS[result.network] ?? result.network}`,
  );
  doc.setAuthor('2aml');
  doc.setCreator('2aml Wallet AML Check (sandbox)');
  doc.setProducer('pdf-lib');
  doc.setKeywords([
    'aml',
    result.network,
    result.target,
    `score:${result.amlScore}`,
    `level:${result.riskLevel}`,
  ]);
  doc.setLanguage(request.reportLanguage);
  doc.setCreationDate(new Date(input.generatedAtMs));
  doc.setModificationDate(new Date(input.generatedAtMs));
  const fonts = await embedFonts(doc);
  const writer = new PageWriter(
    doc,
    fonts,
    `2aml Wallet AML Check - check ${result.checkId} - generated ${dateText(input.generatedAtMs)} - sandbox data`,
  );
  writer.title(
    '2aml Wallet AML Check',
    `${kind} - check ${result.checkId} - language ${languageText(request.reportLanguage)}`,
  );
  return { doc, writer };
}

function writeVerdict(writer: PageWriter, result: CheckResult): void {
  const level = result.riskLevel ?? 'low';
  writer.heading('Risk verdict');
  writer.gauge(result.amlScore ?? 0, LEVEL_LABELS[level], COLORS[level]);
  writer.row('AML score', `${result.amlScore ?? 0} / 100`);
  writer.row('Risk level', level, { color: COLORS[level] });
  writer.row('Flagged', result.isFlagged ? 'yes' : 'no', {
    color: result.isFlagged ? COLORS.critical : COLORS.low,
  });
  writer.row('Tags', result.signals?.tags.length ? result.signals.tags.join(', ') : 'none');
}

function writeTarget(writer: PageWriter, input: ReportInput): void {
  const { result, request } = input;
  writer.heading('Screened wallet');
  writer.row('Address', result.target, { mono: true });
  writer.row('Network', NETWORK_LABELS[result.network] ?? result.network);
  writer.row('Checked at', dateText(result.completedAt));
  writer.row('Report language', languageText(request.reportLanguage));
}

/** The multi-section full report. */
export async function renderFullReport(input: ReportInput): Promise<Uint8Array> {
  const { doc, writer } = await startDocument(input, 'Full report');
  const { result, request } = input;
  writeTarget(writer, input);
  writer.row('Requester wallet', request.requesterWallet, { mono: true });
  writeVerdict(writer, result);

  const signals = result.signals;
  writer.heading('On-chain signals');
  writer.row(
    'Balance',
    signals ? `${formatTrx(signals.balanceSun)} ${result.network === 'tron' ? 'TRX' : ''}`.trim() : 'n/a',
  );
  writer.row('Transactions', String(signals?.transactions ?? 0));
  writer.row('Unique counterparties', String(signals?.uniqueInteractors ?? 0));
  writer.row('Last activity', dateText(signals?.lastActivity ?? null));

  writer.heading('Request');
  writer.row('Check ID', String(result.checkId));
  writer.row('Request ID', String(request.requestId));
  writer.row('Requested at', dateText(request.createdAt));
  writer.row('Billing mode', request.billingMode);
  writer.row('Served from cache', request.servedFromCache ? 'yes' : 'no');
  writer.row('Credits consumed', String(request.consumedCreditCount));
  writer.row('Charged', request.chargedSun === null ? 'none' : `${formatTrx(request.chargedSun)} TRX`);

  writer.heading('How to read this report', 200);
  writer.paragraph(
    'The AML score estimates how likely it is that funds held by this wallet are connected to illicit activity, ' +
      'from 0 (no known exposure) to 100 (direct exposure). Wallets scored high or critical are flagged. Tags name ' +
      'the categories of exposure found, such as sanctions, mixers, scams or a USDT-TRC20 blacklist entry.',
  );
  writer.row('0 - 34', 'low: no meaningful exposure found', { color: COLORS.low });
  writer.row('35 - 64', 'medium: indirect exposure, review the counterparties', { color: COLORS.medium });
  writer.row('65 - 84', 'high: significant exposure, flagged', { color: COLORS.high });
  writer.row('85 - 100', 'critical: direct exposure, flagged', { color: COLORS.critical });
  writer.y -= 6;
  writer.paragraph(
    'This report reflects the data available at the time of the check. It is not legal advice. Review flagged ' +
      'results together with your own compliance procedures before acting on them.',
  );
  writer.numberPages();
  return doc.save({ useObjectStreams: false });
}

/** The one-page summary report. */
export async function renderSummaryReport(input: ReportInput): Promise<Uint8Array> {
  const { doc, writer } = await startDocument(input, 'Summary report');
  writeTarget(writer, input);
  writeVerdict(writer, input.result);
  writer.heading('Summary');
  const { result } = input;
  writer.paragraph(
    `Wallet ${result.target} scored ${result.amlScore ?? 0} out of 100 (${result.riskLevel ?? 'low'} risk) ` +
      `and is ${result.isFlagged ? '' : 'not '}flagged. See the full report for on-chain signals and details.`,
  );
  writer.numberPages();
  return doc.save({ useObjectStreams: false });
}
