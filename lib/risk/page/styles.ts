/**
 * The badge and tooltip styles. Built once and shared: the badge sheet is adopted by every badge's
 * shadow root, the host sheet by the document (it only sizes our own host tag, so a badge takes its
 * space before it renders and the row does not shift when it does).
 *
 * Test URL: https://tronscan.org/#/address/TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t (its own CSS must not
 * reach into a badge; light and dark themes).
 */
import { BADGE_TAG } from './scan';

/** The tooltip host's fixed size, in CSS pixels. */
export const TOOLTIP_WIDTH = 240;
export const TOOLTIP_HEIGHT = 64;

const TONES = `
.unknown{background:#6b7280}.low{background:#15803d}.medium{background:#b45309}
.high{background:#dc2626}.critical{background:#7f1d1d}.pending{background:#c7cad1}`;

// A badge outside a clipping block, or first in a clipping cell, floats left of the address (see
// badge-spots.ts). Its size is fixed and its layout contained from the moment it is placed, empty,
// so drawing it later is paint only (no paint containment: it would clip the focus ring).
const HOST_CSS = `${BADGE_TAG}{display:inline-block;width:16px;height:16px;margin:0 0 0 4px;vertical-align:middle;line-height:0;
contain:size layout style}
${BADGE_TAG}[data-float]{float:left;margin:2px 4px 0 0}`;

const BADGE_CSS = `
:host{all:initial;display:inline-block;width:16px;height:16px;margin:0 0 0 4px;vertical-align:middle;line-height:0}
button{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;justify-content:center;
width:16px;height:16px;border-radius:50%;font:700 10px/1 system-ui,sans-serif;color:#fff;cursor:pointer;
user-select:none}
button:focus-visible{outline:2px solid #2563eb;outline-offset:1px}
.pending{cursor:progress}${TONES}
button::before{content:'?'}.pending::before{content:'\\B7'}.low::before{content:'\\2713'}
.medium::before,.high::before{content:'!'}.critical::before{content:'\\2715'}.listed::before{content:'\\2298'}`;

// Fixed size whatever it says (tooltip.ts): measuring the tooltip tells a page nothing.
const TOOLTIP_CSS = `
:host{all:initial;position:fixed;z-index:2147483647;top:0;left:0;width:${TOOLTIP_WIDTH}px;height:${TOOLTIP_HEIGHT}px}
:host([hidden]){display:none}
.tip{box-sizing:border-box;width:100%;height:100%;overflow:hidden;padding:8px 10px;border-radius:6px;
background:#111827;color:#f9fafb;font:12px/1.45 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.3)}
p{margin:0 0 6px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
button{all:unset;color:#93c5fd;text-decoration:underline;cursor:pointer}
button:focus-visible{outline:2px solid #93c5fd}`;

const sources = new WeakMap<CSSStyleSheet, string>();

function sheet(css: string): CSSStyleSheet {
  const built = new CSSStyleSheet();
  built.replaceSync(css);
  sources.set(built, css);
  return built;
}

export const badgeSheet = sheet(BADGE_CSS);
export const tooltipSheet = sheet(TOOLTIP_CSS);

/**
 * Adopts `sheets` into a shadow root or the document. Firefox refuses sheets constructed in a
 * content script's compartment for the page's document; there a `<style>` element does the job.
 */
export function adoptSheets(target: ShadowRoot | Document, sheets: CSSStyleSheet[]): void {
  try {
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, ...sheets];
  } catch {
    const doc = 'body' in target ? target : target.ownerDocument;
    const style = doc.createElement('style');
    style.textContent = sheets.map((s) => sources.get(s) ?? '').join('\n');
    ('head' in target ? (target.head ?? target.documentElement) : target).append(style);
  }
}

let hostSheetAdopted = false;

/** Adds the host sizing rule to the document once. */
export function adoptHostSheet(doc: Document): void {
  if (hostSheetAdopted) return;
  hostSheetAdopted = true;
  adoptSheets(doc, [sheet(HOST_CSS)]);
}
