// parseDicom on small files written in the test: each rule of the validating parser, one case
// that breaks it and one that does not.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseDicom } from '../../../../electron/core/dicom/parse-dicom';
import { AppError } from '../../../../electron/shared/result';
import {
  buildDicomFile,
  encodeElements,
  EXPLICIT_LE,
  type FileElement,
  identityElements,
  IMPLICIT_LE,
  tag,
  u16le,
  u32le,
} from '../../../support/dicom-file-builder';

const us = (group: number, element: number, value: number): FileElement => ({ tag: tag(group, element), vr: 'US', value: u16le(value) });
const imageHeader = (rows: number, columns: number, bits = 16, extra: FileElement[] = []): FileElement[] => [
  ...identityElements(),
  us(0x0028, 0x0002, 1),
  { tag: tag(0x0028, 0x0004), vr: 'CS', value: 'MONOCHROME2' },
  us(0x0028, 0x0010, rows),
  us(0x0028, 0x0011, columns),
  us(0x0028, 0x0100, bits),
  ...extra,
];
const pixels = (length: number): FileElement => ({ tag: tag(0x7fe0, 0x0010), vr: 'OW', value: new Uint8Array(length) });

function codeOf(bytes: Uint8Array): string {
  try {
    parseDicom(bytes);
    return 'accepted';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

function errorOf(bytes: Uint8Array): AppError {
  try {
    parseDicom(bytes);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

/** Encapsulated Pixel Data (PS3.5 A.4): items of the given lengths, the first being the offset table. */
function encapsulated(items: number[], delimiter = true): FileElement {
  const parts: Uint8Array[] = [];
  for (const length of items) parts.push(u16le(0xfffe), u16le(0xe000), u32le(length), new Uint8Array(length));
  if (delimiter) parts.push(u16le(0xfffe), u16le(0xe0dd), u32le(0));
  return { tag: tag(0x7fe0, 0x0010), vr: 'OB', value: Buffer.concat(parts), undefinedLength: true };
}

describe('parseDicom', () => {
  it('reads identity, image and geometry attributes', () => {
    const parsed = parseDicom(
      buildDicomFile({
        elements: [
          ...imageHeader(2, 3),
          { tag: tag(0x0008, 0x0060), vr: 'CS', value: 'CT' },
          { tag: tag(0x0020, 0x0013), vr: 'IS', value: ' 12 ' },
          { tag: tag(0x0020, 0x0032), vr: 'DS', value: '-1.5\\2\\3e1' },
          { tag: tag(0x0028, 0x0030), vr: 'DS', value: '0.5\\0.25' },
          { tag: tag(0x0018, 0x0050), vr: 'DS', value: 'not a number' },
          pixels(12),
        ],
      }),
    );
    expect(parsed).toMatchObject({
      transferSyntaxUID: EXPLICIT_LE,
      inferredTransferSyntax: false,
      modality: 'CT',
      instanceNumber: 12,
      rows: 2,
      columns: 3,
      imagePositionPatient: [-1.5, 2, 30],
      pixelSpacing: [0.5, 0.25],
      sliceThickness: null,
      hasPixelData: true,
    });
  });

  it('rejects a transfer syntax it does not know', () => {
    const error = errorOf(buildDicomFile({ elements: identityElements(), transferSyntax: '1.2.3.4.5' }));
    expect(error.code).toBe('UNSUPPORTED_TRANSFER_SYNTAX');
    expect(error.message).toContain('1.2.3.4.5');
  });

  it('rejects a value representation DICOM does not define', () => {
    const bytes = buildDicomFile({ elements: [...identityElements(), { tag: tag(0x0010, 0x0010), vr: 'ZZ', value: 'ab' }] });
    expect(codeOf(bytes)).toBe('BAD_VR');
  });

  it('names each missing UID', () => {
    const [sopClass, sopInstance] = identityElements();
    const error = errorOf(buildDicomFile({ elements: [sopClass!, sopInstance!] }));
    expect(error.code).toBe('MISSING_UID');
    expect(error.message).toContain('Study Instance UID (0020,000D)');
    expect(error.message).toContain('Series Instance UID (0020,000E)');
  });

  it('checks native pixel data against Rows × Columns × Samples × Bits Allocated × Frames', () => {
    expect(codeOf(buildDicomFile({ elements: [...imageHeader(4, 4), pixels(32)] }))).toBe('accepted');
    const short = errorOf(buildDicomFile({ elements: [...imageHeader(4, 4), pixels(30)] }));
    expect(short.code).toBe('PIXEL_DATA_LENGTH_MISMATCH');
    expect(short.message).toContain('holds 30 bytes');
    const frames = { tag: tag(0x0028, 0x0008), vr: 'IS', value: '3' };
    expect(codeOf(buildDicomFile({ elements: [...imageHeader(4, 4, 16, [frames]), pixels(64)] }))).toBe('PIXEL_DATA_LENGTH_MISMATCH');
    // 1-bit pixels are packed: 5 × 5 = 25 bits → 4 bytes (PS3.5 §8.1.1).
    expect(codeOf(buildDicomFile({ elements: [...imageHeader(5, 5, 1), pixels(4)] }))).toBe('accepted');
  });

  it('says how far into the pixel data a truncated file ends', () => {
    const whole = buildDicomFile({ elements: [...imageHeader(64, 64), pixels(8192)] });
    const error = errorOf(whole.subarray(0, whole.length - 1204));
    expect(error.code).toBe('TRUNCATED');
    expect(error.message).toBe('The file ends 6,988 bytes into the pixel data, which should be 8,192 bytes long: it is truncated.');
  });

  it('checks the item structure of encapsulated pixel data', () => {
    const jpeg = '1.2.840.10008.1.2.4.70';
    const frames = { tag: tag(0x0028, 0x0008), vr: 'IS', value: '2' };
    const file = (px: FileElement, extra: FileElement[] = []) => buildDicomFile({ elements: [...imageHeader(8, 8, 16, extra), px], transferSyntax: jpeg });
    expect(codeOf(file(encapsulated([0, 100, 50]), [frames]))).toBe('accepted');
    expect(codeOf(file(encapsulated([0, 100]), [frames]))).toBe('PIXEL_DATA_LENGTH_MISMATCH');
    expect(codeOf(file(encapsulated([0]), []))).toBe('PIXEL_DATA_LENGTH_MISMATCH');
    expect(codeOf(file(encapsulated([0, 100], false)))).toBe('TRUNCATED');
    // Encapsulated pixel data in a file whose transfer syntax says native.
    expect(codeOf(buildDicomFile({ elements: [...imageHeader(8, 8), encapsulated([0, 100])] }))).toBe('PIXEL_DATA_LENGTH_MISMATCH');
  });

  it('accepts Implicit VR files without preamble or meta header, as dcmtk does', () => {
    const bytes = buildDicomFile({ elements: [...imageHeader(2, 2), pixels(8)], transferSyntax: IMPLICIT_LE, preamble: false });
    const parsed = parseDicom(bytes);
    expect(parsed).toMatchObject({ transferSyntaxUID: IMPLICIT_LE, inferredTransferSyntax: true, rows: 2, hasPixelData: true });
  });

  it('inflates Deflated Explicit VR Little Endian and reports a cut stream as truncated', () => {
    const deflated = '1.2.840.10008.1.2.1.99';
    const whole = buildDicomFile({ elements: identityElements(), transferSyntax: deflated });
    const datasetStart = whole.length - encodeElements([...identityElements()].sort((a, b) => a.tag - b.tag), true).length;
    const file = Buffer.concat([whole.subarray(0, datasetStart), deflateRawSync(whole.subarray(datasetStart))]);
    expect(parseDicom(file)).toMatchObject({ transferSyntaxUID: deflated, sopInstanceUID: '1.2.826.0.1.3680043.10.1.1' });
    expect(codeOf(file.subarray(0, file.length - 20))).toBe('TRUNCATED');
  });

  it('rejects files that are not DICOM', () => {
    expect(codeOf(new Uint8Array(0))).toBe('NOT_DICOM');
    expect(codeOf(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n'))).toBe('NOT_DICOM');
    expect(codeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('NOT_DICOM');
  });

  it('rejects an element longer than the item that holds it', () => {
    const item: FileElement[] = [{ tag: tag(0x0008, 0x0100), vr: 'SH', value: 'T-D1100' }];
    const bytes = buildDicomFile({ elements: [...identityElements(), { tag: tag(0x0008, 0x1032), vr: 'SQ', value: [item] }] });
    const at = Buffer.from(bytes).indexOf(Buffer.from('T-D1100'));
    new DataView(bytes.buffer, bytes.byteOffset).setUint16(at - 2, 40, true);
    expect(codeOf(bytes)).toBe('BAD_LENGTH');
  });

  it('takes geometry from the functional groups of enhanced multi-frame objects', () => {
    const measures: FileElement = {
      tag: tag(0x0028, 0x9110),
      vr: 'SQ',
      value: [[{ tag: tag(0x0018, 0x0050), vr: 'DS', value: '1.25' }, { tag: tag(0x0028, 0x0030), vr: 'DS', value: '0.7\\0.7' }]],
    };
    const position: FileElement = { tag: tag(0x0020, 0x9113), vr: 'SQ', value: [[{ tag: tag(0x0020, 0x0032), vr: 'DS', value: '1\\2\\3' }]] };
    const shared: FileElement = { tag: tag(0x5200, 0x9229), vr: 'SQ', value: [[measures]] };
    const perFrame: FileElement = { tag: tag(0x5200, 0x9230), vr: 'SQ', value: [[position], [position]], undefinedLength: true };
    const parsed = parseDicom(buildDicomFile({ elements: [...identityElements(), shared, perFrame] }));
    expect(parsed).toMatchObject({ pixelSpacing: [0.7, 0.7], sliceThickness: 1.25, imagePositionPatient: [1, 2, 3], hasPixelData: false });
  });
});

describe('parseDicom when the meta header and the dataset disagree', () => {
  it('reads an Implicit VR dataset declared Explicit (and the reverse) as dcmtk does', () => {
    const declaredExplicit = buildDicomFile({ elements: identityElements(), transferSyntax: EXPLICIT_LE, encodeAs: IMPLICIT_LE });
    expect(parseDicom(declaredExplicit)).toMatchObject({ transferSyntaxUID: IMPLICIT_LE, inferredTransferSyntax: true });
    const declaredImplicit = buildDicomFile({ elements: identityElements(), transferSyntax: IMPLICIT_LE, encodeAs: EXPLICIT_LE });
    expect(parseDicom(declaredImplicit)).toMatchObject({ transferSyntaxUID: EXPLICIT_LE, inferredTransferSyntax: true });
    const honest = buildDicomFile({ elements: identityElements(), transferSyntax: IMPLICIT_LE });
    expect(parseDicom(honest)).toMatchObject({ transferSyntaxUID: IMPLICIT_LE, inferredTransferSyntax: false });
  });

  it('does not read an opaque Implicit VR value as a sequence because it starts like an item', () => {
    // (0009,1001) private blob: starts with an item tag but is not a chain of items.
    const blob = Buffer.concat([u16le(0xfffe), u16le(0xe000), u32le(100), new Uint8Array(4)]);
    const bytes = buildDicomFile({ elements: [...identityElements(), { tag: tag(0x0009, 0x1001), vr: 'OB', value: blob }], transferSyntax: IMPLICIT_LE });
    expect(codeOf(bytes)).toBe('accepted');
  });
});

describe('parseDicom after the last element', () => {
  const image = () => buildDicomFile({ elements: [...imageHeader(2, 2), pixels(8)] });

  it('ignores trailing zero padding, as dcmtk and pydicom do', () => {
    expect(parseDicom(Buffer.concat([image(), new Uint8Array(4096)]))).toMatchObject({ rows: 2, hasPixelData: true });
  });

  it('still rejects trailing bytes that are not padding', () => {
    const garbage = Buffer.concat([image(), new Uint8Array(4096)]);
    garbage[garbage.length - 100] = 0x41;
    expect(codeOf(garbage)).not.toBe('accepted');
    expect(codeOf(Buffer.concat([image(), new Uint8Array(5)]))).toBe('accepted');
    expect(codeOf(Buffer.concat([image(), Buffer.from([0x10, 0, 0x10, 0, 0x50])]))).toBe('TRUNCATED');
  });
});

describe('parseDicom on hostile text values', () => {
  it('trims a 1 MB run of NULs in linear time (a /\\0+$/ regex took hours on this; found by fuzzing)', () => {
    const value = Buffer.concat([new Uint8Array(1 << 20), Buffer.from('x ')]);
    const bytes = buildDicomFile({ elements: [...identityElements(), { tag: tag(0x0008, 0x1030), vr: 'LO', value }], transferSyntax: IMPLICIT_LE });
    const description = parseDicom(bytes).studyDescription;
    expect(description.length).toBe((1 << 20) + 1);
    expect(description.endsWith('\0x')).toBe(true);
  });
});

describe('parseDicom on nested lengths', () => {
  it('bounds an undefined-length sequence by the defined-length item around it', () => {
    // Outer item (defined length L) → inner sequence and item (undefined lengths) → an SH value
    // that runs 4 bytes past the outer item; the delimiters that close the inner sequence follow.
    // Structurally everything closes, so only the outer item's bound reveals the overrun.
    const outerValue = (shLength: number) => {
      const content = Buffer.concat([
        u16le(0x0040), u16le(0xa730), Buffer.from('SQ'), u16le(0), u32le(0xffffffff),
        u16le(0xfffe), u16le(0xe000), u32le(0xffffffff),
        u16le(0x0008), u16le(0x0100), Buffer.from('SH'), u16le(shLength), Buffer.from('ABCD'),
      ]);
      const rest = shLength === 4 ? Buffer.alloc(0) : Buffer.from('WXYZ');
      const close = Buffer.concat([u16le(0xfffe), u16le(0xe00d), u32le(0), u16le(0xfffe), u16le(0xe0dd), u32le(0)]);
      return Buffer.concat([u16le(0xfffe), u16le(0xe000), u32le(content.length + (shLength === 4 ? close.length : 0)), content, rest, close]);
    };
    const file = (shLength: number) =>
      buildDicomFile({ elements: [...identityElements(), { tag: tag(0x0008, 0x1032), vr: 'SQ', value: outerValue(shLength) }] });
    expect(codeOf(file(4))).toBe('accepted');
    const error = errorOf(file(8));
    expect(error.code).toBe('BAD_LENGTH');
    expect(error.message).toContain('enclosing item');
  });
});

describe('parseDicom on zero-filled regions', () => {
  it('walks 4 MB of zero bytes followed by data in linear time (found by fuzzing)', () => {
    // In Implicit VR, zeros read as empty (0000,0000) elements; checking "is the rest padding?"
    // afresh at each of them was quadratic (half a million rescans of up to 4 MB).
    const head = buildDicomFile({ elements: identityElements(), transferSyntax: IMPLICIT_LE });
    const tail = Buffer.concat([u16le(0x0010), u16le(0x0010), u32le(4), Buffer.from('ABCD')]);
    const parsed = parseDicom(Buffer.concat([head, new Uint8Array(4 << 20), tail]));
    expect(parsed.patientName.alphabetic).toBe('ABCD');
  });
});
