// Header parsing accepts every standard transfer syntax (PS3.6 Table A-1) and names SOP classes.
import { describe, expect, it } from 'vitest';
import { parseDicom } from '../../../../electron/core/dicom/parse-dicom';
import { describeSopClass, SOP_CLASSES } from '../../../../electron/core/dicom/sop-classes';
import { TRANSFER_SYNTAXES } from '../../../../electron/core/dicom/transfer-syntaxes';
import { buildDicomFile, type FileElement, identityElements, tag, u16le, u32le } from '../../../support/dicom-file-builder';

const header: FileElement[] = [
  { tag: tag(0x0028, 0x0010), vr: 'US', value: u16le(2) },
  { tag: tag(0x0028, 0x0011), vr: 'US', value: u16le(2) },
  { tag: tag(0x0028, 0x0100), vr: 'US', value: u16le(8) },
];
const fragments: FileElement = {
  tag: tag(0x7fe0, 0x0010),
  vr: 'OB',
  value: Buffer.concat([u16le(0xfffe), u16le(0xe000), u32le(0), u16le(0xfffe), u16le(0xe000), u32le(4), new Uint8Array(4), u16le(0xfffe), u16le(0xe0dd), u32le(0)]),
  undefinedLength: true,
};
const native: FileElement = { tag: tag(0x7fe0, 0x0010), vr: 'OB', value: new Uint8Array(4) };

describe('transfer syntaxes', () => {
  // The test writer produces little endian, undeflated datasets; big endian and deflate are covered on real files.
  const writable = TRANSFER_SYNTAXES.filter((ts) => ts.littleEndian && !ts.deflated);
  it.each(writable.map((ts) => [ts.name, ts] as const))('reads the header of %s', (_name, ts) => {
    const bytes = buildDicomFile({ elements: [...identityElements(), ...header, ts.encapsulated ? fragments : native], transferSyntax: ts.uid });
    expect(parseDicom(bytes)).toMatchObject({ transferSyntaxUID: ts.uid, hasPixelData: true, rows: 2 });
  });

  it('lists HTJ2K, JPEG-LS, JPEG 2000, RLE and the JPEG processes', () => {
    const uids = TRANSFER_SYNTAXES.map((ts) => ts.uid);
    for (const uid of ['1.2.840.10008.1.2.4.201', '1.2.840.10008.1.2.4.203', '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.5', '1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.70']) {
      expect(uids).toContain(uid);
    }
  });
});

describe('describeSopClass', () => {
  it('names the kinds the worklist distinguishes', () => {
    expect(describeSopClass('1.2.840.10008.5.1.4.1.1.2')).toEqual({ uid: '1.2.840.10008.5.1.4.1.1.2', name: 'CT', kind: 'image' });
    expect(describeSopClass('1.2.840.10008.5.1.4.1.1.66.4').kind).toBe('seg');
    expect(describeSopClass('1.2.840.10008.5.1.4.1.1.88.33').kind).toBe('sr');
    expect(describeSopClass('1.2.840.10008.5.1.4.1.1.104.1').kind).toBe('pdf');
    expect(describeSopClass('1.2.840.10008.5.1.4.1.1.481.3').kind).toBe('rt');
    expect(describeSopClass('1.2.840.10008.5.1.4.1.1.88.59').kind).toBe('kos');
    expect(describeSopClass('1.2.840.10008.5.1.4.1.1.11.1').kind).toBe('pr');
    expect(describeSopClass('1.2.3.4')).toEqual({ uid: '1.2.3.4', name: '1.2.3.4', kind: 'other' });
  });

  it('has one entry per UID', () => {
    expect(new Set(SOP_CLASSES.map((c) => c.uid)).size).toBe(SOP_CLASSES.length);
  });
});
