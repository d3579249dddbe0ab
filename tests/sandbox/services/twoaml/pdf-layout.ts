/** A tiny top-down page writer over pdf-lib: headings, label/value rows, wrapped paragraphs, a risk gauge. */
import { type PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';

export const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = 48;

export const COLORS = {
  ink: rgb(0.12, 0.14, 0.18),
  muted: rgb(0.42, 0.45, 0.5),
  rule: rgb(0.85, 0.87, 0.9),
  brand: rgb(0.11, 0.3, 0.62),
  low: rgb(0.18, 0.6, 0.34),
  medium: rgb(0.9, 0.66, 0.12),
  high: rgb(0.9, 0.4, 0.12),
  critical: rgb(0.78, 0.12, 0.16),
} as const;

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

/** Embeds the three standard fonts the reports use (no font files needed, Latin text only). */
export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  return {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
}

/** Writes downwards from the top margin, starting a new page when the current one is full. */
export class PageWriter {
  page: PDFPage;
  y: number;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
    private readonly footer: string,
  ) {
    this.page = this.newPage();
    this.y = A4.height - MARGIN;
  }

  private newPage(): PDFPage {
    const page = this.doc.addPage([A4.width, A4.height]);
    page.drawText(this.footer, { x: MARGIN, y: 28, size: 8, font: this.fonts.regular, color: COLORS.muted });
    return page;
  }

  /** Makes room for `height` points, breaking the page if needed. */
  ensure(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.newPage();
    this.y = A4.height - MARGIN;
  }

  /** The report's title band. */
  title(text: string, subtitle: string): void {
    this.page.drawRectangle({ x: 0, y: A4.height - 96, width: A4.width, height: 96, color: COLORS.brand });
    this.page.drawText(text, {
      x: MARGIN,
      y: A4.height - 52,
      size: 22,
      font: this.fonts.bold,
      color: rgb(1, 1, 1),
    });
    this.page.drawText(subtitle, {
      x: MARGIN,
      y: A4.height - 74,
      size: 10,
      font: this.fonts.regular,
      color: rgb(1, 1, 1),
    });
    this.y = A4.height - 124;
  }

  /** A section heading, kept on one page with at least `keepWith` points of what follows. */
  heading(text: string, keepWith = 40): void {
    this.ensure(34 + keepWith);
    this.y -= 10;
    this.page.drawText(text, { x: MARGIN, y: this.y, size: 13, font: this.fonts.bold, color: COLORS.brand });
    this.y -= 8;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4.width - MARGIN, y: this.y },
      thickness: 0.7,
      color: COLORS.rule,
    });
    this.y -= 16;
  }

  /** One "label: value" row; `mono` for addresses and hashes. */
  row(label: string, value: string, options: { mono?: boolean; color?: RGB } = {}): void {
    this.ensure(18);
    this.page.drawText(label, {
      x: MARGIN,
      y: this.y,
      size: 10,
      font: this.fonts.regular,
      color: COLORS.muted,
    });
    this.page.drawText(value, {
      x: MARGIN + 150,
      y: this.y,
      size: 10,
      font: options.mono ? this.fonts.mono : this.fonts.bold,
      color: options.color ?? COLORS.ink,
    });
    this.y -= 18;
  }

  /** A paragraph wrapped to the page width. */
  paragraph(text: string, size = 9.5): void {
    const width = A4.width - 2 * MARGIN;
    const words = text.split(/\s+/);
    let line = '';
    const flush = () => {
      this.ensure(size + 5);
      this.page.drawText(line, { x: MARGIN, y: this.y, size, font: this.fonts.regular, color: COLORS.ink });
      this.y -= size + 5;
      line = '';
    };
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (this.fonts.regular.widthOfTextAtSize(candidate, size) > width && line) {
        flush();
        line = word;
      } else {
        line = candidate;
      }
    }
    if (line) flush();
    this.y -= 6;
  }

  /** Writes "Page i of n" on every page (call once, after the last page exists). */
  numberPages(): void {
    const pages = this.doc.getPages();
    pages.forEach((page, index) => {
      const text = `Page ${index + 1} of ${pages.length}`;
      const width = this.fonts.regular.widthOfTextAtSize(text, 8);
      page.drawText(text, {
        x: A4.width - MARGIN - width,
        y: 28,
        size: 8,
        font: this.fonts.regular,
        color: COLORS.muted,
      });
    });
  }

  /** The score as a big number beside a 0-100 bar coloured by band, with a marker at the score. */
  gauge(score: number, levelLabel: string, levelColor: RGB): void {
    this.ensure(84);
    const top = this.y;
    this.page.drawText(String(score), {
      x: MARGIN,
      y: top - 40,
      size: 40,
      font: this.fonts.bold,
      color: levelColor,
    });
    this.page.drawText('/ 100', {
      x: MARGIN + 58,
      y: top - 40,
      size: 12,
      font: this.fonts.regular,
      color: COLORS.muted,
    });
    this.page.drawText(levelLabel, {
      x: MARGIN,
      y: top - 62,
      size: 12,
      font: this.fonts.bold,
      color: levelColor,
    });
    const barX = MARGIN + 150;
    const barWidth = A4.width - MARGIN - barX;
    const bands: [number, number, RGB][] = [
      [0, 35, COLORS.low],
      [35, 65, COLORS.medium],
      [65, 85, COLORS.high],
      [85, 100, COLORS.critical],
    ];
    for (const [from, to, color] of bands) {
      this.page.drawRectangle({
        x: barX + (barWidth * from) / 100,
        y: top - 34,
        width: (barWidth * (to - from)) / 100,
        height: 12,
        color,
      });
    }
    const markerX = barX + (barWidth * score) / 100;
    this.page.drawRectangle({ x: markerX - 1.5, y: top - 42, width: 3, height: 28, color: COLORS.ink });
    for (const tick of [0, 35, 65, 85, 100]) {
      this.page.drawText(String(tick), {
        x: barX + (barWidth * tick) / 100 - 4,
        y: top - 54,
        size: 7,
        font: this.fonts.regular,
        color: COLORS.muted,
      });
    }
    this.y = top - 84;
  }
}
