// @pdf-lib/fontkit 1.1.1 (the fontkit pdf-lib supports) writes TrueType subsets with a short
// 'loca' table whenever the subset is under 128 KiB. Short loca entries store offset / 2
// (OpenType 'loca' spec), so every glyph record must start at an even offset, but the subsetter
// copies glyph records at their own length without padding: after the first odd-length glyph
// every later glyph's offset is off by one byte and the viewer draws nothing for it (pdftotext
// still extracts the text, so only a rendering check sees it). Upstream fontkit fixed this
// (foliojs/fontkit#191, 1.8.0); the pdf-lib fork never took the fix. This wraps the fontkit
// object given to PDFDocument.registerFontkit so each subset pads odd glyph records with one
// zero byte — trailing bytes after a glyph's data are allowed and ignored by rasterizers.
// It touches the subset's private `_addGlyph`/`glyf`/`offset` of the pinned version (package.json
// pins 1.1.1); test/unit/core/reports/pdf/pdf-layout.test.ts renders every report character
// with poppler and fails if a glyph comes out blank.
import fontkit from '@pdf-lib/fontkit';

interface TtfSubsetInternals {
  _addGlyph?: (gid: number) => number;
  glyf: Uint8Array[];
  offset: number;
}

type Fontkit = typeof fontkit;
type FontkitFont = ReturnType<Fontkit['create']>;

function padGlyphRecords(font: FontkitFont): FontkitFont {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    const internals = subset as unknown as TtfSubsetInternals;
    const addGlyph = internals._addGlyph?.bind(subset);
    // CFF subsets have no glyph records to pad.
    if (!addGlyph) return subset;
    internals._addGlyph = (gid: number) => {
      const index = addGlyph(gid);
      const record = internals.glyf[index];
      if (record && record.length % 2 === 1) {
        // The same Buffer class as the record (fontkit bundles its own; its streams reject Node's).
        const padded = (record.constructor as unknown as { alloc(size: number): Uint8Array }).alloc(record.length + 1);
        padded.set(record);
        internals.glyf[index] = padded;
        internals.offset += 1;
      }
      return index;
    };
    return subset;
  };
  return font;
}

export const evenGlyphFontkit: Fontkit = { ...fontkit, create: (buffer: Uint8Array, postscriptName?: string) => padGlyphRecords(fontkit.create(buffer, postscriptName)) };
