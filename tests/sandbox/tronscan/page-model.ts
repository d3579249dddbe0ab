/**
 * What a TronScan-like page shows, as data: the server builds a `PageModel` per hash route, the
 * browser app renders it, and the manifest lists every address per form so tests can count exactly.
 * Shared by Node and the browser bundle, so this file imports nothing.
 */

/**
 * The ways tronscan.org puts a TRON address on screen (see DESIGN.md, "How tronscan.org shows
 * addresses"). Each maps to one DOM shape in render.ts.
 */
export const ADDRESS_FORMS = [
  /** `<a class="text-truncate address-link" href="#/address/T…">T…</a>`, full text. */
  'link-full',
  /** Same link, text shortened to `TR7NHq…gjLj6t`: the full address is only in the href. */
  'link-short',
  /** Same link, text split over `<span class="ellipsis_box_start">` (29 chars) + `<span class="ellipsis_box_end">`. */
  'link-split',
  /** tronscan's current markup: `div.ellipsis_box > div.ellipsis_box_start + div.ellipsis_box_end` inside the link. */
  'link-split-div',
  /** Contract link `<a href="javascript:;">T…</a>`: the address is only in the text. */
  'contract-js',
  /** `<a class="text-truncate address-link" href="#/contract/T…/code">T…</a>`. */
  'contract-code',
  /** `<a href="#/token20/T…">Tether USD (USDT)</a>`: the address is only in the href. */
  'token20',
  /** A bare address as the text of a table cell. */
  'table-cell',
  /** A bare address in a copyable span with a copy icon beside it. */
  'copyable',
  /** The address page / contract page header showing the full address. */
  'header',
  /**
   * tronscan's TruncateAddress, used for the page's own address in its transfer tables: no link, the
   * first 29 characters in `span.ellipsis_box_start`, the last 5 in the sibling `span.ellipsis_box_end`.
   */
  'split-text',
  /** An antd 4 ellipsis cell (`td.ant-table-cell-ellipsis`: nowrap, hidden overflow) holding a full link. */
  'ellipsis-cell',
  /** An account tag's description, clipped by `text-truncate`, that names an address in its text. */
  'tag-text',
  /**
   * A name tag before the address (the live site's labelled accounts): `<a class="name-tag"
   * href="#/address/T…">Binance-Hot 3</a>` followed by the address link (`a.address-link`, shortened
   * text), both to `#/address/T…`. One badge for the pair, after the address link, none for the tag.
   */
  'name-tag',
] as const;
export type AddressForm = (typeof ADDRESS_FORMS)[number];

/** Strings that look like addresses but are not valid T-addresses: no badge may be drawn for them. */
export const INVALID_FORMS = [
  /** A valid address with one character changed: fails the base58check checksum. */
  'checksum-invalid',
  /** The same kind of string used as an address link's href and text. */
  'checksum-invalid-link',
  /** A base58 run longer than 34 characters that contains a valid address as a substring. */
  'overlong-base58',
  /** The `41…` hex form (42 hex chars) of an address, as in raw transaction data. */
  'hex-41',
  /** An Ethereum-style `0x…` 40-hex-char address. */
  'hex-0x',
] as const;
export type InvalidForm = (typeof INVALID_FORMS)[number];

/**
 * Valid addresses shown where they are not occurrences a person reads: no badge may be drawn for them
 * (the same address may be badged elsewhere on the page, where it is an occurrence).
 */
export const NOT_OCCURRENCE_FORMS = [
  /** The address page's own tabs: `#/address/<self>` "Token Balances", `…/transfers` "Transfers". */
  'tab-link',
  /** The contract page's own tabs: `#/contract/<self>/code`, `…/txs`, `…/events`. */
  'contract-tab',
  /** An `<input>` value and a `contenteditable` box holding an address (what someone types). */
  'editable',
  /** A read-only code editor (Ace) showing source that contains an address. */
  'code-editor',
  /** An antd tooltip kept in the DOM while hidden, holding the full address of a shortened link. */
  'hidden-tooltip',
] as const;
export type NotOccurrenceForm = (typeof NOT_OCCURRENCE_FORMS)[number];

export type Cell =
  | { t: 'addr'; form: AddressForm; address: string; label?: string }
  | { t: 'bad'; form: InvalidForm; text: string }
  | { t: 'skip'; form: NotOccurrenceForm; address: string }
  | { t: 'tx'; hash: string }
  | { t: 'text'; text: string }
  | { t: 'amount'; value: string; symbol: string };

export interface TableSection {
  kind: 'table';
  id: string;
  title: string;
  columns: string[];
  rows: Cell[][];
}

export interface DetailsSection {
  kind: 'details';
  id: string;
  title: string;
  items: { label: string; cell: Cell }[];
}

export type Section = TableSection | DetailsSection;

/** Rows the app adds after the first render, into the table `sectionId`. */
export interface LateRows {
  sectionId: string;
  rows: Cell[][];
}

/** A table whose rows the browser generates with `transferRow` (large lists, `appendRows`). */
export interface GeneratedTransfers {
  sectionId: string;
  count: number;
  pool: string[];
  tokenAddress: string;
}

export interface PageModel {
  route: string;
  title: string;
  /** The page header; with `address`, the full address is shown in it (form `header`). */
  heading: { title: string; address?: string };
  /** Set when the route or its address is not valid; the page then shows an error card. */
  notFound?: string;
  sections: Section[];
  /** Appended once when the "Load more" button is clicked. */
  loadMore?: LateRows;
  /** Prepended once `afterMs` after the render, like tronscan's live updates. */
  timer?: LateRows & { afterMs: number };
  /** Where `window.__tronscanSandbox.appendRows(n)` appends and how rows are generated. */
  transfers: GeneratedTransfers;
}

/** The text tronscan shows for a shortened address: first 6, an ellipsis, last 6. */
export function shortAddressText(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-6)}`;
}

/** How tronscan splits an address over two elements: the first 29 characters, then the rest. */
export const SPLIT_AT = 29;
