/**
 * Four of the eight languages are written right to left, so the extension's stylesheets lay out in
 * logical directions (`margin-inline-start`, `text-align: start`…) that turn round with `dir`. A
 * physical left or right fails here unless it is listed below with the reason it must stay.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STYLE_DIRS = ['components', 'entrypoints', 'assets/styles'];

/**
 * `file: declaration` pairs that must stay physical, each with its reason. Empty today: a flipped
 * glyph uses `transform: scaleX(-1)`, which names no side.
 */
const ALLOWED: Record<string, string> = {};

/** Property names and values that name a side of the screen rather than of the text. */
const PHYSICAL_PROPERTY =
  /^(?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right)\b|^(?:left|right)$|^border-(?:top|bottom)-(?:left|right)-radius$/;
const PHYSICAL_VALUE = /^(?:text-align|float|clear|caption-side|resize)$/;

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return cssFiles(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

/** Every physical declaration in `css`, as `property: value` (comments removed). */
export function physicalDeclarations(css: string): string[] {
  const found: string[] = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const match of text.matchAll(/([\w-]+)\s*:\s*([^;{}]+)\s*(?:;|(?=\}))/g)) {
    const property = match[1]!.toLowerCase();
    const value = match[2]!.trim();
    if (PHYSICAL_PROPERTY.test(property)) found.push(`${property}: ${value}`);
    else if (PHYSICAL_VALUE.test(property) && /\b(?:left|right)\b/.test(value))
      found.push(`${property}: ${value}`);
  }
  return found;
}

describe('the physical-side finder', () => {
  it('names left and right properties and values, not logical ones nor selectors', () => {
    const css = `
      .a { margin-left: auto; padding-right: 4px; text-align: left; left: 0; float: right }
      .b { margin-inline-start: auto; text-align: start; border-top: none; inset-inline-end: 0 }
      .c:hover { border-right: 1px solid; border-top-left-radius: 2px } /* text-align: right */
      [dir='rtl'] .d { transform: scaleX(-1) }`;
    expect(physicalDeclarations(css)).toEqual([
      'margin-left: auto',
      'padding-right: 4px',
      'text-align: left',
      'left: 0',
      'float: right',
      'border-right: 1px solid',
      'border-top-left-radius: 2px',
    ]);
  });
});

describe('the extension stylesheets', () => {
  const files = STYLE_DIRS.flatMap((dir) => cssFiles(join(ROOT, dir)));

  it('are found', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  it('use logical directions only, apart from the listed exceptions', () => {
    const found = files.flatMap((file) => {
      const name = relative(ROOT, file);
      return physicalDeclarations(readFileSync(file, 'utf8'))
        .map((declaration) => `${name}: ${declaration}`)
        .filter((entry) => !(entry in ALLOWED));
    });
    expect(found).toEqual([]);
  });
});
