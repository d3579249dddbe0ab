/** The patch that ends a rental with an error, shared by every step that can give up. */
import type { JobPatch } from '../jobs/runner';
import type { NrgClaimData } from './claim-data';
import type { ClaimMessages, NrgClaimErrorCode } from './claim-results';

/** Ends the job as `failed` with `code` and its readable text. */
export function failedPatch(
  message: ClaimMessages,
  code: NrgClaimErrorCode,
  substitutions: string[] = [],
): JobPatch<NrgClaimData> {
  return { state: 'failed', terminal: true, error: { code, message: message(code, substitutions) } };
}
