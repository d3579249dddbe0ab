/**
 * Check reports saved through `browser.downloads`. The background fetches the file with the bearer
 * token and hands the browser a `data:` URL (MV3 workers have no `URL.createObjectURL`), so the token
 * never leaves the background and no page ever sees the report's address.
 */
import { base64 } from '@scure/base';
import { ServiceError } from '@/lib/http';
import type { TwoAmlApi } from '@/lib/api/twoaml';
import { canonicalJson } from '@/lib/aml/check-views';

export type ReportKind = 'full' | 'summary' | 'json';

/** The file name a report is saved under (2aml's own names for the PDFs). */
export function reportFilename(checkId: number, kind: ReportKind): string {
  if (kind === 'full') return `aml-report-${checkId}.pdf`;
  if (kind === 'summary') return `aml-report-summary-${checkId}.pdf`;
  return `aml-check-${checkId}.json`;
}

/** Fetches a report and returns it as a `data:` URL; refuses a "PDF" that is not one. */
export async function reportDataUrl(api: TwoAmlApi, checkId: number, kind: ReportKind): Promise<string> {
  if (kind === 'json') {
    const text = canonicalJson(await api.aml.getCheck(checkId));
    return `data:application/json;base64,${base64.encode(new TextEncoder().encode(text))}`;
  }
  const blob =
    kind === 'full' ? await api.aml.downloadReport(checkId) : await api.aml.downloadSummaryReport(checkId);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  // `%PDF-`: an error page or a proxy's HTML must not be saved as the user's report.
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d];
  if (bytes.length < magic.length || magic.some((byte, i) => bytes[i] !== byte)) {
    throw new ServiceError({
      service: '2aml',
      status: 200,
      code: 'unexpected_response',
      message: 'The report is not a PDF',
    });
  }
  return `data:application/pdf;base64,${base64.encode(bytes)}`;
}

/** Saves a report of `checkId` in the downloads folder and returns the download's id. */
export async function downloadReport(api: TwoAmlApi, checkId: number, kind: ReportKind) {
  const url = await reportDataUrl(api, checkId, kind);
  const filename = reportFilename(checkId, kind);
  const downloadId = await browser.downloads.download({
    url,
    filename,
    saveAs: false,
    conflictAction: 'uniquify',
  });
  return { downloadId, filename };
}
