// A small flowing layout on pdf-lib for the report: A4 pages, a cursor that moves down and opens
// a new page when the next block does not fit, wrapped text (Latin words break at spaces, CJK
// between any two characters), simple tables and images. Fonts are chosen per character: the
// CJK font when it has the glyph, else the Latin font, else Helvetica for a WinAnsi character,
// so no character silently becomes an empty box (the last resort is a visible "?").
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFImage, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { evenGlyphFontkit } from './even-glyph-subsets';
import type { ReportFontBytes } from './report-font';

export const PAGE = { width: 595.28, height: 841.89, margin: 48 } as const;
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const GREY = rgb(0.45, 0.45, 0.45);
const BLACK = rgb(0, 0, 0);

/** Helvetica (WinAnsi) draws Latin-1 and a few typographic marks; anything else becomes "?". */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const winAnsi = (ch: string) => (ch.codePointAt(0) ?? 0) <= 0xff || WIN_ANSI_EXTRA.has(ch);

interface Run {
  text: string;
  font: PDFFont;
}

export interface TextStyle {
  size?: number;
  colour?: 'black' | 'grey';
  indent?: number;
}

export class PdfLayout {
  private page!: PDFPage;
  private y = 0;

  private constructor(
    readonly doc: PDFDocument,
    private readonly fontFor: (ch: string) => { font: PDFFont; drawn: string },
  ) {
    this.newPage();
  }

  static async create(fonts: ReportFontBytes): Promise<PdfLayout> {
    // No automatic dates: the report sets them from its signature, so a signed report always gives the same bytes.
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(evenGlyphFontkit);
    // subset: only the glyphs the report uses go into the file (the CJK font alone is ~4 MB). Fixed
    // subset tags (PDF 32000-1 9.6.4) instead of pdf-lib's random suffix keep the output reproducible.
    const cjk = await doc.embedFont(fonts.cjk, { subset: true, customName: 'YINGDU+DroidSansFallbackFull' });
    const latin = await doc.embedFont(fonts.latin, { subset: true, customName: 'YINGDV+DejaVuSans' });
    const helvetica = await doc.embedFont(StandardFonts.Helvetica);
    const cjkFace = fontkit.create(fonts.cjk);
    const latinFace = fontkit.create(fonts.latin);
    return new PdfLayout(doc, (ch) => {
      const cp = ch.codePointAt(0) ?? 0;
      if (cjkFace.hasGlyphForCodePoint(cp)) return { font: cjk, drawn: ch };
      if (latinFace.hasGlyphForCodePoint(cp) || /\s/u.test(ch)) return { font: latin, drawn: ch };
      return { font: helvetica, drawn: winAnsi(ch) ? ch : '?' };
    });
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  /** Makes room for `height` points, opening a new page when the current one is full. */
  ensure(height: number): void {
    if (this.y - height < PAGE.margin) this.newPage();
  }

  private runs(text: string): Run[] {
    const runs: Run[] = [];
    for (const ch of text) {
      const { font, drawn } = this.fontFor(ch);
      const last = runs[runs.length - 1];
      if (last && last.font === font) last.text += drawn;
      else runs.push({ text: drawn, font });
    }
    return runs;
  }

  width(text: string, size: number): number {
    return this.runs(text).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
  }

  /** Wraps one paragraph to lines no wider than `maxWidth`. */
  wrap(text: string, size: number, maxWidth: number): string[] {
    const tokens = text.match(/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]+|\s+/gu) ?? [];
    const lines: string[] = [];
    let line = '';
    for (const token of tokens) {
      const candidate = line + token;
      if (line && this.width(candidate.trimEnd(), size) > maxWidth) {
        lines.push(line.trimEnd());
        line = /^\s+$/u.test(token) ? '' : token;
      } else {
        line = candidate;
      }
    }
    if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
    return lines;
  }

  private drawLine(text: string, x: number, y: number, size: number, colour: 'black' | 'grey'): void {
    let cursor = x;
    for (const run of this.runs(text)) {
      this.page.drawText(run.text, { x: cursor, y, size, font: run.font, color: colour === 'grey' ? GREY : BLACK });
      cursor += run.font.widthOfTextAtSize(run.text, size);
    }
  }

  /** A block of text (paragraphs split at newlines), wrapped to the content width. */
  text(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const indent = style.indent ?? 0;
    const leading = size * 1.45;
    for (const paragraph of text.split('\n')) {
      for (const line of this.wrap(paragraph, size, CONTENT_WIDTH - indent)) {
        this.ensure(leading);
        this.y -= leading;
        this.drawLine(line, PAGE.margin + indent, this.y + size * 0.3, size, style.colour ?? 'black');
      }
    }
  }

  heading(text: string, size = 12): void {
    this.ensure(size * 3);
    this.gap(size * 0.6);
    this.text(text, { size });
    this.rule();
  }

  gap(points: number): void {
    this.y -= points;
  }

  rule(): void {
    this.y -= 3;
    this.page.drawLine({ start: { x: PAGE.margin, y: this.y }, end: { x: PAGE.width - PAGE.margin, y: this.y }, thickness: 0.5, color: GREY });
    this.y -= 2;
  }

  /** A table: `widths` are fractions of the content width; each cell wraps inside its column. */
  table(header: string[], rows: string[][], widths: number[], size = 8.5): void {
    const leading = size * 1.4;
    const columns = widths.map((w) => w * CONTENT_WIDTH);
    const drawRow = (cells: string[], colour: 'black' | 'grey') => {
      const wrapped = cells.map((cell, i) => this.wrap(cell, size, (columns[i] ?? 40) - 4));
      const height = Math.max(...wrapped.map((lines) => lines.length)) * leading + 3;
      this.ensure(height);
      let x = PAGE.margin;
      wrapped.forEach((lines, i) => {
        lines.forEach((line, n) => this.drawLine(line, x + 2, this.y - (n + 1) * leading + size * 0.3, size, colour));
        x += columns[i] ?? 0;
      });
      this.y -= height;
      this.page.drawLine({ start: { x: PAGE.margin, y: this.y }, end: { x: PAGE.width - PAGE.margin, y: this.y }, thickness: 0.3, color: GREY });
    };
    drawRow(header, 'grey');
    for (const row of rows) drawRow(row, 'black');
  }

  /** Images side by side, `perRow` to a row, each with a caption under it. */
  images(items: Array<{ image: PDFImage; caption: string }>, perRow = 2): void {
    const cell = (CONTENT_WIDTH - (perRow - 1) * 12) / perRow;
    for (let start = 0; start < items.length; start += perRow) {
      const row = items.slice(start, start + perRow);
      const heights = row.map(({ image }) => (cell * image.height) / image.width);
      const captionLines = Math.max(...row.map(({ caption }) => this.wrap(caption, 8, cell).length));
      const height = Math.max(...heights) + captionLines * 11 + 10;
      this.ensure(height);
      row.forEach(({ image, caption }, i) => {
        const x = PAGE.margin + i * (cell + 12);
        const h = heights[i] ?? cell;
        this.page.drawImage(image, { x, y: this.y - h, width: cell, height: h });
        this.wrap(caption, 8, cell).forEach((line, n) => this.drawLine(line, x, this.y - h - (n + 1) * 11, 8, 'grey'));
      });
      this.y -= height;
    }
  }
}
