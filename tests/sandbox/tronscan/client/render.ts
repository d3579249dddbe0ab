/**
 * Renders a page model into the DOM shapes tronscan.org uses for addresses (our own markup, modelled
 * on tronscan's public frontend). Takes the `Document` as a parameter so Node tests can render with
 * linkedom and the browser app with `window.document`.
 */
import { SPLIT_AT, shortAddressText, type Cell, type PageModel, type Section } from '../page-model';
import { transferRow, transferRowCells, type TransferRow } from '../transfer-rows';

type Attributes = Record<string, string>;

function element(
  doc: Document,
  tag: string,
  attributes: Attributes = {},
  ...children: (Node | string)[]
): HTMLElement {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** `<a class="text-truncate address-link">` inside tronscan's truncation wrapper. */
function addressLink(doc: Document, href: string, ...content: (Node | string)[]): HTMLElement {
  const link = element(doc, 'a', { class: 'text-truncate address-link', href }, ...content);
  return element(
    doc,
    'div',
    { class: 'truncate-ellipsis' },
    element(doc, 'span', {}, element(doc, 'div', { class: 'd-flex' }, link)),
  );
}

/** Two parts whose `textContent` is the whole value but whose rendering may cut the first one short. */
function splitBox(doc: Document, tag: 'span' | 'div', value: string, cut: number): Node[] {
  return [
    element(doc, tag, { class: 'ellipsis_box_start' }, value.slice(0, cut)),
    element(doc, tag, { class: 'ellipsis_box_end' }, value.slice(cut)),
  ];
}

function copyIcon(doc: Document): HTMLElement {
  return element(
    doc,
    'span',
    { class: 'copy-icon ml-1', title: 'Copy', role: 'button' },
    element(doc, 'i', { class: 'fa fa-paste' }),
  );
}

/** The DOM of one cell. */
export function renderCell(doc: Document, cell: Cell): Node {
  switch (cell.t) {
    case 'text':
      return doc.createTextNode(cell.text);
    case 'amount':
      return element(
        doc,
        'span',
        { class: 'amount' },
        cell.value,
        ' ',
        element(doc, 'span', { class: 'symbol' }, cell.symbol),
      );
    case 'tx':
      return element(
        doc,
        'a',
        { class: 'color-tron-100 list-item-word', href: `#/transaction/${cell.hash}` },
        element(doc, 'div', { class: 'ellipsis_box' }, ...splitBox(doc, 'div', cell.hash, 59)),
      );
    case 'bad':
      return cell.form === 'checksum-invalid-link'
        ? addressLink(doc, `#/address/${cell.text}`, cell.text)
        : element(doc, 'span', { class: 'break-all' }, cell.text);
    case 'addr':
      return renderAddress(doc, cell.form, cell.address, cell.label);
    case 'skip':
      return renderNotOccurrence(doc, cell.form, cell.address);
  }
}

/** Valid addresses where no badge belongs (see NOT_OCCURRENCE_FORMS). */
function renderNotOccurrence(
  doc: Document,
  form: Extract<Cell, { t: 'skip' }>['form'],
  address: string,
): Node {
  switch (form) {
    case 'tab-link':
      return element(
        doc,
        'nav',
        { class: 'page-tabs' },
        element(doc, 'a', { class: 'nav-link active', href: `#/address/${address}` }, 'Token Balances'),
        element(doc, 'a', { class: 'nav-link', href: `#/address/${address}/transfers` }, 'Transfers'),
      );
    case 'contract-tab':
      return element(
        doc,
        'nav',
        { class: 'page-tabs' },
        element(doc, 'a', { class: 'nav-link active', href: `#/contract/${address}/code` }, 'Code'),
        element(doc, 'a', { class: 'nav-link', href: `#/contract/${address}/txs` }, 'Transactions'),
        element(doc, 'a', { class: 'nav-link', href: `#/contract/${address}/events` }, 'Events'),
      );
    case 'editable': {
      const input = element(doc, 'input', { class: 'note-input', value: address });
      return element(
        doc,
        'div',
        { class: 'note-editor' },
        input,
        element(doc, 'div', { class: 'note-box', contenteditable: 'true' }, address),
      );
    }
    case 'code-editor':
      return element(
        doc,
        'div',
        { class: 'ace_editor ace-tm', 'aria-readonly': 'true' },
        element(
          doc,
          'div',
          { class: 'ace_content' },
          element(doc, 'div', { class: 'ace_line' }, '// owner: '),
          element(doc, 'div', { class: 'ace_line' }, address),
        ),
      );
    case 'hidden-tooltip':
      return element(
        doc,
        'div',
        { class: 'ant-tooltip ant-tooltip-hidden' },
        element(doc, 'div', { class: 'ant-tooltip-inner', role: 'tooltip' }, address),
      );
  }
}

function renderAddress(
  doc: Document,
  form: Extract<Cell, { t: 'addr' }>['form'],
  address: string,
  label?: string,
): Node {
  switch (form) {
    case 'link-full':
      return addressLink(doc, `#/address/${address}`, address);
    case 'link-short':
      return addressLink(doc, `#/address/${address}`, shortAddressText(address));
    case 'link-split':
      return addressLink(doc, `#/address/${address}`, ...splitBox(doc, 'span', address, SPLIT_AT));
    case 'link-split-div':
      return addressLink(
        doc,
        `#/address/${address}`,
        element(doc, 'div', { class: 'ellipsis_box' }, ...splitBox(doc, 'div', address, SPLIT_AT)),
      );
    case 'contract-js':
      // tronscan's ContractLink: the click handler looks the address up, the href carries nothing.
      return element(
        doc,
        'div',
        { class: 'text-truncate' },
        element(doc, 'a', { href: 'javascript:;' }, address),
      );
    case 'contract-code':
      return addressLink(doc, `#/contract/${address}/code`, address);
    case 'token20':
      return element(doc, 'a', { href: `#/token20/${address}` }, label ?? address);
    case 'table-cell':
      return doc.createTextNode(address);
    case 'copyable':
      return element(
        doc,
        'span',
        { class: 'd-flex align-items-center' },
        element(doc, 'span', { class: 'copy-text' }, address),
        copyIcon(doc),
      );
    case 'header':
      return element(doc, 'span', { class: 'address-text' }, address);
    case 'split-text':
      // tronscan's TruncateAddress: no link, the address split over two siblings.
      return element(doc, 'div', { class: 'address-truncate' }, ...splitBox(doc, 'span', address, SPLIT_AT));
    case 'ellipsis-cell':
      // The cell itself clips (see renderRow); the link is the full address.
      return element(doc, 'a', { class: 'address-link', href: `#/address/${address}` }, address);
    case 'name-tag':
      return element(
        doc,
        'div',
        { class: 'd-flex align-items-center' },
        element(doc, 'a', { class: 'name-tag mr-1', href: `#/address/${address}` }, label ?? 'Binance-Hot 3'),
        element(
          doc,
          'div',
          { class: 'truncate-ellipsis' },
          element(
            doc,
            'a',
            { class: 'address-link', href: `#/address/${address}` },
            shortAddressText(address),
          ),
        ),
      );
    case 'tag-text':
      return element(
        doc,
        'span',
        { class: 'tag-description text-truncate' },
        `${label ?? 'Tagged'}: ${address}`,
      );
  }
}

/** The `<td>` of a cell: antd's ellipsis cells clip their content themselves. */
function renderTd(doc: Document, cell: Cell): HTMLElement {
  const attributes: Attributes =
    cell.t === 'addr' && cell.form === 'ellipsis-cell'
      ? { class: 'ant-table-cell ant-table-cell-ellipsis' }
      : {};
  // What the cell shows and how many badges belong in it, beside it (the manifest lists the same).
  if (cell.t === 'addr') Object.assign(attributes, { 'data-form': cell.form, 'data-expect': cell.address });
  else if (cell.t === 'skip' || cell.t === 'bad')
    Object.assign(attributes, { 'data-form': cell.form, 'data-expect': '' });
  return element(doc, 'td', attributes, renderCell(doc, cell));
}

/** One table row; each cell in its own `<td>`. */
export function renderRow(doc: Document, cells: Cell[]): HTMLElement {
  return element(doc, 'tr', {}, ...cells.map((cell) => renderTd(doc, cell)));
}

/** Generated transfer rows `start … start + count - 1` of a page, with the rows they show. */
export function renderTransferRows(
  doc: Document,
  page: PageModel,
  start: number,
  count: number,
): { fragment: DocumentFragment; rows: TransferRow[] } {
  const fragment = doc.createDocumentFragment();
  const rows: TransferRow[] = [];
  for (let index = start; index < start + count; index++) {
    const row = transferRow(index, page.transfers.pool);
    rows.push(row);
    fragment.append(renderRow(doc, transferRowCells(row, index, page.transfers.tokenAddress)));
  }
  return { fragment, rows };
}

function renderSection(doc: Document, page: PageModel, section: Section): HTMLElement {
  const header = element(
    doc,
    'div',
    { class: 'card-header' },
    element(doc, 'h5', { class: 'card-title' }, section.title),
  );
  if (section.kind === 'details') {
    const rows = section.items.map((item) =>
      element(doc, 'tr', {}, element(doc, 'th', {}, `${item.label}:`), renderTd(doc, item.cell)),
    );
    return element(
      doc,
      'section',
      { class: 'card', 'data-section': section.id },
      header,
      element(doc, 'table', { class: 'table details' }, element(doc, 'tbody', {}, ...rows)),
    );
  }
  const head = element(
    doc,
    'thead',
    {},
    element(doc, 'tr', {}, ...section.columns.map((column) => element(doc, 'th', {}, column))),
  );
  const body = element(doc, 'tbody', {}, ...section.rows.map((row) => renderRow(doc, row)));
  if (page.transfers.sectionId === section.id && page.transfers.count > 0) {
    body.append(renderTransferRows(doc, page, 0, page.transfers.count).fragment);
  }
  const card = element(
    doc,
    'section',
    { class: 'card', 'data-section': section.id },
    header,
    element(doc, 'table', { class: 'table ant-table' }, head, body),
  );
  if (page.loadMore?.sectionId === section.id) {
    card.append(element(doc, 'button', { class: 'btn load-more', type: 'button' }, 'Load more'));
  }
  return card;
}

function renderHeading(doc: Document, heading: PageModel['heading']): HTMLElement {
  const title = element(doc, 'h1', { class: 'page-title' }, heading.title);
  if (!heading.address) return element(doc, 'div', { class: 'page-header' }, title);
  const address = element(
    doc,
    'div',
    { class: 'address-title' },
    renderAddress(doc, 'header', heading.address),
    copyIcon(doc),
  );
  return element(doc, 'div', { class: 'page-header address-header' }, title, address);
}

/** The whole page: header, then one card per section (or an error card). */
export function renderPage(doc: Document, page: PageModel): HTMLElement {
  const main = element(
    doc,
    'main',
    { class: 'container header-overlap', 'data-route': page.route },
    renderHeading(doc, page.heading),
  );
  if (page.notFound) {
    main.append(element(doc, 'section', { class: 'card not-found' }, element(doc, 'p', {}, page.notFound)));
  }
  for (const section of page.sections) main.append(renderSection(doc, page, section));
  return main;
}

/** The `<tbody>` of a section, where late rows go. */
export function sectionBody(root: ParentNode, sectionId: string): HTMLElement | null {
  return root.querySelector(`[data-section="${sectionId}"] tbody`);
}
