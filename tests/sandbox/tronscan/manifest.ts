/**
 * The manifest of a page: every address it shows per form (duplicates kept, in document order), what
 * arrives later (load more, timer), and the invalid strings, so a test can assert exact counts.
 */
import {
  ADDRESS_FORMS,
  INVALID_FORMS,
  NOT_OCCURRENCE_FORMS,
  type NotOccurrenceForm,
  type AddressForm,
  type Cell,
  type InvalidForm,
  type PageModel,
} from './page-model';
import { transferRow, transferRowCells } from './transfer-rows';

export type FormCounts = Record<AddressForm, string[]>;

export interface PageManifest {
  route: string;
  notFound?: string;
  /** What the first render shows, including generated transfer rows and the header. */
  forms: FormCounts;
  /** Distinct valid addresses of the first render. */
  addresses: string[];
  late: { loadMore: FormCounts; timer: FormCounts };
  invalid: Record<InvalidForm, string[]>;
  /** Valid addresses shown where no badge belongs (tabs, editors, hidden tooltips), per form. */
  notOccurrences: Record<NotOccurrenceForm, string[]>;
}

function emptyForms(): FormCounts {
  return Object.fromEntries(ADDRESS_FORMS.map((form) => [form, []])) as unknown as FormCounts;
}

function emptyInvalid(): Record<InvalidForm, string[]> {
  return Object.fromEntries(INVALID_FORMS.map((form) => [form, []])) as unknown as Record<
    InvalidForm,
    string[]
  >;
}

function emptyNotOccurrences(): Record<NotOccurrenceForm, string[]> {
  return Object.fromEntries(NOT_OCCURRENCE_FORMS.map((form) => [form, []])) as unknown as Record<
    NotOccurrenceForm,
    string[]
  >;
}

/** How many addresses a not-occurrence cell shows (render.ts draws this many copies). */
export function notOccurrenceCopies(form: NotOccurrenceForm): number {
  return form === 'contract-tab' ? 3 : form === 'tab-link' || form === 'editable' ? 2 : 1;
}

function collect(
  cells: Iterable<Cell>,
  forms: FormCounts,
  invalid: Record<InvalidForm, string[]>,
  skipped?: Record<NotOccurrenceForm, string[]>,
): void {
  for (const cell of cells) {
    if (cell.t === 'addr') forms[cell.form].push(cell.address);
    else if (cell.t === 'bad') invalid[cell.form].push(cell.text);
    else if (cell.t === 'skip' && skipped)
      for (let i = 0; i < notOccurrenceCopies(cell.form); i++) skipped[cell.form].push(cell.address);
  }
}

function* sectionCells(page: PageModel): Generator<Cell> {
  for (const section of page.sections) {
    if (section.kind === 'details') for (const item of section.items) yield item.cell;
    else for (const row of section.rows) yield* row;
    if (section.id === page.transfers.sectionId) {
      const { count, pool, tokenAddress } = page.transfers;
      for (let index = 0; index < count; index++)
        yield* transferRowCells(transferRow(index, pool), index, tokenAddress);
    }
  }
}

/** The manifest of a built page. */
export function pageManifest(page: PageModel): PageManifest {
  const forms = emptyForms();
  const invalid = emptyInvalid();
  const notOccurrences = emptyNotOccurrences();
  if (page.heading.address) forms.header.push(page.heading.address);
  collect(sectionCells(page), forms, invalid, notOccurrences);
  const loadMore = emptyForms();
  const timer = emptyForms();
  collect((page.loadMore?.rows ?? []).flat(), loadMore, invalid);
  collect((page.timer?.rows ?? []).flat(), timer, invalid);
  const addresses = [...new Set(Object.values(forms).flat())];
  return {
    route: page.route,
    ...(page.notFound ? { notFound: page.notFound } : {}),
    forms,
    addresses,
    late: { loadMore, timer },
    invalid,
    notOccurrences,
  };
}
