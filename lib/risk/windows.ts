/**
 * The extension-owned pages a badge can open: the paid-check confirmation (a small popup window,
 * one per address: asking again focuses it) and the check page with a result. The check page itself
 * (`check.html`) shows the cost and runs the check only after the user confirms there.
 */
import { confirmWindowsItem } from './schemas';

/** The check page for `address`; `confirm` asks it to show the paid-check confirmation. */
export function checkPageUrl(address: string, confirm: boolean): string {
  const url = new URL('check.html', browser.runtime.getURL('/'));
  url.searchParams.set('address', address);
  if (confirm) url.searchParams.set('confirm', '1');
  return url.toString();
}

const CONFIRM_WINDOW = { width: 440, height: 640 };

/** Opening and reusing the confirmation windows; registers its `windows.onRemoved` listener at once. */
export function createCheckWindows() {
  browser.windows.onRemoved.addListener((windowId) => {
    void confirmWindowsItem.update((open) =>
      Object.fromEntries(Object.entries(open).filter(([, id]) => id !== windowId)),
    );
  });

  // Two clicks in quick succession must not open two windows: requests for one address run in turn.
  const pending = new Map<string, Promise<void>>();

  async function openConfirmation(address: string): Promise<void> {
    const existing = (await confirmWindowsItem.get())[address];
    if (existing !== undefined) {
      try {
        if (await browser.windows.update(existing, { focused: true, drawAttention: true })) return;
      } catch {
        // Closed while the worker was stopped: open a new one below.
      }
    }
    const created = await browser.windows.create({
      url: checkPageUrl(address, true),
      type: 'popup',
      focused: true,
      ...CONFIRM_WINDOW,
    });
    const windowId = created?.id;
    if (windowId !== undefined) await confirmWindowsItem.update((open) => ({ ...open, [address]: windowId }));
  }

  return {
    /** Opens (or focuses) the confirmation window for a paid check of `address`. */
    requestCheck(address: string): Promise<void> {
      const previous = pending.get(address) ?? Promise.resolve();
      // The earlier request's failure went to its own caller; this one only waits for its turn.
      const next = previous.catch(() => undefined).then(() => openConfirmation(address));
      pending.set(address, next);
      void next
        .finally(() => {
          if (pending.get(address) === next) pending.delete(address);
        })
        // The same failure reaches the caller through `next`; this copy only needs no handler.
        .catch(() => undefined);
      return next;
    },
    /** Opens the check page with the result for `address`, next to the tab that asked. */
    async openCheckPage(address: string, openerTabId?: number): Promise<void> {
      await browser.tabs.create({ url: checkPageUrl(address, false), openerTabId, active: true });
    },
  };
}
