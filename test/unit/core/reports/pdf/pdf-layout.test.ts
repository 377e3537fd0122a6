// Every character of the report wording, drawn through the report layout (embedded font subsets),
// must come out as ink when poppler renders the page, not only as extractable text: pdftotext
// -bbox says where poppler placed each character, pdftoppm renders the pages, and each box must
// hold dark pixels. This is what catches a broken font subset (see even-glyph-subsets.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PdfLayout } from '../../../../../electron/core/reports/pdf/pdf-layout';
import { PDF_TERMS } from '../../../../../electron/core/reports/pdf/pdf-terms';
import { loadReportFonts } from '../../../../../electron/core/reports/pdf/report-font';
import * as terms from '../../../../../electron/core/reports/templates/report-terms';

function readPgm(file: string): { width: number; height: number; pixels: Uint8Array } {
  const bytes = readFileSync(file);
  const header = bytes.subarray(0, 64).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
  if (!header) throw new Error(`${file} is not an 8-bit PGM`);
  return { width: Number(header[1]), height: Number(header[2]), pixels: bytes.subarray(header[0].length) };
}

describe('PDF layout fonts', () => {
  it('renders ink for every character of the report terms in both languages', async () => {
    const tables = [PDF_TERMS, terms.PHRASES, terms.EXAM_TITLES, terms.STATUS_TERMS, terms.LOCATION_TERMS, terms.CONSISTENCY_TERMS, terms.TYPE_TERMS, terms.SIDE_TERMS];
    const characters = [...new Set(tables.flatMap((table) => Object.values(table).flatMap((term: terms.Term) => [...term['zh-CN'], ...term.en])))].filter((ch) => /\S/u.test(ch));
    const layout = await PdfLayout.create(loadReportFonts());
    // Forty characters to a line, each followed by a space so pdftotext gives each its own box.
    for (let i = 0; i < characters.length; i += 40) layout.text(characters.slice(i, i + 40).join(' '), { size: 12 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'yingdu-pdf-layout-'));
    try {
      const pdf = path.join(dir, 'chars.pdf');
      writeFileSync(pdf, await layout.doc.save());
      execFileSync('pdftoppm', ['-r', '72', '-gray', pdf, path.join(dir, 'page')]);
      const pages = readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort().map((f) => readPgm(path.join(dir, f)));
      const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
      const seen: string[] = [];
      const blank: string[] = [];
      html.split('<page').slice(1).forEach((pageHtml, p) => {
        const page = pages[p];
        if (!page) throw new Error(`page ${p + 1} was not rendered`);
        for (const m of pageHtml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
          const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
          const word = (m[5] ?? '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
          seen.push(word);
          let ink = 0;
          for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
            for (let x = Math.floor(x0); x < Math.ceil(x1); x++) if ((page.pixels[y * page.width + x] ?? 255) < 224) ink++;
          }
          if (ink === 0) blank.push(word);
        }
      });
      expect(seen.join('')).toBe(characters.join(''));
      expect(blank).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
