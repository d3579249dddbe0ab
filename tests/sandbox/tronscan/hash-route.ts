/** Parses the hash routes of the TronScan-like app (`#/address/T…`, `#/contract/T…/code`, …). */

export type HashRoute =
  | { page: 'home' }
  | { page: 'address'; address: string }
  | { page: 'contract'; address: string }
  | { page: 'token20'; address: string }
  | { page: 'transaction'; hash: string }
  | { page: 'transfers'; rows: number }
  | { page: 'unknown'; path: string };

/** tronscan's transfer lists are paged; one page of the sandbox may be this long at most. */
export const MAX_TRANSFER_ROWS = 100_000;
const DEFAULT_TRANSFER_ROWS = 1_000;

/** Splits `#/a/b?x=1` (the leading `#` optional) into path segments and query. */
function splitHash(hash: string): { segments: string[]; query: URLSearchParams } {
  const withoutHash = hash.replace(/^#/, '');
  const [path = '', query = ''] = withoutHash.split('?', 2);
  return {
    segments: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(query),
  };
}

/** The route a hash names; tab suffixes such as `/transfers` or `/code` select the same page. */
export function parseHashRoute(hash: string): HashRoute {
  const { segments, query } = splitHash(hash);
  const [head, id] = segments;
  if (!head) return { page: 'home' };
  if (head === 'address' && id) return { page: 'address', address: id };
  if (head === 'contract' && id) return { page: 'contract', address: id };
  if (head === 'token20' && id) return { page: 'token20', address: id };
  if (head === 'transaction' && id) return { page: 'transaction', hash: id };
  if (head === 'transfers') {
    const requested = Number.parseInt(query.get('rows') ?? '', 10);
    const rows = Number.isFinite(requested) && requested >= 0 ? requested : DEFAULT_TRANSFER_ROWS;
    return { page: 'transfers', rows: Math.min(rows, MAX_TRANSFER_ROWS) };
  }
  return { page: 'unknown', path: segments.join('/') };
}
