// Encapsulated layouts and HTJ2K, on files we encode ourselves from real images: ../shared has
// no HTJ2K sample and no Extended Offset Table, so real frames (WG04 CT1, pydicom's 10-frame MR)
// are encoded with the OpenJPEG / OpenJPH / libjxl encoders in dcmjs-codecs, wrapped in DICOM here.
// HTJ2K and JPEG XL decoding are therefore tested only on files we encoded ourselves.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DecodedPixels } from '../../../../electron/core/pixels/decoded-pixels';
import { readPixels } from '../../../../electron/core/pixels/read-pixels';
import { loadWasmCodecs } from '../../../../electron/core/pixels/wasm-codecs';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { type EncapsulatedImage, encapsulatedDicom, splitFragments } from './encapsulated-dicom';
import { compare } from './reference-decoders';

type Codecs = Awaited<ReturnType<typeof loadWasmCodecs>>;

function encode(codecs: Codecs, kind: 'j2k' | 'htj2k' | 'jxl', source: DecodedPixels, frame: number, params: { lossy?: boolean; progressionOrder?: number }): Uint8Array {
  const perFrame = source.rows * source.columns * source.samplesPerPixel;
  const samples = source.data.subarray(frame * perFrame, (frame + 1) * perFrame);
  const context = new codecs.Context({
    width: source.columns,
    height: source.rows,
    bitsAllocated: source.bitsAllocated,
    bitsStored: source.bitsStored,
    samplesPerPixel: source.samplesPerPixel,
    pixelRepresentation: source.pixelRepresentation,
    planarConfiguration: 0,
    photometricInterpretation: source.photometricInterpretation,
    decodedBuffer: new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength),
  });
  const native = codecs.NativeCodecs;
  const out = kind === 'j2k' ? native.encodeJpeg2000(context, params) : kind === 'htj2k' ? native.encodeHtJpeg2000(context, params) : native.encodeJpegXl(context, params);
  return out.getEncodedBuffer() as Uint8Array;
}

function imageOf(source: DecodedPixels, transferSyntax: string, frames: Uint8Array[][], offsetTable: EncapsulatedImage['offsetTable']): Uint8Array {
  return encapsulatedDicom({ ...baseOf(source), transferSyntax, frames, offsetTable });
}

describe.skipIf(!HAS_SHARED)(`encapsulated layouts and HTJ2K ${HAS_SHARED ? '' : SHARED_MISSING_REASON}`, () => {
  let codecs: Codecs;
  let ct: DecodedPixels;
  let mr: DecodedPixels;

  beforeAll(async () => {
    codecs = await loadWasmCodecs();
    ct = await readPixels(readFileSync(sharedData('conformance', 'wg04', 'REF', 'CT1_UNC')));
    mr = await readPixels(readFileSync(sharedData('conformance', 'pydicom', 'emri_small.dcm')));
  });

  it.each([
    ['1.2.840.10008.1.2.4.201', 'HTJ2K lossless', {}],
    ['1.2.840.10008.1.2.4.202', 'HTJ2K lossless RPCL', { progressionOrder: 2 }],
  ] as const)('%s (%s) of a signed CT slice decodes equal to the source', async (uid, _name, params) => {
    const codestream = encode(codecs, 'htj2k', ct, 0, { lossy: false, ...params });
    const decoded = await readPixels(imageOf(ct, uid, [[codestream]], 'basic'));
    expect(decoded.dtype).toBe('int16');
    expect(compare(decoded.data, ct.data, 1).mismatches).toBe(0);
  });

  it('HTJ2K lossy decodes close to the source (PSNR above 40 dB over the 16-bit range)', async () => {
    const codestream = encode(codecs, 'htj2k', ct, 0, { lossy: true });
    const decoded = await readPixels(imageOf(ct, '1.2.840.10008.1.2.4.203', [[codestream]], 'basic'));
    const diff = compare(decoded.data, ct.data, 65535);
    expect(diff.psnr).toBeGreaterThan(40);
  });

  it('JPEG XL lossless (1.2.840.10008.1.2.4.110) of a signed CT slice decodes equal to the source', async () => {
    const codestream = encode(codecs, 'jxl', ct, 0, { lossy: false });
    const decoded = await readPixels(imageOf(ct, '1.2.840.10008.1.2.4.110', [[codestream]], 'basic'));
    expect(compare(decoded.data, ct.data, 1).mismatches).toBe(0);
  });

  it.each(['basic', 'none', 'extended'] as const)(
    'multi-frame JPEG 2000 with frames split over fragments and a %s offset table decodes every frame',
    async (offsetTable) => {
      const frames = Array.from({ length: mr.frames }, (_, f) => splitFragments(encode(codecs, 'j2k', mr, f, { lossy: false }), 3));
      const file = imageOf(mr, '1.2.840.10008.1.2.4.90', frames, offsetTable);
      const all = await readPixels(file);
      expect(all.frames).toBe(10);
      expect(compare(all.data, mr.data, 1).mismatches).toBe(0);
      const seventh = await readPixels(file, { frame: 6 });
      const perFrame = mr.rows * mr.columns;
      expect(compare(seventh.data, mr.data.subarray(6 * perFrame, 7 * perFrame), 1).mismatches).toBe(0);
    },
  );

  it('a JPEG 2000 codestream cut in half is DECODE_FAILED, not a partial image', async () => {
    const codestream = encode(codecs, 'j2k', ct, 0, { lossy: false });
    const file = imageOf(ct, '1.2.840.10008.1.2.4.90', [[codestream.subarray(0, codestream.length >> 1)]], 'basic');
    await expect(readPixels(file)).rejects.toMatchObject({ code: 'DECODE_FAILED' });
  });

  it('a codestream whose size disagrees with Rows/Columns is DECODE_FAILED', async () => {
    const codestream = encode(codecs, 'j2k', mr, 0, { lossy: false });
    const file = encapsulatedDicom({
      transferSyntax: '1.2.840.10008.1.2.4.90',
      rows: 128,
      columns: 64,
      bitsAllocated: 16,
      bitsStored: 12,
      pixelRepresentation: 0,
      samplesPerPixel: 1,
      photometric: 'MONOCHROME2',
      frames: [[codestream]],
      offsetTable: 'basic',
    });
    await expect(readPixels(file)).rejects.toMatchObject({ code: 'DECODE_FAILED' });
  });

  it('video and other unsupported syntaxes are UNSUPPORTED_TRANSFER_SYNTAX', async () => {
    const file = imageOf(mr, '1.2.840.10008.1.2.4.100', [[new Uint8Array(16)]], 'basic');
    await expect(readPixels(file)).rejects.toMatchObject({ code: 'UNSUPPORTED_TRANSFER_SYNTAX' });
  });

  it('fewer fragments than frames is DECODE_FAILED', async () => {
    const codestream = encode(codecs, 'j2k', mr, 0, { lossy: false });
    const file = encapsulatedDicom({ ...baseOf(mr), frames: [[codestream]], offsetTable: 'none' });
    const patched = Buffer.from(file);
    // Claim 10 frames while holding one: Number of Frames "1 " → "10".
    const at = patched.indexOf(Buffer.from([0x28, 0x00, 0x08, 0x00, 0x49, 0x53, 0x02, 0x00]));
    patched.write('10', at + 8, 'latin1');
    await expect(readPixels(patched)).rejects.toMatchObject({ code: 'DECODE_FAILED' });
  });

  it('a truncated native image is TRUNCATED and a missing frame is INVALID_ARGUMENT', async () => {
    await expect(readPixels(readFileSync(sharedData('conformance', 'pydicom', 'MR_truncated.dcm')))).rejects.toMatchObject({ code: 'TRUNCATED' });
    await expect(readPixels(readFileSync(sharedData('conformance', 'pydicom', 'emri_small.dcm')), { frame: 10 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

/** The image description of `source`, as JPEG 2000 unless the caller overrides the syntax. */
function baseOf(source: DecodedPixels) {
  return {
    transferSyntax: '1.2.840.10008.1.2.4.90',
    rows: source.rows,
    columns: source.columns,
    bitsAllocated: source.bitsAllocated,
    bitsStored: source.bitsStored,
    pixelRepresentation: source.pixelRepresentation,
    samplesPerPixel: source.samplesPerPixel as 1 | 3,
    photometric: source.photometricInterpretation,
  };
}
