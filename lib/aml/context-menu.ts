/**
 * Right-click "Check this address" (`contextMenus`): on a selection, a link (its href, or its text when
 * the href names no address, e.g. TronScan's `href="javascript:;"` contract links) or a TronScan
 * address page (`#/address/T…`). A valid address opens the extension-owned confirmation window, where
 * the user sees the cost and starts the paid check; nothing is paid from the menu itself. Anything
 * else gets a notification saying what was wrong.
 *
 * Playwright cannot click native menus, so sandbox builds expose the click handler as
 * `globalThis.__ampereMenuClick` for the end-to-end test (never in a production build).
 */
import type { Browser } from 'wxt/browser';
import { IS_SANDBOX_BUILD } from '@/lib/config/build-mode';
import { TRONSCAN_MATCHES, sandboxContentMatches } from '@/lib/config/hosts';
import { SANDBOX_ORIGIN } from '@/lib/config/network';
import { addressFromMenuClick, type MenuAddress } from '@/lib/aml/context-address';
import { createCheckWindows } from '../risk/windows';
import { menuProblemText, menuTitle } from './texts';
import { notifyMenuProblem } from './end-notices';

export const MENU_SELECTION_OR_LINK = 'ampere-check-address';
export const MENU_TRONSCAN_PAGE = 'ampere-check-page';

type ClickInfo = Pick<
  Browser.contextMenus.OnClickData,
  'menuItemId' | 'selectionText' | 'linkUrl' | 'pageUrl' | 'frameId'
> & { linkText?: string };

/** The TronScan pages a page-level "Check this address" is offered on. */
function tronscanPagePatterns(): string[] {
  return IS_SANDBOX_BUILD
    ? [...TRONSCAN_MATCHES, ...sandboxContentMatches(SANDBOX_ORIGIN)]
    : TRONSCAN_MATCHES;
}

/** Creates the menu items (on install and update; Chrome keeps them across worker restarts). */
export async function createMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: MENU_SELECTION_OR_LINK,
    title: menuTitle(),
    contexts: ['selection', 'link'],
  });
  browser.contextMenus.create({
    id: MENU_TRONSCAN_PAGE,
    title: menuTitle(),
    contexts: ['page'],
    documentUrlPatterns: tronscanPagePatterns(),
  });
}

/** Reads the texts of the links to `linkUrl` in the clicked frame (Chrome does not pass a link's text). */
async function linkTextsInPage(tabId: number | undefined, frameId: number | undefined, linkUrl: string) {
  if (tabId === undefined || tabId < 0) return [];
  try {
    const [injection] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId ?? 0] },
      func: (href: string) =>
        Array.from(document.querySelectorAll('a'))
          .filter((a) => a.href === href)
          .slice(0, 50)
          .map((a) => (a.textContent ?? '').slice(0, 500)),
      args: [linkUrl],
    });
    const texts = injection?.result;
    return Array.isArray(texts) ? texts.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    // A page the extension may not script (the Web Store, another extension): the href is all there is.
    return [];
  }
}

/** Handles one menu click; returns what it found (for tests) after acting on it. */
export async function handleMenuClick(
  info: ClickInfo,
  tab: { id?: number } | undefined,
  openConfirmation: (address: string) => Promise<void>,
): Promise<MenuAddress> {
  if (info.menuItemId !== MENU_SELECTION_OR_LINK && info.menuItemId !== MENU_TRONSCAN_PAGE) {
    return { ok: false, reason: 'no_address' };
  }
  const fromPage = info.menuItemId === MENU_TRONSCAN_PAGE;
  const linkTexts =
    !fromPage && info.linkUrl && !info.selectionText
      ? await linkTextsInPage(tab?.id, info.frameId, info.linkUrl)
      : [];
  const found = addressFromMenuClick({
    selectionText: fromPage ? undefined : info.selectionText,
    linkUrl: fromPage ? undefined : info.linkUrl,
    linkText: info.linkText,
    linkTexts,
    pageUrl: info.pageUrl,
  });
  if (found.ok) {
    await openConfirmation(found.address);
  } else {
    const shown = (info.selectionText ?? '').trim().slice(0, 60);
    await notifyMenuProblem(menuProblemText(found.reason, shown));
  }
  return found;
}

/** Registers the menu's listeners (synchronously, once per worker start). */
export function registerContextMenu(): void {
  const windows = createCheckWindows();
  const onClick = (info: ClickInfo, tab?: { id?: number }) =>
    handleMenuClick(info, tab, (address) => windows.requestCheck(address));
  browser.runtime.onInstalled.addListener(() => void createMenus());
  browser.contextMenus.onClicked.addListener((info, tab) => void onClick(info, tab));
  // Folds to `false` in a production build, so the hook is not even in its bundle.
  if (IS_SANDBOX_BUILD) {
    (globalThis as { __ampereMenuClick?: typeof onClick }).__ampereMenuClick = onClick;
  }
}
