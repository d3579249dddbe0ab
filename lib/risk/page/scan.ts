/**
 * Finds the strings of a TronScan page that may be TRON addresses (candidates), and where each is.
 *
 * Test URLs: https://tronscan.org/#/address/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t (links, split and
 * shortened text), https://tronscan.org/#/contract/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t/code
 * (`javascript:;` contract links), https://tronscan.org/#/token20/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t,
 * and the sandbox's `/tronscan/` pages.
 *
 * Sources, in order (see DESIGN.md, "How tronscan.org shows addresses"):
 * 1. a link whose href is `#/address/T…`, `#/contract/T…[/…]` or `#/token20/T…`: the href is the
 *    truth, whatever its text shows (shortened, split over `ellipsis_box_*`, a token name);
 * 2. a link that is not an in-app route (`href="javascript:;"` contract links, no href, external):
 *    its whole `textContent`, which joins text split over child elements (`innerText` would not,
 *    and would force a layout);
 * 3. every other text node long enough to hold an address (an XPath query, or a TreeWalker where
 *    there is no XPath), outside scripts, editable content, code editors, tooltips and links;
 * 4. an address split over two sibling elements outside any link (TronScan's TruncateAddress: the
 *    first 29 characters in one, the last 5 in the next): the pair is anchored on its second part.
 * A name tag linked to an address and followed by the address's own link is one occurrence with it:
 * the badge goes after the address link.
 * Not occurrences: the page's own tabs (`#/address/<self>` "Token Balances", `#/contract/<self>/code`),
 * which link to the address the page is about without showing it, and hidden tooltips' copies.
 * A candidate is a whole token (a maximal run of ASCII letters and digits, as `findAddressCandidates`
 * in lib/tron/address.ts reads text) of 34 base58 characters starting with `T`: so 34 characters
 * inside a longer run, and hex forms, are never candidates. Whether a candidate is an address (its
 * checksum) is the background's answer: this script carries no hashing, to stay small.
 */

import { TRON_ADDRESS_PATTERN } from '@/lib/tron/address-pattern';

/** The badge host's tag; its content lives in a closed shadow root, so a walk never enters it. */
export const BADGE_TAG = 'ampere-risk-badge';

/** An anchor (a badge goes right after it) and the candidates it shows, in order. */
export interface Found {
  anchor: Element | Text;
  candidates: string[];
}

const CANDIDATE = new RegExp(`(?<![0-9A-Za-z])${TRON_ADDRESS_PATTERN}(?![0-9A-Za-z])`, 'g');

/** Every candidate in `text`, one per occurrence, in order. */
export function candidatesIn(text: string): string[] {
  // Most text on an explorer (hashes, amounts, ages) has no capital T at all: skip the regex.
  if (text.length < MIN_ADDRESS_TEXT || !text.includes('T')) return [];
  return text.match(CANDIDATE) ?? [];
}

// Address and token links end at the address; contract links may name a tab (`/code`). Anything else
// (`#/address/T…/transfers` tabs of the page itself) is navigation, not an occurrence.
const ADDRESS_HREF = new RegExp(
  String.raw`#\/(?:(?:address|token20)\/(${TRON_ADDRESS_PATTERN})(?:$|[?#])|contract\/(${TRON_ADDRESS_PATTERN})(?:$|[/?#]))`,
);
const MIN_ADDRESS_TEXT = 34;
/**
 * The links `candidatesOfLink` may find something in: address routes (anywhere in the href, as
 * `ADDRESS_HREF` reads it) and links that are not in-app routes. The selector leaves the page's
 * other links (a transfer list links every transaction and block) to the browser: a content script
 * pays for a wrapper of every node it touches.
 */
const LINKS_THAT_MAY_NAME_ADDRESSES = [
  'a[href*="#/address/T"]',
  'a[href*="#/contract/T"]',
  'a[href*="#/token20/T"]',
  'a:not([href^="#/"])',
].join(',');
/**
 * Never page content a person reads as an address: code, form fields, code editors (Ace, CodeMirror,
 * Monaco: what they show is source being read or typed), and tooltips and popovers (hidden copies of
 * text shown elsewhere, or shown only while hovered).
 */
const SKIPPED_PARTS =
  'script,style,noscript,textarea,select,template,title,.ace_editor,.CodeMirror,.monaco-editor,' +
  '[role="tooltip"],.ant-tooltip,.ant-popover,[hidden],[aria-hidden="true"]';
const SKIPPED_TEXT_PARENTS = `a,${SKIPPED_PARTS}`;
/** Navigation of the page itself: a link in here names where it goes, never an occurrence. */
const TABS = '[role="tab"],[role="tablist"],.ant-tabs-nav,.ant-tabs-tab';

const ROUTE = new RegExp(String.raw`#\/(address|contract|token20)\/(${TRON_ADDRESS_PATTERN})(?:$|[/?#])`);

/** The page a location hash is about, as `kind/address` (`contract/T…`), or null. */
export function pageAddressOf(doc: Document): string | null {
  const route = ROUTE.exec(doc.location?.hash ?? '');
  return route ? `${route[1]}/${route[2]}` : null;
}

/**
 * True when a link is one of the page's own tabs: it leads to the page itself (same kind of route,
 * same address: `#/address/<self>`, `#/contract/<self>/code`) and its text does not show the address
 * (whole, split or shortened to its ends), or it sits in a tab bar. A link from a contract page to
 * its token page (`#/token20/<self>`, "Tether USD") goes elsewhere: an occurrence.
 */
function isOwnTab(link: Element, href: string, address: string, pageAddress: string | null): boolean {
  const route = ROUTE.exec(href);
  if (!route || `${route[1]}/${route[2]}` !== pageAddress) return false;
  return !showsAddress(link, address);
}

/** True when a link's text shows `address`: whole, split or shortened to its ends. */
function showsAddress(link: Element, address: string): boolean {
  const text = link.textContent ?? '';
  return text.includes(address.slice(0, 4)) && text.includes(address.slice(-4));
}

/**
 * True when a link is a name tag ("Binance-Hot 3") followed by the link that shows its address, both
 * to the same route: the pair is one occurrence, badged after the address link. Looks at the next
 * few siblings of the link and of its parent (tronscan wraps the address link in a truncation box).
 */
function isNameTag(link: Element, href: string, address: string): boolean {
  if (showsAddress(link, address)) return false;
  let node: Element | null = link;
  for (let depth = 0; node && depth < 2; depth++, node = node.parentElement) {
    for (let next = node.nextElementSibling, i = 0; next && i < 3; next = next.nextElementSibling, i++) {
      const other = next.localName === 'a' ? next : next.querySelector('a[href]');
      if (other) return other.getAttribute('href') === href && showsAddress(other, address);
    }
  }
  return false;
}

/** Parts of a page where a link is never an occurrence: tab bars, editors, tooltips. */
const SKIPPED_LINK_PARTS = `${SKIPPED_PARTS},${TABS}`;

/**
 * The candidates a link names: from its href when it is an address route (none for the page's own
 * tabs), else from its text. `pageAddress` is what `pageAddressOf` reads. `inSkippedPart` answers
 * whether the link sits in a tab bar, an editor or a tooltip; by default the link's ancestors are
 * matched (a scan of thousands of links asks a cheaper question, see `findCandidates`).
 */
export function candidatesOfLink(
  link: Element,
  pageAddress: string | null = null,
  inSkippedPart: (link: Element) => boolean = (l) => l.closest(SKIPPED_LINK_PARTS) !== null,
): string[] {
  const href = link.getAttribute('href');
  const routed = href ? ADDRESS_HREF.exec(href) : null;
  let found: string[];
  if (routed) {
    const address = (routed[1] ?? routed[2])!;
    found = isOwnTab(link, href!, address, pageAddress) || isNameTag(link, href!, address) ? [] : [address];
  } else if (href?.startsWith('#/')) {
    // Other in-app routes (`#/transaction/…`, `#/block/…`) show hashes and numbers, never an address.
    return [];
  } else {
    found = candidatesIn(link.textContent ?? '');
  }
  return found.length > 0 && inSkippedPart(link) ? [] : found;
}

/** How many characters TronScan's TruncateAddress puts in its first part; the rest go in the second. */
const SPLIT_FIRST = 29;

/**
 * The candidate an address split over two sibling elements shows, read from its second part (the
 * anchor): the first part's text and its own make one 34-character candidate, or there is none.
 */
export function candidatesOfSplit(end: Element): string[] {
  const start = end.previousElementSibling;
  if (!start || end.closest(SKIPPED_TEXT_PARENTS) || isEditable(end)) return [];
  const first = start.textContent ?? '';
  if (first.length !== SPLIT_FIRST || first[0] !== 'T') return [];
  const whole = first + (end.textContent ?? '');
  return whole.length === MIN_ADDRESS_TEXT ? candidatesIn(whole) : [];
}

/** The candidates a text node shows, or none when it sits where no badge belongs. */
export function candidatesOfText(text: Text): string[] {
  const found = candidatesIn(text.nodeValue ?? '');
  if (found.length === 0) return found;
  const parent = text.parentElement;
  // Only paid for by the rare text nodes that hold an address.
  if (!parent || parent.closest(SKIPPED_TEXT_PARENTS) || isEditable(parent)) return [];
  return found;
}

/**
 * True inside editable content, where a badge would end up in what the user types. Reads attributes
 * only: `isContentEditable` would force a style recalculation right after we inserted badges.
 */
export function isEditable(element: Element): boolean {
  return element.closest('[contenteditable]:not([contenteditable="false"])') !== null;
}

/** Where `findCandidates` puts what it finds: an array, or a consumer that acts on each at once. */
export interface FoundSink {
  push(found: Found): unknown;
}

/**
 * Hands `out` every anchor under `root` (itself included) that shows a candidate and that
 * `isHandled` does not already know, in document order per kind (links, then texts, then split
 * addresses), as it finds it: a consumer that asks the background at once gets the top of the page
 * answered while the scan goes on. Links are visited with the native collection, long text nodes
 * with one XPath query.
 */
export function findCandidates(
  root: Node,
  isHandled: (anchor: Node) => boolean,
  out: FoundSink,
  pageAddress: string | null = null,
): void {
  if (root.nodeType === 3) {
    if (!isHandled(root)) foundIn(root as Text, candidatesOfText(root as Text), out);
    return;
  }
  if (root.nodeType !== 1 && root.nodeType !== 9 && root.nodeType !== 11) return;
  const element = root as Element;
  if (element.nodeType === 1 && (element.localName === BADGE_TAG || isEditable(element))) return;

  if (element.nodeType === 1 && element.localName === 'a') {
    if (!isHandled(element)) foundIn(element, candidatesOfLink(element, pageAddress), out);
  } else if (element.nodeType !== 1 || !element.closest(SKIPPED_LINK_PARTS)) {
    // The skipped parts under the root, found once: matching every link's ancestors against them cost
    // more than the rest of the scan on a long list, and most pages have none or a few.
    const parts = (element as ParentNode).querySelectorAll(SKIPPED_LINK_PARTS);
    const inSkippedPart = (link: Element) => {
      for (let i = 0; i < parts.length; i++) if (parts[i]!.contains(link)) return true;
      return false;
    };
    const links = (element as ParentNode).querySelectorAll(LINKS_THAT_MAY_NAME_ADDRESSES);
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      if (!isHandled(link)) foundIn(link, candidatesOfLink(link, pageAddress, inSkippedPart), out);
    }
  }

  forEachLongText(root, (text) => {
    if (!isHandled(text)) foundIn(text, candidatesOfText(text), out);
  });
  forEachSplitStart(root, (start) => {
    const end = start.nextElementSibling;
    if (end && !isHandled(end)) foundIn(end, candidatesOfSplit(end), out);
  });
}

function foundIn(anchor: Element | Text, candidates: string[], out: FoundSink): void {
  if (candidates.length > 0) out.push({ anchor, candidates });
}

// Text long enough to hold an address, outside links (links were read whole above).
const LONG_TEXT_OUTSIDE_LINKS = `.//text()[string-length() >= ${MIN_ADDRESS_TEXT}][not(ancestor::a)]`;

/**
 * Visits the text nodes under `root` that could hold an address. Where the document can evaluate
 * XPath (every browser) the length and link filters run natively and only matching nodes reach
 * script; a TreeWalker over every text node gives the same nodes elsewhere (linkedom in unit tests).
 * Why not the TreeWalker everywhere: a content script pays for a wrapper of every node it touches,
 * and on a 1,000-row transfer list that walk cost 15–25 ms where the XPath query costs 2–4 ms.
 */
// The text of the first part of a split address: exactly its first 29 characters, from `T`, outside
// links, in an element that has a next sibling (text nodes only: an element's string value would
// join the text of every subtree of a long list).
const SPLIT_STARTS = `.//text()[string-length() = ${SPLIT_FIRST}][starts-with(., 'T')][not(ancestor::a)][../following-sibling::*]`;

/** Visits the elements under `root` that may hold the first part of a split address. */
function forEachSplitStart(root: Node, visit: (start: Element) => void): void {
  const doc = root.ownerDocument ?? (root as Document);
  const consider = (text: Node) => {
    const start = text.parentElement;
    if (start && start.childNodes.length === 1) visit(start);
  };
  if (typeof doc.evaluate === 'function') {
    const found = doc.evaluate(SPLIT_STARTS, root, null, 7 /* ORDERED_NODE_SNAPSHOT_TYPE */, null);
    for (let i = 0; i < found.snapshotLength; i++) consider(found.snapshotItem(i)!);
    return;
  }
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.nodeValue ?? '';
    if (value.length === SPLIT_FIRST && value[0] === 'T' && node.parentElement?.nextElementSibling)
      if (!node.parentElement.closest('a')) consider(node);
  }
}

function forEachLongText(root: Node, visit: (text: Text) => void): void {
  const doc = root.ownerDocument ?? (root as Document);
  if (typeof doc.evaluate === 'function') {
    const found = doc.evaluate(LONG_TEXT_OUTSIDE_LINKS, root, null, 7 /* ORDERED_NODE_SNAPSHOT_TYPE */, null);
    for (let i = 0; i < found.snapshotLength; i++) visit(found.snapshotItem(i) as Text);
    return;
  }
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node.nodeValue?.length ?? 0) >= MIN_ADDRESS_TEXT) visit(node as Text);
  }
}
