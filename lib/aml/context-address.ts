/**
 * Which address a right-click "Check this address" is about. Chrome hands the menu a selection, a
 * link URL or the page URL (never a link's text; Firefox adds `linkText`), so the link's visible
 * text is read from the page separately and passed in as `linkTexts`.
 *
 * Test inputs: a selected `TQn9…` (valid / bad checksum / shortened `TQn9Y2…f1sZ`), a TronScan link
 * `https://tronscan.org/#/address/T…`, a contract link `href="javascript:;"` whose text is the address,
 * and a TronScan address page `https://tronscan.org/#/address/T…/transfers`.
 */
import { BASE58_CHAR, TRON_ADDRESS_PATTERN, findAddressCandidates } from '../tron/address';

export interface MenuClick {
  selectionText?: string;
  linkUrl?: string;
  /** Firefox only: the link's text. */
  linkText?: string;
  pageUrl?: string;
  /** Texts of the links on the page whose href is `linkUrl` (read from the page when there is one). */
  linkTexts?: string[];
}

export type MenuAddress =
  | { ok: true; address: string; from: 'selection' | 'link' | 'page' }
  | { ok: false; reason: MenuAddressProblem };

/**
 * `no_address`: nothing that looks like an address; `invalid_address`: an address-shaped string whose
 * checksum fails (a typo or a forgery); `shortened`: a truncated form like `TQn9Y2…f1sZ`;
 * `several_addresses`: more than one distinct address, so which one is meant is a guess.
 */
export type MenuAddressProblem = 'no_address' | 'invalid_address' | 'shortened' | 'several_addresses';

const ADDRESS_SHAPE = new RegExp(`(?:^|[^0-9A-Za-z])(${TRON_ADDRESS_PATTERN})(?![0-9A-Za-z])`);
const SHORTENED = new RegExp(String.raw`T${BASE58_CHAR}{3,12}(?:…|\.{2,3})${BASE58_CHAR}{3,12}`);
/** TronScan's address routes, as in DESIGN.md ("How tronscan.org shows addresses"). */
const TRONSCAN_ROUTE = new RegExp(
  String.raw`#\/(?:address|contract|token20|token)\/(${TRON_ADDRESS_PATTERN})(?:[/?#]|$)`,
);

/** The one address a menu click names, in order of what the user pointed at: selection, link, page. */
export function addressFromMenuClick(click: MenuClick): MenuAddress {
  const selection = click.selectionText?.trim();
  if (selection) return addressInText(selection, 'selection');
  if (click.linkUrl) {
    const fromUrl = addressInUrl(click.linkUrl);
    if (fromUrl.ok || fromUrl.reason !== 'no_address') return withSource(fromUrl, 'link');
    const texts = [click.linkText, ...(click.linkTexts ?? [])].filter((t): t is string => Boolean(t?.trim()));
    return withSource(addressInTexts(texts), 'link');
  }
  if (click.pageUrl) return withSource(addressInUrl(click.pageUrl, true), 'page');
  return { ok: false, reason: 'no_address' };
}

/** The single distinct address in `text`, or why there is none. */
export function addressInText(text: string, from: 'selection' | 'link' | 'page' = 'selection'): MenuAddress {
  return withSource(addressInTexts([text]), from);
}

function addressInTexts(texts: string[]): MenuAddress {
  const found = new Set(texts.flatMap((text) => findAddressCandidates(text)));
  if (found.size === 1) return { ok: true, address: [...found][0]!, from: 'selection' };
  if (found.size > 1) return { ok: false, reason: 'several_addresses' };
  if (texts.some((text) => ADDRESS_SHAPE.test(text))) return { ok: false, reason: 'invalid_address' };
  if (texts.some((text) => SHORTENED.test(text))) return { ok: false, reason: 'shortened' };
  return { ok: false, reason: 'no_address' };
}

/**
 * The address a URL names: a TronScan route first (`#/address/T…`), then, for links only, any
 * address in the URL (explorers other than TronScan put it in the path or the query). A page URL
 * counts only as a TronScan route: a page merely mentioning an address in its query is no pointer.
 */
function addressInUrl(url: string, routeOnly = false): MenuAddress {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // Keep the raw text: a malformed escape cannot hide an address from the plain search below.
  }
  const route = TRONSCAN_ROUTE.exec(decoded);
  if (route) {
    return addressInTexts([route[1]!]);
  }
  if (routeOnly) return { ok: false, reason: 'no_address' };
  return addressInTexts([decoded]);
}

function withSource(result: MenuAddress, from: 'selection' | 'link' | 'page'): MenuAddress {
  return result.ok ? { ...result, from } : result;
}
