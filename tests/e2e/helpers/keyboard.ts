/**
 * Driving a page with the keyboard alone: Tab (or Shift+Tab) until an element has the focus, and
 * a check that the focused element shows it (an outline or a box shadow under :focus-visible).
 */
import type { Locator, Page } from 'playwright-core';

/** What the focused element draws to show its focus: its outline and box shadow. */
async function focusRing(page: Page): Promise<{ tag: string; outline: string; shadow: string } | null> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    return {
      tag: `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}`,
      outline: style.outlineStyle === 'none' ? '' : `${style.outlineWidth} ${style.outlineStyle}`,
      shadow: style.boxShadow === 'none' ? '' : style.boxShadow,
    };
  });
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until `target` has the focus, at most `max` times, and
 * returns the elements passed that showed no focus ring (none expected). Throws if never reached.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  options: { backwards?: boolean; max?: number } = {},
): Promise<string[]> {
  const unmarked: string[] = [];
  const handle = await target.elementHandle();
  if (!handle) throw new Error('tabTo: the target is not in the page');
  for (let i = 0; i < (options.max ?? 60); i++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const ring = await focusRing(page);
    if (ring && !ring.outline && !ring.shadow) unmarked.push(ring.tag);
    if (await handle.evaluate((element) => element === document.activeElement)) return unmarked;
  }
  throw new Error(`tabTo: not reached after ${options.max ?? 60} presses`);
}
