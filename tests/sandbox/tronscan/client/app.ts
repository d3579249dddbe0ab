/**
 * The TronScan-like single-page app: renders `#/…` routes from `api/page` without reloading, adds
 * rows later (load more, a live-update timer) and exposes `window.__tronscanSandbox` for tests.
 * Bundled for the browser by browser-bundle.ts; runs in the page's main world.
 */
import type { PageModel } from '../page-model';
import type { TransferRow } from '../transfer-rows';
import { renderPage, renderRow, renderTransferRows, sectionBody } from './render';

interface SandboxHandle {
  /** Appends `count` generated transfer rows to the current page's main table; returns them. */
  appendRows(count: number): TransferRow[];
  /** Resolves once the current route has rendered. */
  ready(): Promise<string>;
  readonly route: string;
  readonly renders: number;
}

declare global {
  interface Window {
    __tronscanSandbox: SandboxHandle;
  }
}

const apiBase = new URL('api/', (document.currentScript as HTMLScriptElement | null)?.src ?? location.href);
const root = document.getElementById('root')!;

let current: PageModel | null = null;
let nextTransferIndex = 0;
let renderSequence = 0;
let renders = 0;
let liveTimer: ReturnType<typeof setTimeout> | undefined;
let readyWaiters: ((route: string) => void)[] = [];

function currentHash(): string {
  return location.hash || '#/';
}

function markReady(route: string): void {
  document.body.dataset.route = route;
  document.body.dataset.pageReady = 'true';
  const waiters = readyWaiters;
  readyWaiters = [];
  for (const resolve of waiters) resolve(route);
  window.dispatchEvent(new CustomEvent('tronscan-sandbox:rendered', { detail: { route } }));
}

function showPage(page: PageModel): void {
  current = page;
  nextTransferIndex = page.transfers.count;
  document.title = page.title;
  root.replaceChildren(renderPage(document, page));
  renders++;
  const timer = page.timer;
  if (timer) {
    liveTimer = setTimeout(() => {
      const body = sectionBody(root, timer.sectionId);
      for (const cells of [...timer.rows].reverse()) {
        const row = renderRow(document, cells);
        row.classList.add('live-row');
        body?.prepend(row);
      }
    }, timer.afterMs);
  }
}

async function navigate(): Promise<void> {
  const hash = currentHash();
  const sequence = ++renderSequence;
  clearTimeout(liveTimer);
  document.body.dataset.pageReady = 'false';
  try {
    const response = await fetch(new URL(`page?route=${encodeURIComponent(hash)}`, apiBase));
    if (!response.ok) throw new Error(`page ${hash}: HTTP ${response.status}`);
    const page = (await response.json()) as PageModel;
    // A newer navigation started while this one was loading: its result wins.
    if (sequence !== renderSequence) return;
    showPage(page);
  } catch (error) {
    if (sequence !== renderSequence) return;
    root.replaceChildren(
      Object.assign(document.createElement('p'), { className: 'load-error', textContent: String(error) }),
    );
  }
  markReady(hash);
}

function appendRows(count: number): TransferRow[] {
  if (!current) throw new Error('no page rendered yet');
  const body = sectionBody(root, current.transfers.sectionId);
  if (!body) throw new Error(`page ${current.route} has no table to append to`);
  const { fragment, rows } = renderTransferRows(document, current, nextTransferIndex, count);
  nextTransferIndex += count;
  body.append(fragment);
  return rows;
}

root.addEventListener('click', (event) => {
  const target = event.target as Element;
  const loadMore = target.closest('button.load-more');
  if (loadMore && current?.loadMore) {
    const body = sectionBody(root, current.loadMore.sectionId);
    for (const cells of current.loadMore.rows) body?.append(renderRow(document, cells));
    loadMore.remove();
    return;
  }
  // tronscan's contract links carry no href; the click handler navigates using the link text.
  const contractLink = target.closest('a[href="javascript:;"]');
  if (contractLink) {
    event.preventDefault();
    location.hash = `#/contract/${contractLink.textContent?.trim() ?? ''}/code`;
    return;
  }
  const copy = target.closest('.copy-icon');
  if (copy) {
    const text = copy.previousElementSibling?.textContent ?? '';
    void navigator.clipboard?.writeText(text).catch(() => undefined);
  }
});

document.getElementById('search')?.addEventListener('submit', (event) => {
  event.preventDefault();
  const input = (event.target as HTMLFormElement).querySelector('input');
  const query = input?.value.trim() ?? '';
  if (query)
    location.hash = /^[0-9a-fA-F]{64}$/.test(query) ? `#/transaction/${query}` : `#/address/${query}`;
});

window.__tronscanSandbox = {
  appendRows,
  ready: () =>
    document.body.dataset.pageReady === 'true' && document.body.dataset.route === currentHash()
      ? Promise.resolve(currentHash())
      : new Promise((resolve) => readyWaiters.push(resolve)),
  get route() {
    return currentHash();
  },
  get renders() {
    return renders;
  },
};

window.addEventListener('hashchange', () => void navigate());
void navigate();
