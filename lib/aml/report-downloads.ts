/**
 * Check reports saved through `browser.downloads`. The background fetches the file with the bearer
 * token and hands the browser a `data:` URL (Chrome's MV3 worker has no `URL.createObjectURL`; Firefox's
 * background page, whose downloads refuse `data:` URLs, gets a `blob:` URL instead), so the token never
 * leaves the background and no page ever sees the report's address.
 */
import { base64 } from '@scure/base';
import { ServiceError } from '@/lib/http';
import type { SignedInTwoAml } from '@/lib/twoaml/background-session';
import { canonicalJson } from '@/lib/aml/check-views';

export type ReportKind = 'full' | 'summary' | 'json';

/** The file name a report is saved under (2aml's own names for the PDFs). */
export function reportFilename(checkId: number, kind: ReportKind): string {
  if (kind === 'full') return `aml-report-${checkId}.pdf`;
  if (kind === 'summary') return `aml-report-summary-${checkId}.pdf`;
  return `aml-check-${checkId}.json`;
}

/** Fetches a report: its bytes and type; refuses a "PDF" that is not one. */
export async function fetchReport(
  api: SignedInTwoAml,
  checkId: number,
  kind: ReportKind,
): Promise<{ bytes: Uint8Array; type: string }> {
  if (kind === 'json') {
    const text = canonicalJson(await api.aml.getCheck(checkId));
    return { bytes: new TextEncoder().encode(text), type: 'application/json' };
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
  return { bytes, type: 'application/pdf' };
}

/** How long a `blob:` URL outlives the download it was made for (the browser has read it by then). */
const BLOB_URL_LIFETIME_MS = 60_000;

/** Saves a report of `checkId` in the downloads folder and returns the download's id. */
export async function downloadReport(api: SignedInTwoAml, checkId: number, kind: ReportKind) {
  const { bytes, type } = await fetchReport(api, checkId, kind);
  const filename = reportFilename(checkId, kind);
  // A worker's blob: URLs die with it; only a background page (Firefox) may hand one to the downloads.
  const canMakeBlobUrls =
    !('ServiceWorkerGlobalScope' in globalThis) && typeof URL.createObjectURL === 'function';
  const url = canMakeBlobUrls
    ? URL.createObjectURL(new Blob([bytes.slice().buffer], { type }))
    : `data:${type};base64,${base64.encode(bytes)}`;
  try {
    const downloadId = await browser.downloads.download({
      url,
      filename,
      saveAs: false,
      conflictAction: 'uniquify',
    });
    return { downloadId, filename };
  } finally {
    if (canMakeBlobUrls) setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_LIFETIME_MS);
  }
}
