// The report fonts: found where the app ships them or the system has them; together they cover
// every character of the report wording; a missing font is a clear UNAVAILABLE error that says
// what to do, not a crash inside the PDF library.
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { PDF_TERMS } from '../../../../../electron/core/reports/pdf/pdf-terms';
import { loadReportFont, loadReportFonts, REPORT_FONTS, reportFontCandidates } from '../../../../../electron/core/reports/pdf/report-font';
import * as terms from '../../../../../electron/core/reports/templates/report-terms';

describe('report font', () => {
  it('loads two TrueType fonts', () => {
    const fonts = loadReportFonts();
    for (const bytes of [fonts.cjk, fonts.latin]) expect(Buffer.from(bytes.subarray(0, 4)).toString('hex')).toBe('00010000');
  });

  it('has a glyph in the CJK or the Latin font for every character of every report term in both languages', () => {
    const fonts = loadReportFonts();
    const [cjk, latin] = [fontkit.create(fonts.cjk), fontkit.create(fonts.latin)];
    const tables = [PDF_TERMS, terms.PHRASES, terms.EXAM_TITLES, terms.STATUS_TERMS, terms.LOCATION_TERMS, terms.CONSISTENCY_TERMS, terms.TYPE_TERMS, terms.SIDE_TERMS, terms.REJECT_REASON_TERMS];
    const characters = new Set(tables.flatMap((table) => Object.values(table).flatMap((term: terms.Term) => [...term['zh-CN'], ...term.en])));
    expect(characters.size).toBeGreaterThan(150);
    const missing = [...characters].filter((ch) => !cjk.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0) && !latin.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0));
    expect(missing).toEqual([]);
  });

  it('gives UNAVAILABLE with a sentence naming the font and the fix when no candidate exists', () => {
    expect(reportFontCandidates(REPORT_FONTS.cjk).at(-1)).toBe(REPORT_FONTS.cjk.system);
    expect(() => loadReportFont(REPORT_FONTS.cjk, ['/nonexistent/a.ttf'])).toThrow(expect.objectContaining({ code: 'UNAVAILABLE', message: expect.stringMatching(/DroidSansFallbackFull\.ttf is missing.*fonts-droid-fallback/) }));
  });
});
