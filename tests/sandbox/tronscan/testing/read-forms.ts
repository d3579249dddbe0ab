/**
 * Reads the address forms back out of a rendered page, from the DOM alone (the way a content script
 * would), for tests. Self-contained on purpose: Playwright can run it in the page via `evaluate`.
 */
export type ReadForms = Record<string, string[]>;

/** Every address occurrence under `root`, by the shape that shows it, in document order. */
export function readAddressForms(root: ParentNode): ReadForms {
  const found: ReadForms = {
    'link-full': [],
    'link-short': [],
    'link-split': [],
    'link-split-div': [],
    'contract-js': [],
    'contract-code': [],
    token20: [],
    'table-cell': [],
    copyable: [],
    header: [],
    'split-text': [],
    'ellipsis-cell': [],
    'tag-text': [],
    'name-tag': [],
    unrecognised: [],
  };
  const add = (form: string, value: string) => found[form]!.push(value);
  const candidates = root.querySelectorAll(
    'a, td, .copy-text, .address-header .address-text, .address-truncate, .tag-description',
  );
  for (const node of Array.from(candidates)) {
    const text = (node.textContent ?? '').trim();
    if (node.matches('.address-truncate')) {
      const [start, end] = Array.from(node.children);
      if (start?.textContent?.length === 29 && end?.textContent?.length === 5) add('split-text', text);
      else add('unrecognised', text);
    } else if (node.matches('.tag-description')) {
      const named = /T[1-9A-HJ-NP-Za-km-z]{33}/.exec(text)?.[0];
      if (named) add('tag-text', named);
    } else if (node.matches('a.name-tag')) {
      // The pair counts once, for the tag: the address link after it is not an `a.text-truncate`.
      const address = /^#\/address\/([^/]+)$/.exec(node.getAttribute('href') ?? '')?.[1];
      const next = node.parentElement?.querySelector('a.address-link');
      if (address && next?.getAttribute('href') === node.getAttribute('href')) add('name-tag', address);
      else add('unrecognised', text);
    } else if (node.matches('td.ant-table-cell-ellipsis > a')) {
      add('ellipsis-cell', /^#\/address\/([^/]+)$/.exec(node.getAttribute('href') ?? '')?.[1] ?? text);
    } else if (node.matches('.address-header .address-text')) {
      add('header', text);
    } else if (node.matches('.copy-text')) {
      if (node.nextElementSibling?.matches('.copy-icon')) add('copyable', text);
    } else if (node.matches('td')) {
      const only = node.childNodes.length === 1 ? node.firstChild : null;
      if (only && only.nodeType === 3 && /^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(text)) add('table-cell', text);
    } else {
      const href = node.getAttribute('href') ?? '';
      const isAddressLink = node.matches('a.text-truncate.address-link');
      const address = /^#\/address\/([^/]+)$/.exec(href)?.[1];
      const contract = /^#\/contract\/([^/]+)\/code$/.exec(href)?.[1];
      const token = /^#\/token20\/([^/]+)$/.exec(href)?.[1];
      if (href === 'javascript:;') {
        add('contract-js', text);
      } else if (address && isAddressLink) {
        const spanStart = node.querySelector('span.ellipsis_box_start');
        const divStart = node.querySelector('div.ellipsis_box > div.ellipsis_box_start');
        const shortened = `${address.slice(0, 6)}…${address.slice(-6)}`;
        if (spanStart && spanStart.textContent?.length === 29 && text === address) add('link-split', address);
        else if (divStart && divStart.textContent?.length === 29 && text === address)
          add('link-split-div', address);
        else if (node.children.length === 0 && text === address) add('link-full', address);
        else if (node.children.length === 0 && text === shortened) add('link-short', address);
        else add('unrecognised', href);
      } else if (contract && isAddressLink && text === contract) {
        add('contract-code', contract);
      } else if (token) {
        add('token20', token);
      }
    }
  }
  return found;
}
